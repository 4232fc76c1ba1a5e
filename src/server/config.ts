// Configuration from the environment, validated once at start and frozen. Every key, its default:
//   PORT=3000              port to listen on
//   HOST=0.0.0.0           address to listen on
//   DATA_DIR=./data        folder of the embedded SQLite database
//   DATABASE_URL           postgres://… switches to PostgreSQL (needed for cluster mode)
//   REDIS_URL              redis://… turns on cluster mode: events and rate limits shared via Redis
//   OPENING_HOURS          overrides the content pack's hours, e.g. "mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00"
//   ADMIN_EMAIL            e-mail of the first admin (default admin@localhost)
//   ADMIN_PASSWORD         password of the first admin (at least 12 characters); generated and printed once if unset
//   CONTENT_DIR=./content  the bank's content pack: imported into an empty database, then kept there
//   EVAL_DIR=./eval        the evaluation sets the quality check of a content change scores
//   LOG_LEVEL=info         pino level
//   TRUST_PROXY=false      behind a reverse proxy: how many proxy hops to trust (e.g. 1), or the
//                          proxies' addresses/CIDRs ("10.0.0.0/8,127.0.0.1"). The client's address is
//                          then read from X-Forwarded-For past those hops only, so a client cannot
//                          choose the address rate limits key on. "true" means 1 hop.
//   COOKIE_SECURE=false    true forces the session cookie Secure; otherwise it is Secure whenever the
//                          request came over HTTPS (behind TRUST_PROXY: X-Forwarded-Proto)
//   ABANDON_AFTER_MINUTES=15  a queued customer not seen (no request, no open WebSocket) this long
//                          has left: the conversation is closed as abandoned (bot ones after 24 h).
//                          At least 2: "last seen" may be a minute stale, and sweeps run each minute.
//   WIDGET_ORIGINS         other sites that may embed the chat widget, comma-separated origins like
//                          "https://www.bank.no,https://nettbank.bank.no" (scheme, host, port; no
//                          path). The customer API answers them with CORS and their pages may open
//                          the customer WebSocket; any other site's page is refused (403). Default:
//                          none, so the widget works on this service's own pages only.
//   OPS_TOKEN              bearer token that opens /metrics and /docs (at least 24 characters); an
//                          admin's session opens them too. Without it only admins see them.
//   RATE_LIMIT_REQUESTS=600, RATE_LIMIT_CONVERSATIONS=30, RATE_LIMIT_LOGINS=30, RATE_LIMIT_MESSAGES=30
//                          per minute: any request per client address; conversations started and
//                          logins per address; messages per conversation. Raised for a load
//                          benchmark (bench/load.bench.ts); the defaults suit customers.
//   SERVE_DRAFTS           true: answers and texts still `status: draft` are served (and marked
//                          "Utkast"); false: only approved ones. Default true, false when NODE_ENV=production.
//   PUBLIC_URL=http://localhost:PORT  this service's address as customers reach it; logins return here
//   OIDC_ISSUER            the BankID OpenID Connect provider (BankID OIDC, Signicat, Criipto, ID-porten …);
//                          unset in development: the local test provider starts instead (below)
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the client registered with the provider (client_secret_basic), or
//   OIDC_PRIVATE_KEY_FILE  a private JWK (JSON, with kid and alg) for private_key_jwt instead of a secret
//   OIDC_REDIRECT_URL=PUBLIC_URL/api/identity/callback   registered with the provider
//   OIDC_SCOPE="openid profile nnin"     what to ask for (the identity number's scope differs by provider)
//   OIDC_ACR="urn:bankid:bid;LOA=4"      accepted levels of assurance, comma-separated (idporten-loa-high …)
//   OIDC_IDENTITY_CLAIM=nnin             the claim with the identity number: nnin, pid, nin …
//   DEV_IDENTITY_PROVIDER  true (default without OIDC_ISSUER outside production): start the local test
//                          provider with synthetic persons; refused with NODE_ENV=production
//   DEV_IDENTITY_PROVIDER_PORT=0         where it listens on loopback (0: any free port; the start-up output says which)
//   IDENTITY_KEYS          AES-256 keys for identity numbers at rest, "id:base64,id:base64", newest first
//                          (rotation: put a new key first, run `kundesenter identity rotate`, then drop the old)
//   IDENTITY_HASH_KEY      HMAC key (base64, ≥ 32 bytes) for finding a person's rows; never changes.
//                          Both required in production; in development generated into DATA_DIR/identity-keys.json
//   IDENTITY_IDLE_MINUTES=15  a login ends after this long without the customer
//   ORDERS_WEBHOOK_URL, ORDERS_WEBHOOK_SECRET  the bank's endpoint for orders (signed, retried); the secret
//                          may list several, comma-separated, during a rotation. Unset in development: the
//                          service's own test receiver at /dev/bank/orders
//   CUSTOMER_DATA_URL, CUSTOMER_DATA_SECRET    the bank's customer-data service (postal addresses);
//                          unset in development: the test persons' fixture
//   RETENTION_BOT_DAYS=90, RETENTION_ADVISOR_DAYS=365, RETENTION_CALLBACK_DAYS=30
//                          how long a conversation the bot handled alone, one an advisor was in, and a
//                          callback request once done are kept after they closed; then deleted
import { z } from 'zod';
import { defaultLimits, type RateLimits } from './limits.js';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000_000).default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  OPENING_HOURS: z.string().min(5).optional(),
  ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address such as kari@bank.no or admin@localhost').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CONTENT_DIR: z.string().min(1).default('./content'),
  EVAL_DIR: z.string().min(1).default('./eval'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string[] => {
      if (v === 'false' || v === '0') return false;
      if (v === 'true') return 1;
      if (/^\d{1,2}$/.test(v)) return Number(v);
      const list = v.split(',').map((x) => x.trim()).filter(Boolean);
      const address = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/i;
      if (list.length && list.every((x) => address.test(x))) return list;
      ctx.addIssue({ code: 'custom', message: 'must be false, a number of proxy hops (e.g. 1), or proxy addresses/CIDRs like "10.0.0.0/8,127.0.0.1"' });
      return false;
    }),
  COOKIE_SECURE: flag,
  /** Bearer token for /metrics and /docs (Prometheus, API readers); an admin's session also opens them. */
  OPS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Serve answers and texts still marked draft. Default: yes in development, no when NODE_ENV=production. */
  SERVE_DRAFTS: z.enum(['true', 'false', '1', '0']).optional(),
  NODE_ENV: z.string().optional(),
  RATE_LIMIT_REQUESTS: perMinute(defaultLimits.requestsPerAddressPerMinute),
  RATE_LIMIT_CONVERSATIONS: perMinute(defaultLimits.conversationsPerAddressPerMinute),
  RATE_LIMIT_LOGINS: perMinute(defaultLimits.loginsPerAddressPerMinute),
  RATE_LIMIT_MESSAGES: perMinute(defaultLimits.messagesPerConversationPerMinute),
  ABANDON_AFTER_MINUTES: z.coerce.number().int().min(2).max(24 * 60).default(15),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://chat.bank.no' }).optional(),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the issuer URL, e.g. https://auth.bankid.no/auth/realms/prod' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_SCOPE: z.string().min(6).default('openid profile nnin'),
  OIDC_ACR: z
    .string()
    .default('urn:bankid:bid;LOA=4')
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)),
  OIDC_IDENTITY_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]+$/).default('nnin'),
  DEV_IDENTITY_PROVIDER: z.enum(['true', 'false', '1', '0']).optional(),
  DEV_IDENTITY_PROVIDER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  IDENTITY_KEYS: z.string().min(10).optional(),
  IDENTITY_HASH_KEY: z.string().min(10).optional(),
  IDENTITY_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  ORDERS_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  ORDERS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CUSTOMER_DATA_URL: z.url({ protocol: /^https?$/ }).optional(),
  CUSTOMER_DATA_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  RETENTION_BOT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_ADVISOR_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_CALLBACK_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  WIDGET_ORIGINS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const origins: string[] = [];
      for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
        const origin = parseOrigin(item);
        if (origin) origins.push(origin);
        else ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin like https://www.bank.no (scheme and host, an optional port, no path)` });
      }
      return [...new Set(origins)];
    }),
});

type Env = z.infer<typeof envSchema>;

const publicUrlOf = (e: Env) => (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');

function loginConfig(e: Env): LoginConfig {
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';
  const devWanted = e.DEV_IDENTITY_PROVIDER === undefined ? !e.OIDC_ISSUER && !production : e.DEV_IDENTITY_PROVIDER === 'true' || e.DEV_IDENTITY_PROVIDER === '1';
  if (devWanted && production) problems.push('DEV_IDENTITY_PROVIDER: the local test provider has synthetic persons only and refuses to run with NODE_ENV=production; set OIDC_ISSUER');
  if (devWanted && e.OIDC_ISSUER) problems.push('DEV_IDENTITY_PROVIDER: choose either the test provider or OIDC_ISSUER');
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: needed with OIDC_ISSUER');
    if (!e.OIDC_CLIENT_SECRET === !e.OIDC_PRIVATE_KEY_FILE) problems.push('OIDC_CLIENT_SECRET: give either a client secret or OIDC_PRIVATE_KEY_FILE (private_key_jwt), not both or neither');
  }
  if (!e.IDENTITY_KEYS !== !e.IDENTITY_HASH_KEY) problems.push('IDENTITY_KEYS: give IDENTITY_KEYS and IDENTITY_HASH_KEY together');
  if (production && e.OIDC_ISSUER && !e.IDENTITY_KEYS) problems.push('IDENTITY_KEYS: needed in production with OIDC_ISSUER (and IDENTITY_HASH_KEY); generate with openssl rand -base64 32');
  if (!e.ORDERS_WEBHOOK_URL !== !e.ORDERS_WEBHOOK_SECRET) problems.push('ORDERS_WEBHOOK_SECRET: give ORDERS_WEBHOOK_URL and ORDERS_WEBHOOK_SECRET together');
  if (!e.CUSTOMER_DATA_URL !== !e.CUSTOMER_DATA_SECRET) problems.push('CUSTOMER_DATA_SECRET: give CUSTOMER_DATA_URL and CUSTOMER_DATA_SECRET together');
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return Object.freeze({
    oidc: e.OIDC_ISSUER ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET, privateKeyFile: e.OIDC_PRIVATE_KEY_FILE } : undefined,
    redirectUrl: e.OIDC_REDIRECT_URL ?? `${publicUrlOf(e)}/api/identity/callback`,
    scope: e.OIDC_SCOPE,
    acceptedAcr: Object.freeze(e.OIDC_ACR),
    identityClaim: e.OIDC_IDENTITY_CLAIM,
    devProvider: devWanted ? { port: e.DEV_IDENTITY_PROVIDER_PORT ?? 0 } : undefined,
    keys: e.IDENTITY_KEYS && e.IDENTITY_HASH_KEY ? { encryption: e.IDENTITY_KEYS, hash: e.IDENTITY_HASH_KEY } : undefined,
    idleMinutes: e.IDENTITY_IDLE_MINUTES,
    webhook: e.ORDERS_WEBHOOK_URL && e.ORDERS_WEBHOOK_SECRET ? { url: e.ORDERS_WEBHOOK_URL, secrets: e.ORDERS_WEBHOOK_SECRET.split(',').map((x) => x.trim()).filter(Boolean) } : undefined,
    customerData: e.CUSTOMER_DATA_URL && e.CUSTOMER_DATA_SECRET ? { url: e.CUSTOMER_DATA_URL, secret: e.CUSTOMER_DATA_SECRET } : undefined,
  });
}

/** "https://www.bank.no" (a trailing slash is fine) → the origin; null for anything with a path, query or other scheme. */
function parseOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
  return url.origin;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly openingHours: string | undefined;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly contentDir: string;
  /** The evaluation sets a content change is checked against before it is published. */
  readonly evalDir: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses. */
  readonly trustProxy: false | number | string[];
  readonly cookieSecure: boolean;
  readonly abandonAfterMinutes: number;
  readonly opsToken: string | undefined;
  readonly serveDrafts: boolean;
  /** NODE_ENV=production. */
  readonly production: boolean;
  /** Origins of other sites whose pages may use the customer API and WebSocket (the widget). */
  readonly widgetOrigins: readonly string[];
  readonly limits: Readonly<RateLimits>;
  readonly publicUrl: string;
  readonly login: LoginConfig;
  readonly retention: { readonly botDays: number; readonly advisorDays: number; readonly callbackDays: number };
}

export interface LoginConfig {
  /** Unset: no real provider (the test provider, when `devProvider`). */
  readonly oidc:
    | { readonly issuer: string; readonly clientId: string; readonly clientSecret: string | undefined; readonly privateKeyFile: string | undefined }
    | undefined;
  readonly redirectUrl: string;
  readonly scope: string;
  readonly acceptedAcr: readonly string[];
  readonly identityClaim: string;
  readonly devProvider: { readonly port: number } | undefined;
  readonly keys: { readonly encryption: string; readonly hash: string } | undefined;
  readonly idleMinutes: number;
  readonly webhook: { readonly url: string; readonly secrets: readonly string[] } | undefined;
  readonly customerData: { readonly url: string; readonly secret: string } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration; an empty variable counts as unset. Throws one error naming every bad key. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError('invalid configuration:\n  REDIS_URL: cluster mode needs DATABASE_URL (PostgreSQL) too, so all instances share one database');
  }
  const login = loginConfig(e);
  return Object.freeze({
    publicUrl: publicUrlOf(e),
    login,
    retention: Object.freeze({ botDays: e.RETENTION_BOT_DAYS, advisorDays: e.RETENTION_ADVISOR_DAYS, callbackDays: e.RETENTION_CALLBACK_DAYS }),
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    openingHours: e.OPENING_HOURS,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    contentDir: e.CONTENT_DIR,
    evalDir: e.EVAL_DIR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    abandonAfterMinutes: e.ABANDON_AFTER_MINUTES,
    opsToken: e.OPS_TOKEN,
    serveDrafts: e.SERVE_DRAFTS === undefined ? e.NODE_ENV !== 'production' : e.SERVE_DRAFTS === 'true' || e.SERVE_DRAFTS === '1',
    widgetOrigins: Object.freeze(e.WIDGET_ORIGINS),
    production: e.NODE_ENV === 'production',
    limits: Object.freeze({
      requestsPerAddressPerMinute: e.RATE_LIMIT_REQUESTS,
      conversationsPerAddressPerMinute: e.RATE_LIMIT_CONVERSATIONS,
      loginsPerAddressPerMinute: e.RATE_LIMIT_LOGINS,
      messagesPerConversationPerMinute: e.RATE_LIMIT_MESSAGES,
    }),
  });
}
