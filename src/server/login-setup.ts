// Logging in with BankID, from the configuration: the OpenID Connect client (a real provider, or
// in development the local test provider started here), the keys for identity numbers at rest,
// the bank's customer data, and where orders go. See README "Logged-in chat".
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureCustomerData, httpCustomerData, type CustomerData, CustomerDataError } from '../identity/customer-data.js';
import type { DevProvider } from '../identity/dev-provider.js';
import { generateKeys, identityCipher, parseHashKey, parseKeyList, type IdentityCipher } from '../identity/keys.js';
import { oidcClient } from '../identity/oidc.js';
import type { LoginSetup } from './app.js';
import { ConfigError, type Config } from './config.js';

export interface BuiltLogin {
  setup: LoginSetup;
  /** The development test provider, when it runs: closed with the app. */
  devProvider: DevProvider | null;
  /** The development order receiver's secret (mounted at /dev/bank/orders), when used. */
  devReceiverSecret: string | null;
  notices: string[];
}

/** Null when neither a provider nor the test provider is configured: customers cannot log in. */
export async function buildLogin(config: Config, listenPort: () => number): Promise<BuiltLogin | null> {
  const l = config.login;
  if (!l.oidc && !l.devProvider) return null;
  const notices: string[] = [];
  const cipher = loadCipher(config, notices);
  let devProvider: DevProvider | null = null;
  let oidc;
  if (l.oidc) {
    oidc = oidcClient({
      issuer: l.oidc.issuer,
      clientId: l.oidc.clientId,
      ...(l.oidc.clientSecret ? { clientSecret: l.oidc.clientSecret } : {}),
      ...(l.oidc.privateKeyFile ? { privateKeyJwk: readJwk(l.oidc.privateKeyFile) } : {}),
      redirectUri: l.redirectUrl,
      scope: l.scope,
      acceptedAcr: l.acceptedAcr,
      identityClaim: l.identityClaim,
    });
  } else {
    const clientSecret = randomBytes(24).toString('base64url');
    // Loaded only here: oidc-provider is for development, and says so on load.
    const { startDevProvider } = await import('../identity/dev-provider.js');
    devProvider = await startDevProvider({ port: l.devProvider!.port, clients: [{ clientId: 'kundesenter-dev', clientSecret, redirectUris: [l.redirectUrl] }] });
    notices.push(
      `TEST IDENTITY PROVIDER at ${devProvider.issuer} — synthetic persons only, for development and tests. Never use it for real customers: set OIDC_ISSUER (README "Logged-in chat").`,
    );
    oidc = oidcClient({
      issuer: devProvider.issuer,
      clientId: 'kundesenter-dev',
      clientSecret,
      redirectUri: l.redirectUrl,
      scope: 'openid profile nnin',
      acceptedAcr: l.acceptedAcr,
      identityClaim: l.identityClaim,
      allowInsecureHttp: true,
    });
  }
  const development = !config.production;
  let devReceiverSecret: string | null = null;
  let webhook: LoginSetup['webhook'] = null;
  if (l.webhook) webhook = { url: l.webhook.url, secret: l.webhook.secrets };
  else if (development) {
    devReceiverSecret = randomBytes(24).toString('base64url');
    webhook = { url: `http://127.0.0.1:${listenPort()}/dev/bank/orders`, secret: devReceiverSecret };
    notices.push(`Orders go to the test receiver at /dev/bank/orders (set ORDERS_WEBHOOK_URL for the bank's system).`);
  } else notices.push('ORDERS_WEBHOOK_URL is not set: actions that order something are not offered.');
  let customerData: CustomerData;
  if (l.customerData) customerData = httpCustomerData(l.customerData);
  else if (development) customerData = fixtureCustomerData((await import('../identity/dev-bank.js')).devAddresses);
  else {
    notices.push('CUSTOMER_DATA_URL is not set: actions that need the postal address cannot look it up.');
    customerData = { postalAddress: async () => Promise.reject(new CustomerDataError('CUSTOMER_DATA_URL is not configured')) };
  }
  return {
    setup: { oidc, cipher, idleMinutes: l.idleMinutes, publicUrl: config.publicUrl, customerData, webhook },
    devProvider,
    devReceiverSecret,
    notices,
  };
}

function readJwk(file: string): JsonWebKey & { kid?: string } {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey & { kid?: string };
  } catch (e) {
    throw new ConfigError(`invalid configuration:\n  OIDC_PRIVATE_KEY_FILE: cannot read a JSON Web Key from ${file} (${(e as Error).message.split('\n')[0]})`);
  }
}

/** The configured keys; in development without them, keys kept in DATA_DIR/identity-keys.json (owner only). */
export function loadCipher(config: Config, notices: string[] = []): IdentityCipher {
  const given = config.login.keys;
  try {
    if (given) return identityCipher({ encryption: parseKeyList(given.encryption), hash: parseHashKey(given.hash) });
  } catch (e) {
    throw new ConfigError(`invalid configuration:\n  IDENTITY_KEYS: ${(e as Error).message}`);
  }
  const file = join(config.dataDir, 'identity-keys.json');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(generateKeys(), null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  notices.push(`Identity numbers are encrypted with development keys from ${file}; set IDENTITY_KEYS and IDENTITY_HASH_KEY for a real installation.`);
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { keys: string; hashKey: string };
  return identityCipher({ encryption: parseKeyList(stored.keys), hash: parseHashKey(stored.hashKey) });
}
