// Test helpers for the outbox: fixture orders written straight into the tables, a body renderer,
// an adjustable clock, and a real HTTP receiver on loopback that checks signatures and records
// every request it gets, duplicates included.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { enqueue } from './outbox.js';
import { SIGNATURE_HEADER, verifySignature } from './signature.js';

/** A clock the test moves by hand. */
export function manualClock(start: Date) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** A logged-in conversation with `count` orders, each with its webhook outbox row, as the service would write them. */
export async function insertOrders(db: Kysely<Database>, count: number, at: Date): Promise<string[]> {
  const iso = at.toISOString();
  const conversationId = randomUUID();
  const identityId = randomUUID();
  const personHash = `person-${randomUUID()}`;
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('conversations').values({ id: conversationId, token_hash: `hash-${conversationId}`, state: 'bot', urgent: 0, error_codes: '[]', last_seq: 0, created_at: iso }).execute();
    await trx
      .insertInto('customer_identities')
      .values({ id: identityId, conversation_id: conversationId, person_hash: personHash, national_id: 'v1.k1.iv.ciphertext', name: 'Kari Nordmann', acr: 'substantial', issuer: 'https://bankid.test', verified_at: iso, last_active_at: iso })
      .execute();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      await trx
        .insertInto('action_orders')
        .values({ id, conversation_id: conversationId, identity_id: identityId, person_hash: personHash, action_id: 'order-code-chip', fields: JSON.stringify({ address: `Storgata ${i + 1}` }), state: 'requested', created_at: iso })
        .execute();
      await enqueue(trx, id, 'webhook', at);
      ids.push(id);
    }
    return ids;
  });
}

/** The JSON the bank receives for an order (in the product this belongs to the action service). */
export function renderOrder(db: Kysely<Database>) {
  return async (orderId: string): Promise<string> => {
    const o = await db.selectFrom('action_orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
    return JSON.stringify({ orderId: o.id, action: o.action_id, fields: JSON.parse(o.fields) as unknown, requestedAt: o.created_at });
  };
}

export interface Arrival {
  key: string | undefined;
  attempt: string | undefined;
  contentType: string | undefined;
  /** The signature checked out against the receiver's secret and clock. */
  signed: boolean;
  body: string;
}

export interface ReceiverOptions {
  secret: string;
  /** The receiver's clock, for the signature's timestamp. */
  now: () => Date;
  /** The status for a correctly signed request; default 200. Unsigned ones get 401. */
  status?: (arrival: Arrival, index: number) => number;
  headers?: (arrival: Arrival) => Record<string, string>;
  delayMs?: number;
  onArrival?: (arrival: Arrival) => void;
  /** Listen on this port (to come back up where a sender expects it); default any free one. */
  port?: number;
}

export interface Receiver {
  url: string;
  port: number;
  /** Every request that arrived, in order: the raw deliveries. */
  arrivals: Arrival[];
  /** Idempotency keys answered 2xx to a client still there to read it. */
  acknowledged: string[];
  /** Requests arrived and not yet answered. */
  inFlight(): number;
  close(): Promise<void>;
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const arrivals: Arrival[] = [];
  const acknowledged: string[] = [];
  let pending = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const arrival: Arrival = {
      key: header(req, 'Idempotency-Key'),
      attempt: header(req, 'Kundesenter-Attempt'),
      contentType: header(req, 'Content-Type'),
      signed: verifySignature(options.secret, header(req, SIGNATURE_HEADER), body, options.now()),
      body,
    };
    const index = arrivals.push(arrival) - 1;
    pending++;
    options.onArrival?.(arrival);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    pending--;
    if (res.destroyed) return; // the sender is gone (killed, or timed out): nobody hears an answer
    const status = arrival.signed ? (options.status?.(arrival, index) ?? 200) : 401;
    if (status >= 200 && status < 300 && arrival.key) acknowledged.push(arrival.key);
    res.writeHead(status, options.headers?.(arrival) ?? {}).end();
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/orders`,
    port,
    arrivals,
    acknowledged,
    inFlight: () => pending,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would hold the port open
      }),
  };
}
