// The bank's side, for development only: postal addresses of the test persons, and a receiver
// for orders at /dev/bank/orders that checks each webhook's signature and shows what arrived —
// so `npm start` shows the whole logged-in flow on one machine. Never mounted in production.
import type { FastifyInstance } from 'fastify';
import { SIGNATURE_HEADER, verifySignature } from '../actions/signature.js';
import type { PostalAddress } from './customer-data.js';
import { testPersons } from './test-persons.js';

const streets = ['Storgata 12', 'Fjordvegen 3', 'Kyrkjebakken 7', 'Sjøgata 21', 'Lia 5'];
const places = [
  ['5700', 'Voss'],
  ['6800', 'Førde'],
  ['5003', 'Bergen'],
  ['6900', 'Florø'],
  ['5750', 'Odda'],
] as const;

/** Each test person's address (synthetic, like the persons). */
export const devAddresses: ReadonlyMap<string, PostalAddress> = new Map(
  testPersons.map((p, i) => [p.nationalId, { name: p.name, street: streets[i % streets.length]!, postcode: places[i % places.length]![0], city: places[i % places.length]![1] }]),
);

export interface ReceivedOrder {
  idempotencyKey: string;
  receivedAt: string;
  action: string;
  /** Masked: even the test receiver shows no identity number in full. */
  customer: string;
}

/** POST /dev/bank/orders (the webhook's target) and GET /dev/bank/orders (what has arrived, JSON). */
export function devBankRoutes(app: FastifyInstance, secret: string, now: () => Date): void {
  const received = new Map<string, ReceivedOrder>();
  app.register(async (scope) => {
    // The signature is over the raw body: read it as text, not parsed.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post('/dev/bank/orders', { schema: { hide: true } }, async (req, reply) => {
      const body = String(req.body ?? '');
      if (!verifySignature(secret, req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, body, now())) return reply.status(401).send({ error: { code: 'ERR_UNAUTHORIZED', message: 'bad signature' } });
      const key = String(req.headers['idempotency-key'] ?? '');
      const order = JSON.parse(body) as { action: string; customer: { nationalId: string; name: string } };
      if (!received.has(key)) received.set(key, { idempotencyKey: key, receivedAt: now().toISOString(), action: order.action, customer: `${order.customer.name} (${order.customer.nationalId.slice(0, 6)} *****)` });
      return reply.status(204).send();
    });
    scope.get('/dev/bank/orders', { schema: { hide: true } }, async () => ({ orders: [...received.values()] }));
  });
}
