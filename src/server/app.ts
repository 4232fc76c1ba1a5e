// Builds the Fastify app from its dependencies without listening; main.ts listens. Tests build it
// on a real database and the real engine and talk to it in-process or over a port.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { AppError } from '../chat/errors.js';
import type { Redis } from 'ioredis';
import { sweepAbandoned } from '../chat/abandon.js';
import { adminService } from '../chat/admin-service.js';
import { advisorService } from '../chat/advisor-service.js';
import { authService } from '../chat/auth-service.js';
import type { ChatContext } from '../chat/context.js';
import { customerService } from '../chat/customer-service.js';
import type { EventBus } from '../chat/events.js';
import type { Schedule } from '../chat/opening-hours.js';
import { createRepositories } from '../chat/repositories/index.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Engine } from '../engine/types.js';
import { clientError, errorHandler, notFoundHandler } from './errors.js';
import type { Messages } from '../content/index.js';
import { chatTexts, type ChatTexts } from '../chat/texts.js';
import { defaultLimits, rateLimited, type RateLimits } from './limits.js';
import { defaultLoginThrottle, loginThrottle, memoryCounters, redisCounters, type LoginThrottleLimits } from './login-throttle.js';
import { createMetrics } from './metrics.js';
import { opsGuard } from './ops-guard.js';
import { originGuard } from './origins.js';
import { contentRoutes } from './routes/content.js';
import type { ContentWorkflow } from '../content/workflow.js';
import { createHub } from './realtime.js';
import { adminRoutes } from './routes/admin.js';
import { insightRoutes } from './routes/insight.js';
import { rollUpDaysOf, rollUpRecent } from '../insight/rollup.js';
import { insightQueries } from '../insight/queries.js';
import { advisorRoutes } from './routes/advisor.js';
import { customerRoutes } from './routes/customer.js';
import { realtimeRoutes } from './routes/realtime.js';
import { systemRoutes } from './routes/system.js';
import { every } from './sweeper.js';
import { identityRoutes } from './routes/identity.js';
import { privacyRoutes } from './routes/privacy.js';
import { defaultRetention, sweepRetention, type RetentionPolicy } from '../privacy/retention.js';
import { actionOffers, actionService } from '../chat/action-service.js';
import { identityService } from '../chat/identity-service.js';
import { orderStore } from '../actions/orders.js';
import { outbox as createOutbox } from '../actions/outbox.js';
import { webhookSender, type WebhookTarget } from '../actions/webhook.js';
import { auditLog } from '../audit/log.js';
import type { ActionsFile } from '../content/index.js';
import { fixtureCustomerData, type CustomerData } from '../identity/customer-data.js';
import { generateKeys, identityCipher, parseHashKey, parseKeyList, type IdentityCipher } from '../identity/keys.js';
import type { OidcClient } from '../identity/oidc.js';
import { identityStore } from '../identity/store.js';
import { useZod, zodToOpenApi } from './zod.js';
import { accessLogger } from './logger.js';

export interface AppDeps {
  db: DatabaseHandle;
  engine: Engine;
  bank: { name: string; phone: string };
  /** The content pack's texts, for the service's notices (queued, closed hours …). */
  messages: Messages;
  schedule: Schedule;
  bus: EventBus;
  redact: (text: string) => { text: string };
  /** Shares rate-limit counters between instances in cluster mode. */
  redis?: Redis | undefined;
  now?: () => Date;
  limits?: Partial<RateLimits>;
  loginThrottle?: Partial<LoginThrottleLimits>;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: false | number | string[];
  cookieSecure?: boolean;
  /** A queued customer unseen this long has left the queue (default 15). */
  abandonAfterMinutes?: number;
  /** How often this instance sweeps for abandoned conversations (default 60 s). */
  sweepEveryMs?: number;
  /** How often WebSockets are pinged (default 30 s; tests shorten it). */
  heartbeatMs?: number;
  /** Other sites whose pages may use the customer API and WebSocket (WIDGET_ORIGINS). */
  widgetOrigins?: readonly string[];
  /** Opens /metrics and /docs besides an admin session (OPS_TOKEN). */
  opsToken?: string | undefined;
  /** The content pack's actions and login texts (content/actions.yaml); absent, no login is offered. */
  actions?: ActionsFile | undefined;
  /** Logging in with BankID and delivering orders; absent, customers cannot log in. */
  login?: LoginSetup | undefined;
  /** How long transcripts are kept (RETENTION_*); the sweeper deletes what is due. */
  retention?: RetentionPolicy | undefined;
  /** The content editor's API (/api/content); absent, content changes only by import. */
  contentWorkflow?: ContentWorkflow | undefined;
}

export interface LoginSetup {
  oidc: OidcClient;
  cipher: IdentityCipher;
  /** A login ends after this long without the customer (IDENTITY_IDLE_MINUTES). */
  idleMinutes: number;
  /** This service's address as customers reach it (PUBLIC_URL): where logins return to. */
  publicUrl: string;
  customerData: CustomerData;
  /** The bank's endpoint for orders; null: actions that order something are not offered. */
  webhook: WebhookTarget | null;
  /** How often this instance looks for deliveries due (default 2 s). */
  deliverEveryMs?: number;
  outbox?: { leaseMs?: number; maxAttempts?: number; backoff?: (attempt: number) => number };
}

/** Largest request body: a message of 4,000 characters is at most 16 kB of UTF-8. */
const BODY_LIMIT = 64 * 1024;

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const texts = new WeakMap<Messages, ChatTexts>();
  const textsOf = (m: Messages) => texts.get(m) ?? texts.set(m, chatTexts(m)).get(m)!;
  const now = deps.now ?? (() => new Date());
  const limits: RateLimits = { ...defaultLimits, ...deps.limits };
  const throttle = loginThrottle(deps.redis ? redisCounters(deps.redis, 'kundesenter-login-') : memoryCounters(now), { ...defaultLoginThrottle, ...deps.loginThrottle });
  const repos = createRepositories(deps.db.db, deps.db.dialect, deps.db.direct);
  const login = deps.actions ? deps.login : undefined;
  const webhookConfigured = Boolean(login?.webhook);
  const ctx: ChatContext = {
    repos,
    // Read on each use: published content replaces them while the service runs (src/content/live.ts).
    get engine() {
      return deps.engine;
    },
    get schedule() {
      return deps.schedule;
    },
    bus: deps.bus,
    now,
    get bank() {
      return deps.bank;
    },
    get texts() {
      return textsOf(deps.messages);
    },
    redact: deps.redact,
    ...(login ? { offers: actionOffers(deps.actions, webhookConfigured), identified: (ids) => identifiedWithReasons(ids) } : {}),
  };
  async function identifiedWithReasons(ids: readonly string[]): Promise<Map<string, { reason: string | null }>> {
    const [logged, handed] = await Promise.all([identities.identified(ids), orders.handedOver(ids)]);
    const out = new Map<string, { reason: string | null }>();
    for (const id of logged) out.set(id, { reason: null });
    for (const h of handed) {
      const a = deps.actions?.actions.find((x) => x.id === h.actionId);
      out.set(h.conversationId, { reason: a?.reason ?? a?.label ?? null });
    }
    return out;
  }
  const customers = customerService(ctx);
  const audit = auditLog(deps.db.db);
  /** Rolls up the dashboard's figures for the days of conversations about to be deleted. */
  const beforeErase = async (createdAt: readonly string[]) => void (await rollUpDaysOf(deps.db.db, deps.db.dialect, createdAt, { now: now() }));
  const identities = identityStore(deps.db.db);
  const orders = orderStore(deps.db.db);
  // Without a login setup nothing is ever encrypted; a throwaway key keeps the services whole.
  const cipher = login?.cipher ?? ephemeralCipher();
  const loginTexts = deps.actions?.login;
  const identity = identityService(ctx, {
    store: identities,
    audit,
    cipher,
    oidc: login && loginTexts ? login.oidc : null,
    texts: loginTexts ?? placeholderLoginTexts,
    idleMinutes: login?.idleMinutes ?? 15,
    returnOrigins: login ? [new URL(login.publicUrl).origin, ...(deps.widgetOrigins ?? [])] : [],
    defaultReturn: login ? new URL('/', login.publicUrl).toString() : '/',
  });
  let outbox: ReturnType<typeof createOutbox>;
  const actions = actionService(ctx, {
    db: deps.db.db,
    orders,
    audit,
    identity,
    cipher,
    customerData: login?.customerData ?? fixtureCustomerData(new Map()),
    actions: login ? deps.actions : undefined,
    handoff: (conv) => customers.handoff(conv),
    deliveries: (orderId) => outbox.forOrder(orderId),
    webhookConfigured,
  });
  outbox = createOutbox({
    db: deps.db.db,
    now,
    sender: login?.webhook ? webhookSender(login.webhook, (id) => actions.render(id), { now }) : { send: async () => ({ ok: false, error: 'no ORDERS_WEBHOOK_URL configured', retry: true }) },
    ...login?.outbox,
    onSettled: (e) => actions.settled(e),
  });
  const advisors = advisorService(ctx);
  const auth = authService({ repos, now });
  const admin = adminService({ repos, bus: deps.bus, now, release: (advisorId) => advisors.releaseAll(advisorId) });
  const metrics = createMetrics(async () => (await repos.conversations.queue()).length);

  const app = Fastify({
    logger: deps.logger ?? false,
    // One line per request (below), not Fastify's two ("incoming request" and "request
    // completed"): each serialises the request and runs the URL through the redactor.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // A hop count trusts that many proxies nearest to us, never the client's own X-Forwarded-For.
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
    // Keep-alive sockets close at once on shutdown; requests in flight finish first.
    forceCloseConnections: 'idle',
    // Errors the router meets before any handler (bad URL encoding, an over-long id) get the
    // documented shape too; so do requests Node's parser refuses (headers too large).
    frameworkErrors: (error, req, reply) => errorHandler(error, req, reply),
    clientErrorHandler: clientError,
  });
  useZod(app);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // An empty JSON body reads as no body (POST /api/conversations needs none).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(Object.assign(new Error(`the body is not valid JSON: ${(e as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
  app.decorateRequest('advisor', null);

  let shuttingDown = false;
  const hub = createHub(ctx, metrics, (e) => app.log.error({ err: e }, 'realtime delivery failed'), { heartbeatMs: deps.heartbeatMs });
  // Customers who left the queue (or a bot conversation a day ago) are closed, so they stop
  // counting in positions and wait estimates. Every instance sweeps; each close happens once.
  const sweeper = every(
    deps.sweepEveryMs ?? 60_000,
    async () => {
      const swept = await sweepAbandoned(ctx, now(), { queuedAfterMinutes: deps.abandonAfterMinutes });
      for (const [outcome, ids] of Object.entries(swept)) {
        if (ids.length) metrics.conversationsSwept.inc({ outcome }, ids.length);
      }
      if (swept.abandoned.length || swept.idle.length) {
        app.log.info({ abandoned: swept.abandoned.length, idle: swept.idle.length }, 'closed conversations whose customer had gone');
      }
    },
    (e) => app.log.error({ err: e }, 'abandonment sweep failed'),
  );
  // Upkeep, apart from the abandonment sweep so it never delays it: login attempts past use, the
  // dashboard's rollups, and retention (the days it deletes are rolled up and sealed first).
  const upkeep = every(
    deps.sweepEveryMs ?? 60_000,
    async () => {
      // Login attempts are of no use after their 10 minutes; a day's margin, then they go.
      await identities.pruneAttempts(new Date(now().getTime() - 24 * 3600_000));
      // The dashboard's figures: today's and yesterday's kept current, before anything is deleted.
      await rollUpRecent(deps.db.db, deps.db.dialect, now());
      const kept = await sweepRetention(deps.db.db, now(), deps.retention ?? defaultRetention, beforeErase);
      if (kept.conversations || kept.callbacks) app.log.info(kept, 'deleted what the retention periods say is due');
    },
    (e) => app.log.error({ err: e }, 'upkeep (rollups, retention) failed'),
  );
  // Orders on their way to the bank: due rows are in the database, so any instance delivers them.
  const deliveries = login?.webhook
    ? every(
        login.deliverEveryMs ?? 2_000,
        async () => {
          await outbox.deliverDue();
        },
        (e) => app.log.error({ err: e }, 'delivering orders failed'),
      )
    : null;
  let closingIdle: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    shuttingDown = true;
    // Node closes the keep-alive connections that are idle when the server starts closing; one
    // whose request was still running goes idle later and would hold the shutdown open until its
    // keep-alive timeout. So they are closed as they go idle, until the server has closed.
    closingIdle = setInterval(() => app.server.closeIdleConnections(), 25);
    closingIdle.unref();
    hub.close();
    await sweeper.stop();
    await upkeep.stop();
    await deliveries?.stop();
  });
  app.addHook('onClose', async () => clearInterval(closingIdle));
  const accessLog = accessLogger(app.log);
  app.addHook('onResponse', async (req, reply) => {
    accessLog({ reqId: req.id, req, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime * 100) / 100 });
    const route = req.routeOptions.url ?? 'unknown';
    metrics.httpRequests.inc({ method: req.method, route, status: reply.statusCode });
    metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: limits.requestsPerAddressPerMinute,
    timeWindow: 60_000,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'kundesenter-rl-' } : {}),
    errorResponseBuilder: (_req, context) => rateLimited(Math.ceil(Number(context.ttl ?? 0) / 1000) || 60),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kundesenter chat API', version: '1.0.0', description: `Chat with ${deps.bank.name}'s assistant and advisors.` },
      components: {
        securitySchemes: {
          conversationToken: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/conversations' },
          advisorSession: { type: 'apiKey', in: 'cookie', name: 'ks_session' },
        },
      },
    },
    transform: zodToOpenApi,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI's own strict policy (its scripts and styles by hash), and never inside a frame.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace("base-uri 'self'", "base-uri 'none'").replace(/;\s*$/, ''),
    uiHooks: {
      onRequest: async (_req, reply) => {
        void reply.header('x-frame-options', 'DENY').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
      },
    },
  });
  // Client frames are small commands (routes/realtime.ts): a larger one is refused by the protocol.
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  // After the WebSocket plugin's own hooks: a refused handshake must still be marked as one, so
  // the plugin closes its socket after the 403.
  originGuard(app, { widgetOrigins: deps.widgetOrigins ?? [] });
  opsGuard(app, { auth, opsToken: deps.opsToken });
  // @fastify/websocket hides its routes from OpenAPI; ours are part of the API, so show them.
  // A WebSocket route asked without an upgrade says so (426) instead of an empty 404.
  app.addHook('onRoute', (route) => {
    if (!route.websocket) return;
    if (route.schema) route.schema.hide = false;
    const own = route.preValidation ? [route.preValidation].flat() : [];
    route.preValidation = [upgradeRequired, ...own] as typeof route.preValidation;
  });

  await app.register(async (scope) => {
    customerRoutes(scope, customers, metrics, limits);
    advisorRoutes(scope, { advisors, auth, metrics, limits, cookieSecure: deps.cookieSecure ?? false, throttle });
    adminRoutes(scope, { admin, auth });
    insightRoutes(scope, { queries: insightQueries(deps.db.db, deps.db.dialect), auth, now });
    if (deps.contentWorkflow) contentRoutes(scope, { workflow: deps.contentWorkflow, auth });
    privacyRoutes(scope, { db: deps.db.db, customers, audit, auth, cipher, now });
    identityRoutes(scope, {
      customers,
      identity,
      actions,
      outbox,
      audit,
      auth,
      now,
      perConversationPerMinute: limits.messagesPerConversationPerMinute,
      load: async (id) => {
        const conv = await repos.conversations.get(id);
        if (!conv) throw new AppError('ERR_NOT_FOUND', `conversation ${id} does not exist`);
        return conv;
      },
      // On a customer's behalf an advisor orders; handing over to an advisor is for customers.
      actionLabels: () => (login && webhookConfigured ? (deps.actions?.actions ?? []).filter((a) => a.delivery === 'webhook').map((a) => ({ id: a.id, label: a.label })) : []),
    });
    realtimeRoutes(scope, { hub, customers, advisors, auth });
    systemRoutes(scope, {
      metrics,
      ready: async () => {
        if (shuttingDown) return 'shutting down';
        try {
          await deps.db.ping();
          await deps.bus.ping();
          return null;
        } catch (e) {
          return `dependency not reachable: ${(e as Error).message}`;
        }
      },
    });
  });
  return app;
}

function ephemeralCipher(): IdentityCipher {
  const k = generateKeys();
  return identityCipher({ encryption: parseKeyList(k.keys), hash: parseHashKey(k.hashKey) });
}

/** Only read when a login setup exists without texts, which createApp does not allow (login needs actions). */
const placeholderLoginTexts: ActionsFile['login'] = {
  needed: '',
  loggedIn: '',
  loggedOut: '',
  expired: '',
  failed: { cancelled: '', acr: '', expired: '', replayed: '', state: '', claim: '', failed: '', unavailable: '' },
};

async function upgradeRequired(req: FastifyRequest): Promise<void> {
  if (!req.ws) throw new AppError('ERR_UPGRADE_REQUIRED', `${req.method} ${req.url.split('?')[0]} is a WebSocket: open it with an Upgrade: websocket request`);
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
