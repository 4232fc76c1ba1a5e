// The OpenID Connect client (relying party) for logging customers in with BankID, directly or
// through a broker. openid-client does the protocol checks (state, nonce, PKCE, ID token
// signature, issuer); this file adds what a bank needs on top: the level of assurance, a valid
// Norwegian identity number, and errors that say what went wrong without carrying any secret.
//
// Never put the identity number, a token or a code in an error message or a log line.
import { idnr } from '@navikt/fnrvalidator';
import * as client from 'openid-client';

export interface OidcSettings {
  /** Discovery at <issuer>/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  /** client_secret_basic */
  clientSecret?: string;
  /** private_key_jwt instead of a secret; with its "kid" and "alg" (RS256, PS256, ES256 …). */
  privateKeyJwk?: JsonWebKey & { kid?: string };
  redirectUri: string;
  /** e.g. "openid profile nnin" */
  scope: string;
  /** The login's acr must be one of these; also sent as acr_values, in this order of preference. */
  acceptedAcr: readonly string[];
  /** The claim with the national identity number: "nnin" (BankID), "pid" (ID-porten), "nin" … */
  identityClaim: string;
  /** A plain-http issuer: the local test provider only. */
  allowInsecureHttp?: boolean;
}

export interface LoginStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedLogin {
  nationalId: string;
  name: string;
  acr: string;
  amr: string[] | null;
  issuer: string;
  subject: string;
}

/**
 * cancelled: the customer (or the provider) stopped the login; acr: too low a level of
 * assurance; claim: no valid identity number (or no name); failed: the response did not verify;
 * unavailable: the provider cannot be reached.
 */
export type LoginFailure = 'cancelled' | 'acr' | 'claim' | 'failed' | 'unavailable';

export class LoginRefused extends Error {
  override readonly name = 'LoginRefused';
  constructor(
    readonly reason: LoginFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface OidcClient {
  start(): Promise<LoginStart>;
  finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedLogin>;
}

/** Seconds to wait for the provider: a customer is waiting on the other side. */
const TIMEOUT_SECONDS = 10;

export function oidcClient(settings: OidcSettings, options: { fetch?: typeof fetch } = {}): OidcClient {
  validate(settings);
  const discover = discovery(settings, options.fetch ?? fetch);

  async function start(): Promise<LoginStart> {
    const config = await discover();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: settings.scope,
      acr_values: settings.acceptedAcr.join(' '),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  async function finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedLogin> {
    const config = await discover();
    // openid-client sends the callback's origin and path as redirect_uri: the registered one, not
    // whatever host the request came in on (a proxy, 127.0.0.1 vs localhost).
    const current = new URL(settings.redirectUri);
    current.search = callbackUrl.search;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new LoginRefused('failed', 'the token response has no ID token');
      const acr = acceptedAcr(settings, idToken.acr);
      const claims = await identityClaims(config, settings, idToken, tokens.access_token);
      return {
        nationalId: nationalIdFrom(claims, settings.identityClaim),
        name: nameFrom(claims),
        acr,
        amr: Array.isArray(idToken.amr) ? idToken.amr.filter((m) => typeof m === 'string') : null,
        issuer: idToken.iss,
        subject: idToken.sub,
      };
    } catch (error) {
      throw refusal(error);
    }
  }

  return { start, finish };
}

function validate(s: OidcSettings) {
  if (!s.clientSecret === !s.privateKeyJwk) throw new Error('OIDC settings: give exactly one of clientSecret and privateKeyJwk');
  if (s.privateKeyJwk) keyAlgorithm(s.privateKeyJwk); // an unusable key is a configuration error, not an outage
  if (s.acceptedAcr.length === 0) throw new Error('OIDC settings: acceptedAcr is empty, no login could pass');
  if (!s.scope.split(' ').includes('openid')) throw new Error('OIDC settings: scope must include "openid"');
}

/**
 * Discovery on first use, then cached. A failure is not cached: the next login tries again, so a
 * provider that was down at start-up does not need a restart of ours.
 */
function discovery(settings: OidcSettings, baseFetch: typeof fetch): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  return () => {
    pending ??= discoverOnce(settings, baseFetch).catch((error: unknown) => {
      pending = undefined;
      throw new LoginRefused('unavailable', `the identity provider ${settings.issuer} cannot be discovered: ${why(error)}`);
    });
    return pending;
  };
}

async function discoverOnce(settings: OidcSettings, baseFetch: typeof fetch): Promise<client.Configuration> {
  const auth = settings.privateKeyJwk
    ? client.PrivateKeyJwt(await importSigningKey(settings.privateKeyJwk))
    : client.ClientSecretBasic(settings.clientSecret);
  return client.discovery(new URL(settings.issuer), settings.clientId, { redirect_uris: [settings.redirectUri] }, auth, {
    [client.customFetch]: reachable(baseFetch),
    // Verify the ID token's signature too. openid-client skips that by default for tokens from the
    // token endpoint (TLS vouches for them), but a broker in between or a plain-http test issuer
    // should not be able to hand us an unsigned identity.
    execute: [client.enableNonRepudiationChecks, ...(settings.allowInsecureHttp ? [client.allowInsecureRequests] : [])],
    timeout: TIMEOUT_SECONDS,
  });
}

/** Marks network failures (refused, reset, timed out), so they can be told from protocol errors. */
class Unreachable extends Error {}

function reachable(baseFetch: typeof fetch): client.CustomFetch {
  // The cast: openid-client's body type is a Uint8Array over any buffer, fetch's over ArrayBuffer.
  return (url, init) =>
    baseFetch(url, init as RequestInit).catch((cause: unknown) => {
      throw new Unreachable('no connection', { cause });
    });
}

/** The key algorithm for Web Crypto from the JWK's "alg" (and curve). */
function keyAlgorithm(jwk: JsonWebKey): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  const hash = `SHA-${jwk.alg?.slice(2) ?? '256'}`;
  if (jwk.alg?.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5', hash };
  if (jwk.alg?.startsWith('PS')) return { name: 'RSA-PSS', hash };
  if (jwk.alg?.startsWith('ES') && jwk.crv) return { name: 'ECDSA', namedCurve: jwk.crv };
  if (jwk.alg === 'EdDSA' || jwk.alg === 'Ed25519') return { name: 'Ed25519' };
  throw new Error(`OIDC settings: privateKeyJwk needs a supported "alg" (RS*, PS*, ES*, EdDSA), got ${jwk.alg ?? 'none'}`);
}

async function importSigningKey(jwk: JsonWebKey & { kid?: string }): Promise<client.PrivateKey> {
  const key = await crypto.subtle.importKey('jwk', jwk, keyAlgorithm(jwk), false, ['sign']);
  return { key, kid: jwk.kid };
}

function acceptedAcr(settings: OidcSettings, acr: unknown): string {
  if (typeof acr === 'string' && settings.acceptedAcr.includes(acr)) return acr;
  // The acr is a public level name, safe to show.
  throw new LoginRefused('acr', `the login's level of assurance ${typeof acr === 'string' ? `"${acr}"` : '(none)'} is not one of ${settings.acceptedAcr.join(', ')}`);
}

type Claims = Record<string, unknown>;

/** The ID token's claims, completed from the userinfo endpoint when the identity number is not among them. */
async function identityClaims(config: client.Configuration, settings: OidcSettings, idToken: client.IDToken, accessToken: string): Promise<Claims> {
  if (idToken[settings.identityClaim] !== undefined) return idToken;
  const userInfo = await client.fetchUserInfo(config, accessToken, idToken.sub);
  return { ...userInfo, ...idToken };
}

/**
 * fnrvalidator also accepts H-numbers (month + 40, given by health institutions, never by a
 * login provider); only fødselsnummer and D-numbers pass here, synthetic ones (month + 80) included.
 */
const IDENTITY_TYPES = new Set(['fnr', 'dnr', 'tnr', 'dnr-and-tnr']);

function nationalIdFrom(claims: Claims, claim: string): string {
  const value = claims[claim];
  if (typeof value !== 'string') throw new LoginRefused('claim', `the login has no "${claim}" claim with the identity number`);
  const result = idnr(value);
  if (result.status !== 'valid' || !IDENTITY_TYPES.has(result.type)) {
    throw new LoginRefused('claim', `the login's "${claim}" claim is not a valid Norwegian identity number`);
  }
  return value;
}

function nameFrom(claims: Claims): string {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  if (parts.length === 0) throw new LoginRefused('claim', 'the login has no name (is "profile" in the scope?)');
  return parts.map((p) => p.trim()).join(' ');
}

const CANCELLED = new Set(['access_denied', 'login_required']);

/**
 * One LoginRefused for every failure. Messages name the provider's error code or the check that
 * failed, never the response itself (which holds codes and tokens); no `cause` is kept for the
 * same reason, as loggers print causes.
 */
function refusal(error: unknown): LoginRefused {
  if (error instanceof LoginRefused) return error;
  if (isUnreachable(error)) return new LoginRefused('unavailable', `the identity provider cannot be reached: ${why(error)}`);
  if (error instanceof client.AuthorizationResponseError) {
    const reason = CANCELLED.has(error.error) ? 'cancelled' : 'failed';
    return new LoginRefused(reason, `the identity provider answered the login with ${safeCode(error.error)}`);
  }
  if (error instanceof client.ResponseBodyError) {
    const reason = error.status >= 500 ? 'unavailable' : 'failed';
    return new LoginRefused(reason, `the identity provider refused the request: ${safeCode(error.error)} (HTTP ${error.status})`);
  }
  return new LoginRefused('failed', `the login response did not verify: ${why(error)}`);
}

function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e);
  return chain;
}

function isUnreachable(error: unknown): boolean {
  return causes(error).some((e) => e instanceof Unreachable || (e instanceof client.ClientError && e.code === 'OAUTH_TIMEOUT'));
}

/**
 * Why, in words safe to log: a network error code (ECONNREFUSED, ENOTFOUND …), or the description
 * of the check that failed. oauth4webapi's descriptions name fields, never their values; deeper
 * causes (a JSON parser's complaint quoting the body, say) are not used.
 */
function why(error: unknown): string {
  const chain = causes(error);
  const codes = chain.map((e) => (e as { code?: unknown }).code).filter((c): c is string => typeof c === 'string');
  const network = codes.find((c) => /^(E(?!RR_)[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(c));
  if (network) return network;
  const check = chain.find((e) => e instanceof Unreachable) ?? chain.find((e) => e.name === 'OperationProcessingError') ?? chain[0];
  const code = codes.find((c) => c.startsWith('OAUTH_'));
  return `${check?.message ?? 'unknown error'}${code ? ` (${code})` : ''}`;
}

/** Error codes are short ASCII tokens by spec; anything else is not repeated. */
function safeCode(code: string): string {
  return /^[\w.-]{1,64}$/.test(code) ? code : 'an error';
}
