// The customer's own data: a JSON export and deletion of a conversation (with its token), and for
// admins, everything of a person logged in with BankID (by identity number, with a reason). Each
// is recorded in the audit log. What is kept and for how long: README "Privacy".
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../../audit/log.js';
import type { AuthService } from '../../chat/auth-service.js';
import type { CustomerService } from '../../chat/customer-service.js';
import { AppError } from '../../chat/errors.js';
import type { Database } from '../../db/schema.js';
import type { IdentityCipher } from '../../identity/keys.js';
import { eraseConversations, exportConversation } from '../../privacy/erase.js';
import { bearerToken, requireAdvisor, signedIn } from '../auth.js';
import { errorBody } from '../errors.js';
import { idParams } from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const exported = z.object({
  conversation: z.object({ id: z.string(), state: z.string(), topic: z.string().nullable(), createdAt: z.string(), closedAt: z.string().nullable(), outcome: z.string().nullable() }),
  messages: z.array(z.object({ seq: z.number(), author: z.string(), kind: z.string(), text: z.string(), createdAt: z.string() })),
  feedback: z.array(z.object({ seq: z.number(), helped: z.boolean(), createdAt: z.string() })),
  satisfaction: z.array(z.object({ score: z.number(), comment: z.string().nullable(), createdAt: z.string() })),
  callbackRequests: z.array(z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), message: z.string(), createdAt: z.string(), handledAt: z.string().nullable() })),
  logins: z.array(z.object({ name: z.string(), levelOfAssurance: z.string(), at: z.string(), endedAt: z.string().nullable() })),
  orders: z.array(z.object({ id: z.string(), action: z.string(), fields: z.unknown(), state: z.string(), createdAt: z.string(), settledAt: z.string().nullable() })),
});
const personBody = z.strictObject({
  nationalId: z.string().regex(/^\d{11}$/, 'must be an identity number of 11 digits'),
  reason: z.string().trim().min(5, 'say why, in a few words (at least 5 characters)').max(500).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters'),
});

export interface PrivacyDeps {
  db: Kysely<Database>;
  customers: CustomerService;
  audit: AuditLog;
  auth: AuthService;
  cipher: IdentityCipher;
  now: () => Date;
}

export function privacyRoutes(app: FastifyInstance, deps: PrivacyDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customer'];
  const security = [{ conversationToken: [] }];

  r.get(
    '/api/conversations/:id/export',
    { schema: { tags, security, summary: 'Everything stored about this conversation, as JSON (the customer\'s copy of their data)', params: idParams, response: { 200: exported, ...errors } } },
    async (req, reply) => {
      const conv = await deps.customers.authorize(req.params.id, bearerToken(req));
      const data = await exportConversation(deps.db, conv.id);
      if (!data) throw new AppError('ERR_NOT_FOUND', `conversation ${conv.id} does not exist`);
      await deps.audit.append({ actor: { kind: 'customer' }, action: 'privacy.exported', conversationId: conv.id, detail: { conversations: 1 } }, deps.now());
      void reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="samtale-${conv.id}.json"`);
      return data;
    },
  );

  r.delete(
    '/api/conversations/:id',
    { schema: { tags, security, summary: 'Delete this conversation and everything stored with it, now. The token stops working', params: idParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const conv = await deps.customers.authorize(req.params.id, bearerToken(req));
      await deps.audit.append({ actor: { kind: 'customer' }, action: 'privacy.deleted', conversationId: conv.id, detail: { conversations: 1 } }, deps.now());
      await eraseConversations(deps.db, [conv.id]);
      return reply.status(204).send(null);
    },
  );

  app.register(async (scope) => {
    scope.addHook('preHandler', signedIn(deps.auth));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const adminTags = ['admin'];
    const session = [{ advisorSession: [] }];
    /** The conversations a person logged in to with BankID. */
    const ofPerson = async (nationalId: string) => {
      const rows = await deps.db.selectFrom('customer_identities').select('conversation_id').distinct().where('person_hash', '=', deps.cipher.personHash(nationalId)).execute();
      return { ids: rows.map((r) => r.conversation_id), personHash: deps.cipher.personHash(nationalId) };
    };
    const admin = (req: Parameters<typeof requireAdvisor>[0]) => {
      const a = requireAdvisor(req);
      if (a.role !== 'admin') throw new AppError('ERR_FORBIDDEN', 'only an admin can export or delete a person\'s data');
      return a;
    };

    s.post(
      '/api/admin/privacy/export',
      {
        schema: {
          tags: adminTags,
          security: session,
          summary: 'Everything stored about a person who logged in with BankID: each conversation, as JSON. The reason goes to the audit log',
          body: personBody,
          response: { 200: z.object({ conversations: z.array(exported) }), ...errors },
        },
      },
      async (req) => {
        const a = admin(req);
        const { ids, personHash } = await ofPerson(req.body.nationalId);
        await deps.audit.append({ actor: { kind: 'advisor', id: a.id }, action: 'privacy.exported', personHash, reason: req.body.reason, detail: { conversations: ids.length } }, deps.now());
        const all = await Promise.all(ids.map((id) => exportConversation(deps.db, id)));
        return { conversations: all.filter((x) => x !== null) };
      },
    );

    s.post(
      '/api/admin/privacy/delete',
      {
        schema: {
          tags: adminTags,
          security: session,
          summary: 'Delete every conversation a person logged in to with BankID, and all that is stored with them. The reason goes to the audit log',
          body: personBody,
          response: { 200: z.object({ deleted: z.number() }), ...errors },
        },
      },
      async (req) => {
        const a = admin(req);
        const { ids, personHash } = await ofPerson(req.body.nationalId);
        await deps.audit.append({ actor: { kind: 'advisor', id: a.id }, action: 'privacy.deleted', personHash, reason: req.body.reason, detail: { conversations: ids.length } }, deps.now());
        return { deleted: await eraseConversations(deps.db, ids) };
      },
    );
  });
}
