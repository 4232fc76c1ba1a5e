import { generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACR, devLogin, startDevProvider, testPersons, type DevLoginChoice, type DevProvider } from './dev-provider.js';
import { LoginRefused, oidcClient, type OidcClient, type OidcSettings } from './oidc.js';

const REDIRECT_URI = 'http://rp.test/callback';
const SECRET = 'test-secret-with-enough-entropy-0123456789';
const [kari, ola] = testPersons as [(typeof testPersons)[number], (typeof testPersons)[number]];

// A client key for private_key_jwt: the private half for our client, the public half registered.
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keyInfo = { kid: 'test-es256', alg: 'ES256', use: 'sig' };
const clientJwk = { ...privateKey.export({ format: 'jwk' }), ...keyInfo };

const clients = [
  { clientId: 'kundesenter', clientSecret: SECRET, redirectUris: [REDIRECT_URI] },
  { clientId: 'kundesenter-jwt', jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), ...keyInfo }] }, redirectUris: [REDIRECT_URI] },
];

let provider: DevProvider;
beforeAll(async () => {
  provider = await startDevProvider({ clients });
});
afterAll(() => provider.close());

function settings(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: provider.issuer,
    clientId: 'kundesenter',
    clientSecret: SECRET,
    redirectUri: REDIRECT_URI,
    scope: 'openid profile nnin',
    acceptedAcr: [DEV_ACR.high],
    identityClaim: 'nnin',
    allowInsecureHttp: true,
    ...overrides,
  };
}

/** start() → the provider's login page → the callback URL, ready for finish(). */
async function login(rp: OidcClient, choice?: DevLoginChoice) {
  const start = await rp.start();
  const callback = await devLogin(start.url, choice);
  return { start, callback, finish: () => rp.finish(callback, start) };
}

async function refusal(promise: Promise<unknown>): Promise<LoginRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoginRefused);
  return error as LoginRefused;
}

/** A fetch that lets a test rewrite one endpoint's JSON answer, as a broken or hostile provider would. */
function rewriting(path: string, rewrite: (body: Record<string, unknown>) => Record<string, unknown>): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (new URL(String(input)).pathname !== path) return res;
    const body = rewrite((await res.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
}

describe('oidcClient against the dev provider', () => {
  it('logs a person in at LOA=4 and returns who they are', async () => {
    const rp = oidcClient(settings());
    const { start, finish } = await login(rp, { nationalId: kari.nationalId });
    const url = new URL(start.url);
    expect(url.searchParams.get('acr_values')).toBe(DEV_ACR.high);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('openid profile nnin');

    await expect(finish()).resolves.toEqual({
      nationalId: kari.nationalId,
      name: 'Kari Nordmann',
      acr: DEV_ACR.high,
      amr: ['BID'],
      issuer: provider.issuer,
      subject: kari.subject,
    });
  });

  it('refuses a login at a lower level than accepted (acr)', async () => {
    const { finish } = await login(oidcClient(settings()), { acr: DEV_ACR.substantial });
    const error = await refusal(finish());
    expect(error.reason).toBe('acr');
    expect(error.message).toContain('LOA=3');
  });

  it('accepts the lower level when the settings do', async () => {
    const rp = oidcClient(settings({ acceptedAcr: [DEV_ACR.high, DEV_ACR.substantial] }));
    await expect((await login(rp, { acr: DEV_ACR.substantial })).finish()).resolves.toMatchObject({ acr: DEV_ACR.substantial });
  });

  it('refuses a callback whose state was tampered with (failed)', async () => {
    const rp = oidcClient(settings());
    const { start, callback } = await login(rp);
    callback.searchParams.set('state', `${start.state}x`);
    expect((await refusal(rp.finish(callback, start))).reason).toBe('failed');
  });

  it('refuses a replayed callback, and the message carries no code (failed)', async () => {
    const rp = oidcClient(settings());
    const { callback, finish } = await login(rp);
    await finish();
    const error = await refusal(finish());
    expect(error.reason).toBe('failed');
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain(callback.searchParams.get('code'));
  });

  it('refuses a wrong PKCE code verifier (failed)', async () => {
    const rp = oidcClient(settings());
    const { start, callback } = await login(rp);
    const other = await rp.start();
    expect((await refusal(rp.finish(callback, { ...start, codeVerifier: other.codeVerifier }))).reason).toBe('failed');
  });

  it('refuses an ID token whose signature does not verify (failed)', async () => {
    const tamper = rewriting('/token', (body) => {
      const [header, payload, signature = ''] = String(body.id_token).split('.');
      const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
      return { ...body, id_token: [header, payload, flipped].join('.') };
    });
    const { finish } = await login(oidcClient(settings(), { fetch: tamper }));
    expect((await refusal(finish())).reason).toBe('failed');
  });

  it('reports "Avbryt" as cancelled', async () => {
    const { callback, finish } = await login(oidcClient(settings()), { cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect((await refusal(finish())).reason).toBe('cancelled');
  });

  it('reads the identity number from the configured claim (pid, as ID-porten names it)', async () => {
    const rp = oidcClient(settings({ identityClaim: 'pid' }));
    await expect((await login(rp, { nationalId: ola.nationalId })).finish()).resolves.toMatchObject({ nationalId: ola.nationalId, name: 'Ola Nordmann' });
  });

  it('falls back to the userinfo endpoint when the ID token lacks the claim', async () => {
    let asked = 0;
    const userinfo = rewriting('/me', (body) => (asked++, { ...body, nin: body.nnin }));
    const rp = oidcClient(settings({ identityClaim: 'nin' }), { fetch: userinfo });
    await expect((await login(rp, { nationalId: ola.nationalId })).finish()).resolves.toMatchObject({ nationalId: ola.nationalId });
    expect(asked).toBe(1);
  });

  it('refuses a missing or invalid identity number without repeating it (claim)', async () => {
    const missing = await refusal((await login(oidcClient(settings({ identityClaim: 'nin' })))).finish());
    expect(missing.reason).toBe('claim');

    const invalid = '15838510076'; // Kari's number with a wrong check digit
    const rp = oidcClient(settings({ identityClaim: 'nin' }), { fetch: rewriting('/me', (body) => ({ ...body, nin: invalid })) });
    const error = await refusal((await login(rp)).finish());
    expect(error.reason).toBe('claim');
    expect(error.message).not.toContain(invalid);
  });

  it('authenticates with private_key_jwt', async () => {
    const rp = oidcClient(settings({ clientId: 'kundesenter-jwt', clientSecret: undefined, privateKeyJwk: clientJwk }));
    await expect((await login(rp)).finish()).resolves.toMatchObject({ nationalId: kari.nationalId });
  });

  it('discovers once and reuses the result', async () => {
    let discoveries = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/.well-known/')) discoveries++;
      return fetch(input, init);
    };
    const rp = oidcClient(settings(), { fetch: counting });
    await Promise.all([rp.start(), rp.start()]);
    await (await login(rp)).finish();
    expect(discoveries).toBe(1);
  });

  it('rejects settings with both or neither client credential', () => {
    expect(() => oidcClient(settings({ privateKeyJwk: clientJwk }))).toThrow(/exactly one/);
    expect(() => oidcClient(settings({ clientSecret: undefined }))).toThrow(/exactly one/);
    expect(() => oidcClient(settings({ clientSecret: undefined, privateKeyJwk: { ...clientJwk, alg: 'none' } }))).toThrow(/supported "alg"/);
  });
});

describe('oidcClient when the provider is down', () => {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });

  it('refuses as unavailable, and discovers again once the provider is up', async () => {
    const port = await freePort();
    const rp = oidcClient(settings({ issuer: `http://127.0.0.1:${port}` }));
    const error = await refusal(rp.start());
    expect(error.reason).toBe('unavailable');
    expect(error.message).toContain('ECONNREFUSED');

    const late = await startDevProvider({ port, clients });
    try {
      await expect((await login(rp)).finish()).resolves.toMatchObject({ issuer: late.issuer });
    } finally {
      await late.close();
    }
  });
});
