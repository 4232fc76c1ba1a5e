// Logged-in chat: BankID login (OpenID Connect), the actions it opens, and what advisors and
// admins see of them — the identity (masked; revealed with a reason), the orders and their
// delivery, and the audit log.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ActionService } from '../../chat/action-service.js';
import { assertWorksConversations } from '../../chat/advisor-service.js';
import type { Conversation } from '../../chat/conversation.js';
import type { CustomerService } from '../../chat/customer-service.js';
import { AppError } from '../../chat/errors.js';
import type { IdentityService } from '../../chat/identity-service.js';
import type { Outbox } from '../../actions/outbox.js';
import { auditActions, type AuditLog } from '../../audit/log.js';
import type { AuthService } from '../../chat/auth-service.js';
import type { Advisor } from '../../chat/repositories/advisors.js';
import { bearerToken, requireAdvisor, signedIn } from '../auth.js';
import { errorBody } from '../errors.js';
import { handoffResult, identityView, idParams, loginStatus, orderView, outboxRow, prepared, publicMessage } from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';
import { perConversationLimit } from '../limits.js';

const customerTags = ['customer'];
const conversationToken = [{ conversationToken: [] }];
const advisorSession = [{ advisorSession: [] }];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody, 502: errorBody };

/** The widget reads the outcome from this fragment when the customer is back on the page. */
export const LOGIN_FRAGMENT = 'kundesenter-login';

const actionParams = idParams.extend({ actionId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an action id such as order-code-chip').max(60) });
const deliveryParams = z.object({ id: z.uuid('must be a delivery id (UUID)') });
const confirmBody = z.strictObject({ again: z.boolean().optional() }).nullish();
const revealBody = z.strictObject({ reason: z.string().trim().min(5, 'say why, in a few words (at least 5 characters)').max(500).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters') });
const auditQuery = z.strictObject({
  action: z.enum(auditActions).optional(),
  actorId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: z.string().regex(/^[0-9TZ:.-]{20,30}\|[0-9a-f-]{36}$/, 'must be the `next` of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ kind: z.enum(['customer', 'advisor', 'system']), id: z.string().nullable() }),
  action: z.enum(auditActions),
  conversationId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
});

export interface IdentityRouteDeps {
  customers: CustomerService;
  identity: IdentityService;
  actions: ActionService;
  outbox: Outbox;
  audit: AuditLog;
  auth: AuthService;
  load: (id: string) => Promise<Conversation>;
  /** Names of the actions an advisor can start for a customer. */
  actionLabels: () => { id: string; label: string }[];
  now: () => Date;
  /** Per conversation and minute, as for messages: logins started and actions tried. */
  perConversationPerMinute: number;
}

function requireAdmin(req: { advisor: Advisor | null }): Advisor {
  const a = requireAdvisor(req as never);
  if (a.role !== 'admin') throw new AppError('ERR_FORBIDDEN', 'only an admin can read the audit log and the deliveries');
  return a;
}

export function identityRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  const { customers, identity, actions } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const customer = (req: { params: { id: string } } & Parameters<typeof bearerToken>[0]) => customers.authorize(req.params.id, bearerToken(req));
  const perConversation = perConversationLimit(app, deps.perConversationPerMinute);

  r.get(
    '/api/conversations/:id/identity',
    { schema: { tags: customerTags, security: conversationToken, summary: 'Whether logging in is offered, and whether this conversation is logged in (as whom, until when unless the customer is seen)', params: idParams, response: { 200: loginStatus, ...errors } } },
    async (req) => identity.status(await customer(req)),
  );

  r.post(
    '/api/conversations/:id/identity/login',
    {
      schema: {
        tags: customerTags,
        security: conversationToken,
        summary: 'Start logging in with BankID: the URL to send the customer to. `returnTo`: the page the chat is on (this service or WIDGET_ORIGINS); the customer comes back to it with `#kundesenter-login=ok` or a reason',
        params: idParams,
        body: z.strictObject({ returnTo: z.string().min(8).max(2000) }),
        response: { 200: z.object({ authorizationUrl: z.string() }), ...errors },
      },
      preHandler: perConversation,
    },
    async (req) => identity.start(await customer(req), req.body.returnTo),
  );

  r.get(
    '/api/identity/callback',
    {
      schema: {
        tags: customerTags,
        summary: `The identity provider's redirect back (OIDC_REDIRECT_URL). Always a 303 to the chat's page with #${LOGIN_FRAGMENT}=ok or one of cancelled, acr, expired, replayed, state, claim, failed, unavailable`,
        querystring: z.record(z.string(), z.string().max(4000)),
        response: { 303: z.null() },
      },
    },
    async (req, reply) => {
      const url = new URL(req.url, 'http://callback.invalid'); // only its query is read
      const outcome = await identity.finish(url);
      if (outcome.result !== 'ok') req.log.warn({ reason: outcome.result, detail: outcome.detail }, 'login refused');
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return reply.redirect(`${outcome.returnTo}#${LOGIN_FRAGMENT}=${outcome.result}`, 303);
    },
  );

  r.post(
    '/api/conversations/:id/identity/logout',
    { schema: { tags: customerTags, security: conversationToken, summary: 'Log out: the conversation goes on without the login', params: idParams, response: { 200: loginStatus, ...errors } } },
    async (req) => identity.logout(await customer(req)),
  );

  r.post(
    '/api/conversations/:id/actions/:actionId/prepare',
    {
      schema: {
        tags: customerTags,
        security: conversationToken,
        summary: 'What the customer confirms before an action: its fields as the bank has them (e.g. the postal address), or that a login is needed first',
        params: actionParams,
        response: { 200: prepared, ...errors },
      },
      preHandler: perConversation,
    },
    async (req) => actions.prepare(await customer(req), req.params.actionId),
  );

  r.post(
    '/api/conversations/:id/actions/:actionId',
    {
      schema: {
        tags: customerTags,
        security: conversationToken,
        summary: 'The customer confirms the action (logged in): the order is placed and the receipt returned. 409 ERR_CONFIRM_AGAIN when the same order was placed within its period; send `again: true` to order once more',
        params: actionParams,
        body: confirmBody,
        response: { 201: z.object({ order: orderView, receipt: publicMessage, handoff: handoffResult.optional() }), ...errors },
      },
      preHandler: perConversation,
    },
    async (req, reply) => reply.status(201).send(await actions.confirm(await customer(req), req.params.actionId, req.body ?? {})),
  );

  app.register(async (scope) => {
    scope.addHook('preHandler', signedIn(deps.auth));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['advisor'];

    s.get(
      '/api/advisor/conversations/:id/identity',
      {
        schema: {
          tags,
          security: advisorSession,
          summary: 'Who the customer is (verified with BankID; the identity number masked), the actions ordered in the conversation with their delivery, and the actions an advisor can start',
          params: idParams,
          response: { 200: z.object({ identity: identityView.nullable(), orders: z.array(orderView), actions: z.array(z.object({ id: z.string(), label: z.string() })) }), ...errors },
        },
      },
      async (req) => {
        assertWorksConversations(requireAdvisor(req));
        const conv = await deps.load(req.params.id);
        const [view, orders] = await Promise.all([identity.view(conv), actions.list(conv)]);
        return { identity: view, orders, actions: deps.actionLabels() };
      },
    );

    s.post(
      '/api/advisor/conversations/:id/identity/reveal',
      {
        schema: {
          tags,
          security: advisorSession,
          summary: 'The full identity number; the reason and the advisor go to the audit log first',
          params: idParams,
          body: revealBody,
          response: { 200: z.object({ nationalId: z.string() }), ...errors },
        },
      },
      async (req) => {
        const advisor = requireAdvisor(req);
        assertWorksConversations(advisor);
        return identity.reveal(await deps.load(req.params.id), advisor.id, req.body.reason);
      },
    );

    const ownConversation = async (advisor: Advisor, id: string) => {
      assertWorksConversations(advisor);
      const conv = await deps.load(id);
      if (conv.state !== 'advisor' || conv.advisorId !== advisor.id) throw new AppError('ERR_NOT_YOUR_CONVERSATION', 'take the conversation before acting on the customer\'s behalf');
      return conv;
    };

    s.post(
      '/api/advisor/conversations/:id/actions/:actionId/prepare',
      { schema: { tags, security: advisorSession, summary: 'What an action on the customer\'s behalf will use (the customer must be logged in)', params: actionParams, response: { 200: prepared, ...errors } } },
      async (req) => actions.prepare(await ownConversation(requireAdvisor(req), req.params.id), req.params.actionId),
    );

    s.post(
      '/api/advisor/conversations/:id/actions/:actionId',
      {
        schema: {
          tags,
          security: advisorSession,
          summary: 'Start an action on a logged-in customer\'s behalf, in a conversation the advisor has; the customer sees the receipt',
          params: actionParams,
          body: confirmBody,
          response: { 201: z.object({ order: orderView, receipt: publicMessage, handoff: handoffResult.optional() }), ...errors },
        },
      },
      async (req, reply) => {
        const advisor = requireAdvisor(req);
        return reply.status(201).send(await actions.confirm(await ownConversation(advisor, req.params.id), req.params.actionId, req.body ?? {}, advisor.id));
      },
    );

    const adminTags = ['admin'];
    s.get(
      '/api/admin/audit',
      {
        schema: {
          tags: adminTags,
          security: advisorSession,
          summary: 'The audit log, newest first: logins, reveals of identity numbers (with the reason), actions and their deliveries. Filter by action, actor, conversation and time; page with `before=next`',
          querystring: auditQuery,
          response: { 200: z.object({ entries: z.array(auditEntry), next: z.string().nullable() }), ...errors },
        },
      },
      async (req) => {
        requireAdmin(req);
        const q = req.query;
        const [at, id] = q.before ? q.before.split('|') : [];
        const entries = await deps.audit.list({
          action: q.action,
          actorId: q.actorId,
          conversationId: q.conversationId,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          before: at && id ? { at, id } : undefined,
          limit: q.limit,
        });
        const last = entries.length === q.limit ? entries.at(-1) : undefined;
        return { entries: entries.map(({ personHash: _hidden, ...e }) => e), next: last ? `${last.at}|${last.id}` : null };
      },
    );

    s.get(
      '/api/admin/deliveries',
      {
        schema: {
          tags: adminTags,
          security: advisorSession,
          summary: 'Deliveries of orders to the bank: pending (with attempts and the last error), delivered, or dead (given up; retry once the bank\'s side is fixed)',
          querystring: z.strictObject({ state: z.enum(['pending', 'delivered', 'dead']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: z.object({ deliveries: z.array(outboxRow) }), ...errors },
        },
      },
      async (req) => {
        requireAdmin(req);
        const rows = await deps.outbox.list({ state: req.query.state, limit: req.query.limit });
        return { deliveries: rows.map(outboxView) };
      },
    );

    s.post(
      '/api/admin/deliveries/:id/retry',
      { schema: { tags: adminTags, security: advisorSession, summary: 'Send a dead (or waiting) delivery again now', params: deliveryParams, response: { 200: outboxRow, ...errors } } },
      async (req) => {
        const admin = requireAdmin(req);
        const row = await deps.outbox.retry(req.params.id);
        if (!row) throw new AppError('ERR_NOT_FOUND', `delivery ${req.params.id} does not exist or is already delivered`);
        await deps.audit.append({ actor: { kind: 'advisor', id: admin.id }, action: 'delivery.retried', detail: { outboxId: row.id, orderId: row.orderId } }, deps.now());
        return outboxView(row);
      },
    );
  });
}

const outboxView = (r: Awaited<ReturnType<Outbox['list']>>[number]) => ({
  ...r,
  nextAttemptAt: r.nextAttemptAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  deliveredAt: r.deliveredAt?.toISOString() ?? null,
});
