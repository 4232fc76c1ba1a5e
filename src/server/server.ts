// Assembles a running service from the configuration: content pack and engine, opening hours,
// database (migrated), event bus, first admin, and the app. Closing the app releases them all.
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { authService } from '../chat/auth-service.js';
import { publicHolidays } from '../chat/holidays.js';
import { buildSchedule } from '../chat/opening-hours.js';
import { createRepositories } from '../chat/repositories/index.js';
import type { ContentPack } from '../content/index.js';
import { contentJobs } from '../content/jobs.js';
import { startLiveContent } from '../content/live.js';
import { contentStore } from '../content/store.js';
import { contentWorkflow } from '../content/workflow.js';
import { every } from './sweeper.js';
import { openDatabase } from '../db/connect.js';
import { redact } from '../engine/privacy/redact.js';
import { webRoutes } from '../web/routes.js';
import { createApp, type AppDeps } from './app.js';
import { localBus, redisBus } from './bus.js';
import type { Config } from './config.js';
import { firstAdminNotice, writeFirstAdmin } from './first-admin.js';
import { loggerOptions } from './logger.js';
import { buildLogin } from './login-setup.js';
import { devBankRoutes } from '../identity/dev-bank.js';

export interface ServerOptions {
  now?: () => Date;
  limits?: AppDeps['limits'];
  loginThrottle?: AppDeps['loginThrottle'];
  /** Where the generated first-admin password is shown; stdout by default. */
  print?: (line: string) => void;
  /** PostgreSQL schema (tests use a fresh one per run). */
  pgSchema?: string;
  /** Redis channel and key prefix; instances of one bank share it. */
  channel?: string;
  logger?: AppDeps['logger'];
  /** How often to sweep for abandoned conversations (default 60 s; tests shorten it). */
  sweepEveryMs?: number;
  /** How often WebSockets are pinged (default 30 s; tests shorten it). */
  heartbeatMs?: number;
  /** How often this instance looks for a newer published release (default 30 s). */
  contentPollMs?: number;
  /** Folds of the quality check's cross-validation (default 3; 0 skips it). */
  qualityFolds?: number;
  /** How often orders due are delivered, and the outbox's back-off (tests shorten them). */
  delivery?: { everyMs?: number; backoff?: (attempt: number) => number; maxAttempts?: number };
}

export async function buildServer(config: Config, options: ServerOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const scheduleOf = (p: ContentPack) =>
    buildSchedule({ openingHours: config.openingHours ?? p.bank.openingHours, timeZone: p.bank.timeZone, specialDays: p.bank.specialDays }, publicHolidays('NO'));
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, pgSchema: options.pgSchema });
  const jobs = contentJobs();
  const opened: { close(): Promise<unknown> }[] = [db, jobs];
  try {
    const store = contentStore(db.db, db.dialect);
    // The webhook of the development receiver points at this service: its port is known at listen.
    let listening = config.port;
    // Begun now: the test provider's key is made off the event loop while the content loads.
    const loginReady = buildLogin(config, () => listening);
    loginReady.catch(() => {}); // handled where it is awaited, below
    // Closed with the rest should the start fail before that.
    opened.push({ close: async () => (await loginReady.catch(() => undefined))?.devProvider?.close() });
    // The content is the database's published release (drafts reach customers only with SERVE_DRAFTS).
    const live = await startLiveContent({
      store,
      jobs,
      dir: config.contentDir,
      serveDrafts: config.serveDrafts,
      scheduleOf,
      log: (level, message) => {
        if (config.logLevel !== 'silent') (level === 'info' ? console.log : console.warn)(message);
      },
      now,
    });
    const { pack, engine } = live.current();
    if (!engine.model.calibrated) console.warn(`the model's calibration is not for this corpus: run \`kundesenter calibrate\` (thresholds from ${config.contentDir}/training/calibration.json are used meanwhile)`);
    const channel = options.channel ?? 'kundesenter';
    const logErr = (e: unknown) => console.error('redis:', (e as Error).message);
    const bus = config.redisUrl ? await redisBus(config.redisUrl, `${channel}:events`, logErr) : localBus();
    opened.unshift(bus);
    let redis: Redis | undefined;
    if (config.redisUrl) {
      const { Redis: RedisClient } = await import('ioredis'); // only in cluster mode (bus.ts)
      const r = new RedisClient(config.redisUrl, { maxRetriesPerRequest: 3, keyPrefix: `${channel}:` });
      redis = r;
      r.on('error', logErr);
      opened.unshift({ close: () => r.quit() });
    }
    if (config.production && !config.cookieSecure && config.trustProxy === false) {
      console.warn('NODE_ENV=production but the session cookie cannot be Secure: serve over HTTPS behind a proxy with TRUST_PROXY set, or set COOKIE_SECURE=true');
    }
    const firstAdmin = await authService({ repos: createRepositories(db.db, db.dialect), now }).ensureFirstAdmin({
      email: config.adminEmail,
      password: config.adminPassword,
    });
    const login = await loginReady;
    const repos = createRepositories(db.db, db.dialect, db.direct);
    const workflow = contentWorkflow({
      store,
      jobs,
      now,
      redact,
      nameOf: async (id) => (await repos.advisors.byId(id))?.name ?? null,
      onPublished: (release) => bus.publish({ type: 'content.published', release }),
      evalDir: config.evalDir,
      serveDrafts: config.serveDrafts,
      ...(options.qualityFolds !== undefined ? { qualityFolds: options.qualityFolds } : {}),
    });
    const app = await createApp({
      db,
      // Getters: the content served now, replaced by each publication (src/content/live.ts).
      get engine() {
        return live.current().engine;
      },
      get bank() {
        return live.current().pack.bank;
      },
      get messages() {
        return live.current().pack.messages;
      },
      get schedule() {
        return live.current().schedule;
      },
      contentWorkflow: workflow,
      bus,
      redact,
      redis,
      now,
      limits: { ...config.limits, ...options.limits },
      loginThrottle: options.loginThrottle,
      logger: options.logger ?? loggerOptions(config.logLevel),
      trustProxy: config.trustProxy,
      cookieSecure: config.cookieSecure,
      abandonAfterMinutes: config.abandonAfterMinutes,
      sweepEveryMs: options.sweepEveryMs,
      heartbeatMs: options.heartbeatMs,
      widgetOrigins: config.widgetOrigins,
      opsToken: config.opsToken,
      actions: pack.actions,
      retention: config.retention,
      login: login ? {
        ...login.setup,
        ...(options.delivery?.everyMs ? { deliverEveryMs: options.delivery.everyMs } : {}),
        outbox: { ...(options.delivery?.backoff ? { backoff: options.delivery.backoff } : {}), ...(options.delivery?.maxAttempts ? { maxAttempts: options.delivery.maxAttempts } : {}) },
      } : undefined,
    });
    if (login?.devReceiverSecret) devBankRoutes(app, login.devReceiverSecret, now);
    if (login) {
      const print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
      app.addHook('onListen', async () => {
        const address = app.server.address();
        if (address && typeof address === 'object') listening = address.port;
        for (const notice of login.notices) print(notice);
      });
    }
    // The help page, the widget and the advisor console.
    await app.register(webRoutes, { pack, clock: now, live: () => live.current() });
    // Every instance serves each publication: told on the bus, and checked now and then in case a
    // message was missed (Redis away for a moment).
    const refresh = () => live.refresh().catch((e: unknown) => app.log.error({ err: e }, 'loading published content failed'));
    const unsubscribe = bus.subscribe((event) => {
      if (event.type === 'content.published' && event.release > live.current().release) void refresh();
    });
    const poll = every(options.contentPollMs ?? 30_000, async () => void (await refresh()), () => {});
    app.addHook('onClose', async () => {
      unsubscribe();
      await poll.stop();
    });
    if (firstAdmin?.generatedPassword) {
      const file = writeFirstAdmin(config.dataDir, firstAdmin.advisor.email, firstAdmin.generatedPassword);
      const print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
      // After the listen line, so it does not scroll by in the middle of the start-up output.
      app.addHook('onListen', async () => {
        // Returning print's value (true) would read to Fastify as an error to log.
        print(firstAdminNotice(firstAdmin.advisor.email, firstAdmin.generatedPassword!, file));
      });
    }
    app.addHook('onClose', async () => {
      for (const r of opened) await r.close().catch(() => {});
    });
    return app;
  } catch (e) {
    for (const r of opened) await r.close().catch(() => {});
    throw e;
  }
}
