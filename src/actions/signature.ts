// Webhook signatures, Stripe style: `Kundesenter-Signature: t=<unix seconds>,v1=<hex HMAC>`, the
// HMAC-SHA256 of "<t>.<raw body>" (the body's UTF-8 bytes). The timestamp is signed too, so a
// captured request cannot be replayed after the tolerance; several v1 entries let the sender sign
// with the old and the new secret while the bank switches over.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Kundesenter-Signature';

/** How far the signed time may be from the receiver's clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

const hmac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest();

/** The header value for `body`; pass several secrets during a rotation (one v1 entry each). */
export function signBody(secret: string | readonly string[], body: string, now: Date): string {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) throw new Error('signBody: a webhook secret must not be empty');
  const t = unixSeconds(now);
  return [`t=${t}`, ...secrets.map((s) => `v1=${hmac(s, t, body).toString('hex')}`)].join(',');
}

interface ParsedHeader {
  t: number;
  v1: Buffer[];
}

/** The timestamp and the v1 signatures, or null when the header is not one we write. */
function parseHeader(header: string): ParsedHeader | null {
  let t: number | undefined;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return null;
      v1.push(Buffer.from(value, 'hex'));
    } // other schemes (a future v2) are ignored, as Stripe does
  }
  return t === undefined || v1.length === 0 ? null : { t, v1 };
}

/** True when one v1 entry is `secret`'s signature of `body` at a time within the tolerance of `now`. */
export function verifySignature(secret: string, header: string | undefined, body: string, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): boolean {
  if (!header || secret.length === 0) return false;
  const parsed = parseHeader(header);
  if (!parsed || Math.abs(unixSeconds(now) - parsed.t) > toleranceSeconds) return false;
  const expected = hmac(secret, parsed.t, body);
  // Every entry is compared, in constant time each, so the time taken says nothing about which matched.
  let matched = false;
  for (const candidate of parsed.v1) matched = timingSafeEqual(candidate, expected) || matched;
  return matched;
}
