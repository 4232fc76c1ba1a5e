// A local OpenID Connect provider that looks like BankID to our client, for development and tests
// ONLY: synthetic people, a login page that lets you pick one, and no checks of who you are.
// oidc-provider does the protocol (code flow, PKCE, signed ID tokens); this file adds the people,
// the login page and a small HTTP server.
import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error -- oidc-provider ships no type declarations; the members used are typed below.
import ProviderModule, { interactionPolicy as policyModule } from 'oidc-provider';
// @ts-expect-error -- the same package's in-memory store. Passed as a factory it gives each
// provider its own store, and oidc-provider does not print its "development-only adapter" warning.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

import { testPersons, type TestPerson } from './test-persons.js';

export { testPersons, type TestPerson };

export const DEV_ACR = { high: 'urn:bankid:bid;LOA=4', substantial: 'urn:bankid:bid;LOA=3' } as const;

export interface DevClient {
  clientId: string;
  /** client_secret_basic */
  clientSecret?: string;
  /** Public keys for private_key_jwt; used instead of the secret when given. */
  jwks?: { keys: JsonWebKey[] };
  redirectUris: string[];
}

export interface DevProviderOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  clients: DevClient[];
  /** Default process.env; NODE_ENV=production refuses to start. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface DevProvider {
  issuer: string;
  close(): Promise<void>;
}

// The few parts of oidc-provider this file uses.
interface Interaction {
  uid: string;
  exp: number;
  params: Record<string, unknown>;
  session?: { uid?: string; accountId?: string };
  save(ttl: number): Promise<unknown>;
}
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface KoaContext {
  oidc: { result?: { login?: unknown } };
  type: string;
  body: string;
  status: number;
  set(header: string, value: string): void;
}
type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;
interface Provider {
  callback(): NodeHandler;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options?: { mergeWithLastSubmission: boolean }): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => Grant;
  Session: { findByUid(uid: string): Promise<{ destroy(): Promise<void> } | undefined> };
}
const OidcProvider = ProviderModule as new (issuer: string, configuration: object) => Provider;
const interactionPolicy = policyModule as {
  base(): { get(name: string): { checks: { add(check: unknown): void } } };
  Check: new (reason: string, description: string, check: (ctx: KoaContext) => boolean) => unknown;
};

const TTL = { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 };

export async function startDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  const env = options.env ?? process.env;
  if (env.NODE_ENV === 'production') {
    throw new Error('The BankID dev provider is a test provider with synthetic people and no authentication; it refuses to run in production (NODE_ENV=production).');
  }
  const config = configuration(options.clients, await signingKey());
  // The issuer names the port, so the server listens first and the provider is made after.
  let handle: NodeHandler | undefined;
  const server = createServer((req, res) => (handle ? handle(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections(); // keep-alive sockets would hold close() open otherwise
    }));

  const issuer = issuerOf(server.address() as AddressInfo);
  try {
    handle = router(new OidcProvider(issuer, config));
  } catch (error) {
    await close();
    throw error;
  }
  return { issuer, close };
}

function issuerOf({ address, port }: AddressInfo): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

function configuration(clients: readonly DevClient[], key: JsonWebKey & { kid: string }): object {
  const policy = interactionPolicy.base();
  // Ask every time: a second login in the same browser can pick someone else, and a shared
  // computer never logs the previous person in.
  policy.get('login').checks.add(
    new interactionPolicy.Check('dev_always', 'the test provider asks every time', (ctx) => !ctx.oidc.result?.login),
  );
  return {
    adapter: createMemoryAdapter(),
    clients: clients.map(clientMetadata),
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt'],
    clientBasedCORS: () => false,
    pkce: { required: () => true },
    acrValues: [DEV_ACR.high, DEV_ACR.substantial],
    scopes: ['openid'],
    claims: {
      auth_time: null,
      iss: null,
      sid: null,
      // acr and amr in every ID token, as BankID does, not only when the client asks for them.
      openid: ['sub', 'acr', 'amr'],
      profile: ['name', 'given_name', 'family_name', 'birthdate'],
      nnin: ['nnin', 'pid'],
    },
    // Scope claims in the ID token too, as BankID and ID-porten put them there.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => {
      const person = testPersons.find((p) => p.subject === sub);
      return person && { accountId: sub, claims: () => claimsOf(person) };
    },
    jwks: { keys: [key] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`, policy },
    renderError: (ctx: KoaContext, out: { error?: string; error_description?: string }) => {
      sendPage(ctx, 'Noko gjekk gale', `<p>${escapeHtml(out.error ?? 'server_error')}: ${escapeHtml(out.error_description ?? '')}</p>`);
    },
    ttl: TTL,
  };
}

function clientMetadata(c: DevClient): object {
  const auth = c.jwks
    ? { token_endpoint_auth_method: 'private_key_jwt', jwks: c.jwks }
    : { token_endpoint_auth_method: 'client_secret_basic', client_secret: c.clientSecret };
  if (!c.jwks && !c.clientSecret) throw new Error(`dev provider client ${c.clientId}: give clientSecret or jwks`);
  return { client_id: c.clientId, redirect_uris: c.redirectUris, response_types: ['code'], grant_types: ['authorization_code'], ...auth };
}

function claimsOf(p: TestPerson) {
  return {
    sub: p.subject,
    name: p.name,
    given_name: p.givenName,
    family_name: p.familyName,
    birthdate: p.birthdate,
    nnin: p.nationalId,
    pid: p.nationalId,
  };
}

/** A fresh RS256 key for every start: nothing is written to disk. Made on libuv's thread pool,
 * not the event loop (about 0.2 s), so the rest of the start goes on meanwhile. */
async function signingKey(): Promise<JsonWebKey & { kid: string }> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

// --- HTTP: our login page in front of oidc-provider ---

const INTERACTION_PATH = /^\/interaction\/([\w-]+)$/;

function router(provider: Provider): NodeHandler {
  const oidc = provider.callback();
  return (req, res) => {
    const uid = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
    if (!uid) return oidc(req, res);
    const step = req.method === 'POST' ? submitLogin : req.method === 'GET' ? showLogin : undefined;
    if (!step) return void sendHtml(res, 405, page('Metoden er ikkje tillaten', ''));
    step(provider, uid, req, res).catch((error: unknown) => sendError(res, error));
  };
}

async function showLogin(provider: Provider, uid: string, req: IncomingMessage, res: ServerResponse) {
  await interactionFor(provider, uid, req, res);
  sendHtml(res, 200, loginPage(uid));
}

async function submitLogin(provider: Provider, uid: string, req: IncomingMessage, res: ServerResponse) {
  const interaction = await interactionFor(provider, uid, req, res);
  const form = new URLSearchParams(await readBody(req));
  if (form.get('decision') === 'cancel') {
    const error = { error: 'access_denied', error_description: 'Innlogginga vart avbroten.' };
    return provider.interactionFinished(req, res, error, { mergeWithLastSubmission: false });
  }
  const person = testPersons.find((p) => p.subject === form.get('person'));
  const acr = Object.values(DEV_ACR).find((level) => level === form.get('acr'));
  if (!person || !acr) return sendHtml(res, 400, page('Ugyldig val', '<p>Vel ein testperson og eit tryggleiksnivå.</p>'));

  await forgetEarlierLogin(provider, interaction);
  // Consent is granted here and now: a bank's own login has no consent page.
  const grant = new provider.Grant({ accountId: person.subject, clientId: String(interaction.params.client_id) });
  grant.addOIDCScope(String(interaction.params.scope ?? 'openid'));
  const result = { login: { accountId: person.subject, acr, amr: ['BID'] }, consent: { grantId: await grant.save() } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/** The interaction bound to this browser's cookie, which must be the one in the URL. */
async function interactionFor(provider: Provider, uid: string, req: IncomingMessage, res: ServerResponse) {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid) throw Object.assign(new Error('interaction mismatch'), { name: 'SessionNotFound' });
  return interaction;
}

/**
 * Someone logged in earlier in this browser: drop that session, or oidc-provider would ask
 * "log out first?" when the new choice is another person.
 */
async function forgetEarlierLogin(provider: Provider, interaction: Interaction) {
  const sessionUid = interaction.session?.uid;
  if (!sessionUid) return;
  delete interaction.session;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  await (await provider.Session.findByUid(sessionUid))?.destroy();
}

const MAX_FORM_BYTES = 4096;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return body;
}

function sendError(res: ServerResponse, error: unknown) {
  if (res.headersSent) return void res.end();
  const expired = error instanceof Error && error.name === 'SessionNotFound';
  const text = expired
    ? 'Innloggingsøkta finst ikkje eller har gått ut. Start innlogginga på nytt.'
    : `Testleverandøren feila: ${error instanceof Error ? error.message : String(error)}`;
  sendHtml(res, expired ? 400 : 500, page('Noko gjekk gale', `<p>${escapeHtml(text)}</p>`));
}

// --- The page ---

const STYLE = [
  'body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}',
  'main{max-width:32rem;margin:0 auto}',
  'h1{font-size:1.5rem;line-height:1.25}',
  '.notice{border-left:.375rem solid #8a4b00;background:#fff4e5;padding:.75rem 1rem}',
  'fieldset{border:1px solid #767676;border-radius:.25rem;margin:1rem 0;padding:.5rem 1rem}',
  'legend,label[for=acr]{font-weight:600}',
  '.person{display:flex;gap:.5rem;align-items:flex-start;padding:.375rem 0}',
  '.person input{width:1.25rem;height:1.25rem;margin:.125rem 0 0}',
  '.nid{display:block;font-variant-numeric:tabular-nums;color:#4a4a4a}',
  'select,button{font:inherit;min-height:2.75rem}',
  'select{display:block;width:100%;margin:.25rem 0 1rem}',
  '.actions{display:flex;flex-wrap:wrap;gap:.75rem}',
  'button{padding:.5rem 1.25rem;border-radius:.25rem;border:2px solid #0b3d91;cursor:pointer}',
  'button[value=login]{background:#0b3d91;color:#fff}',
  'button[value=cancel]{background:#fff;color:#0b3d91}',
  ':focus-visible{outline:3px solid #c05600;outline-offset:2px}',
].join('');
// The page's only resource is this inline style; the CSP names it by hash and allows nothing else.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; frame-ancestors 'none'`;
// No form-action: the form's POST is answered by redirects to the client, which form-action would block.

function loginPage(uid: string): string {
  const people = testPersons
    .map((p, i) => `<div class="person"><input type="radio" id="person-${i}" name="person" value="${escapeHtml(p.subject)}"${i === 0 ? ' checked' : ''}>`
      + `<label for="person-${i}">${escapeHtml(p.name)} <span class="nid">${p.nationalId.slice(0, 6)} ${p.nationalId.slice(6)}</span></label></div>`)
    .join('');
  return page('Logg inn med BankID (testleverandør)', `
<p class="notice" role="note"><strong>Dette er ein testleverandør for utvikling og testing. Personane er syntetiske.</strong></p>
<form method="post" action="/interaction/${escapeHtml(uid)}">
<fieldset><legend>Vel testperson</legend>${people}</fieldset>
<label for="acr">Tryggleiksnivå</label>
<select id="acr" name="acr">
<option value="${DEV_ACR.high}" selected>Høgt (LOA=4)</option>
<option value="${DEV_ACR.substantial}">Vesentleg (LOA=3)</option>
</select>
<div class="actions">
<button type="submit" name="decision" value="login">Logg inn</button>
<button type="submit" name="decision" value="cancel">Avbryt</button>
</div>
</form>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nn">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body>
</html>`;
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, HEADERS).end(html);
}

/** oidc-provider's error page, in the same look (it runs inside oidc-provider's Koa app). */
function sendPage(ctx: KoaContext, title: string, body: string) {
  for (const [name, value] of Object.entries(HEADERS)) ctx.set(name, value);
  ctx.type = 'html';
  ctx.body = page(title, body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// --- A scripted browser for tests ---

export interface DevLoginChoice {
  /** Default: the first test person. */
  nationalId?: string;
  /** Default: DEV_ACR.high. */
  acr?: string;
  /** Press "Avbryt" instead of "Logg inn". */
  cancel?: boolean;
  /** The browser's cookies for the provider; pass the same map to log in twice "in one browser". */
  cookies?: Map<string, string>;
  fetch?: typeof fetch;
}

/**
 * Follows an authorization URL through the login page like a browser would, and returns the URL
 * the provider finally sends the browser to (the client's redirect_uri with code or error).
 */
export async function devLogin(authorizationUrl: string | URL, choice: DevLoginChoice = {}): Promise<URL> {
  const send = choice.fetch ?? fetch;
  const cookies = choice.cookies ?? new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const res = await send(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookieHeader(cookies) } });
    keepCookies(cookies, res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      init = {};
    } else if (res.ok && INTERACTION_PATH.test(url.pathname)) {
      await res.text();
      init = { method: 'POST', body: loginForm(choice), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    } else {
      throw new Error(`dev login stopped at ${url.pathname} with status ${res.status}: ${(await res.text()).slice(0, 200)}`);
    }
  }
  throw new Error('dev login: too many redirects');
}

function loginForm(choice: DevLoginChoice): URLSearchParams {
  const person = choice.nationalId === undefined ? testPersons[0] : testPersons.find((p) => p.nationalId === choice.nationalId);
  if (!person) throw new Error('dev login: no test person with that identity number');
  return new URLSearchParams({ person: person.subject, acr: choice.acr ?? DEV_ACR.high, decision: choice.cancel ? 'cancel' : 'login' });
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Path and expiry are ignored except for deletion: one provider, one short-lived browser. */
function keepCookies(cookies: Map<string, string>, setCookies: string[]) {
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
    if (expired || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
}
