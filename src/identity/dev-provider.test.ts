import { idnr } from '@navikt/fnrvalidator';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACR, devLogin, startDevProvider, testPersons, type DevProvider } from './dev-provider.js';
import { oidcClient, type OidcClient } from './oidc.js';

const REDIRECT_URI = 'http://rp.test/callback';
const SECRET = 'test-secret-with-enough-entropy-0123456789';
const clients = [{ clientId: 'kundesenter', clientSecret: SECRET, redirectUris: [REDIRECT_URI] }];

let provider: DevProvider;
let rp: OidcClient;
beforeAll(async () => {
  provider = await startDevProvider({ clients, env: {} });
  rp = oidcClient({
    issuer: provider.issuer,
    clientId: 'kundesenter',
    clientSecret: SECRET,
    redirectUri: REDIRECT_URI,
    scope: 'openid profile nnin',
    acceptedAcr: [DEV_ACR.high, DEV_ACR.substantial],
    identityClaim: 'nnin',
    allowInsecureHttp: true,
  });
});
afterAll(() => provider.close());

/** GET the authorization URL as a browser would and stop at the login page. */
async function openLoginPage() {
  const { url } = await rp.start();
  const first = await fetch(url, { redirect: 'manual' });
  const pageUrl = new URL(first.headers.get('location') ?? '', url);
  const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const page = await fetch(pageUrl, { headers: { cookie } });
  return { pageUrl, page, html: await page.text() };
}

describe('testPersons', () => {
  it('are 4–6 synthetic people (month + 80) that fnrvalidator accepts, born on their birthdate', () => {
    expect(testPersons.length).toBeGreaterThanOrEqual(4);
    expect(testPersons.length).toBeLessThanOrEqual(6);
    for (const p of testPersons) {
      expect(idnr(p.nationalId)).toMatchObject({ status: 'valid' });
      const day = Number(p.nationalId.slice(0, 2)) % 40; // D-numbers: day + 40
      const month = Number(p.nationalId.slice(2, 4)) - 80;
      expect(month).toBeGreaterThanOrEqual(1);
      expect(p.birthdate.slice(2)).toBe(`${p.nationalId.slice(4, 6)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      expect(p.name).toBe(`${p.givenName} ${p.familyName}`);
      expect(p.subject).not.toContain(p.nationalId);
    }
    expect(new Set(testPersons.map((p) => p.subject)).size).toBe(testPersons.length);
    expect(testPersons.map((p) => p.name)).toContain('Kari Nordmann');
  });
});

describe('the login page', () => {
  it('is nynorsk, says it is a test provider, and labels every input', async () => {
    const { page, html } = await openLoginPage();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="nn">');
    expect(html).toContain('<h1>Logg inn med BankID (testleverandør)</h1>');
    expect(html).toContain('Dette er ein testleverandør for utvikling og testing. Personane er syntetiske.');

    const ids = [...html.matchAll(/<(?:input|select)[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(testPersons.length + 1);
    for (const id of ids) expect(html).toContain(`<label for="${id}">`);
    for (const p of testPersons) expect(html).toContain(p.name);
    expect(html).toMatch(/<input type="radio" id="person-0" name="person" value="[^"]+" checked>/);
    expect(html).toContain(`<option value="${DEV_ACR.high}" selected>`);
    expect(html).toContain('<button type="submit" name="decision" value="login">Logg inn</button>');
    expect(html).toContain('<button type="submit" name="decision" value="cancel">Avbryt</button>');
  });

  it('loads nothing from elsewhere, and its CSP allows exactly its inline style', async () => {
    const { page, html } = await openLoginPage();
    expect(html).not.toMatch(/<(script|link|img)\b|\bsrc=|url\(/);
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page.headers.get('content-security-policy')).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; frame-ancestors 'none'`);
  });

  it('answers without the browser’s interaction cookie with a nynorsk error, not a login', async () => {
    const { pageUrl } = await openLoginPage();
    const res = await fetch(pageUrl);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Start innlogginga på nytt');
  });
});

describe('the dev provider', () => {
  it('asks again on a second login in the same browser, so another person can be chosen', async () => {
    const cookies = new Map<string, string>();
    const [first, second] = [testPersons[0], testPersons[2]].map((p) => p?.nationalId);
    for (const nationalId of [first, second]) {
      const start = await rp.start();
      const callback = await devLogin(start.url, { nationalId, acr: DEV_ACR.substantial, cookies });
      await expect(rp.finish(callback, start)).resolves.toMatchObject({ nationalId, acr: DEV_ACR.substantial, amr: ['BID'] });
    }
  });

  it('puts the identity number as nnin and pid in the ID token and in userinfo', async () => {
    const person = testPersons[1];
    const seen: Record<string, unknown>[] = [];
    const jwtPayload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());
    const spy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const path = new URL(String(input)).pathname;
      const body = path === '/token' || path === '/me' ? await res.clone().json() : undefined;
      if (path === '/token') seen.push(jwtPayload(body.id_token));
      if (path === '/me') seen.push(body);
      return res;
    };
    const client = oidcClient(
      { issuer: provider.issuer, clientId: 'kundesenter', clientSecret: SECRET, redirectUri: REDIRECT_URI, scope: 'openid profile nnin', acceptedAcr: [DEV_ACR.high], identityClaim: 'nin', allowInsecureHttp: true },
      { fetch: spy },
    );
    const start = await client.start();
    await client.finish(await devLogin(start.url, { nationalId: person?.nationalId }), start).catch(() => undefined); // no "nin": refused after userinfo
    const [idToken, userinfo] = seen;
    for (const claims of [idToken, userinfo]) {
      expect(claims).toMatchObject({ nnin: person?.nationalId, pid: person?.nationalId, sub: person?.subject, name: person?.name, birthdate: person?.birthdate });
    }
    expect(idToken).toMatchObject({ acr: DEV_ACR.high, amr: ['BID'] });
  });

  it('requires PKCE', async () => {
    const url = new URL((await rp.start()).url);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const res = await fetch(url, { redirect: 'manual' });
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses to start with NODE_ENV=production', async () => {
    await expect(startDevProvider({ clients, env: { NODE_ENV: 'production' } })).rejects.toThrow(/test provider.*refuses to run in production/);
  });

  it('closes promptly while a browser keeps its connection open', async () => {
    const other = await startDevProvider({ clients, env: {} });
    await (await fetch(`${other.issuer}/.well-known/openid-configuration`)).text(); // leaves a keep-alive socket
    const began = performance.now();
    await other.close();
    await other.close(); // a second close is harmless
    expect(performance.now() - began).toBeLessThan(1000);
    await expect(fetch(`${other.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
