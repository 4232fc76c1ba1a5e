// The identity number at rest: encrypted with AES-256-GCM under a key from configuration, and a
// keyed hash (HMAC-SHA256) to find a person's conversations and orders without decrypting.
// Rotation: IDENTITY_KEYS lists keys newest first; the first encrypts, every one decrypts, so a
// new key goes in front and the old one stays until `kundesenter identity rotate` (or time) has
// re-encrypted its rows. The hash key cannot rotate without re-hashing: choose it once.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface IdentityKey {
  /** A short name stored with each ciphertext ("2026a"), so the right key decrypts it. */
  id: string;
  key: Buffer;
}

export interface IdentityKeys {
  /** Newest first: the first encrypts. */
  encryption: readonly IdentityKey[];
  hash: Buffer;
}

const VERSION = 'v1';
/** Binds each ciphertext to its use: one cut from another column does not decrypt here. */
const AAD = Buffer.from('kundesenter:national-id');

export class IdentityKeyError extends Error {
  override name = 'IdentityKeyError';
}

/** "id:base64,id:base64" → keys; each 32 bytes. Throws naming the bad entry, never its value. */
export function parseKeyList(text: string): IdentityKey[] {
  const keys = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const at = entry.indexOf(':');
      const id = at > 0 ? entry.slice(0, at) : '';
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new IdentityKeyError(`key ${i + 1} needs an id before ":" (letters, digits, - or _), like "2026a:<base64 of 32 bytes>"`);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (key.length !== 32) throw new IdentityKeyError(`key "${id}" must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
      return { id, key };
    });
  if (keys.length === 0) throw new IdentityKeyError('no key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new IdentityKeyError('two keys have the same id');
  return keys;
}

export function parseHashKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length < 32) throw new IdentityKeyError('the hash key must be at least 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
}

/** Fresh keys, for a development installation that has none configured. */
export function generateKeys(): { keys: string; hashKey: string } {
  return { keys: `dev1:${randomBytes(32).toString('base64')}`, hashKey: randomBytes(32).toString('base64') };
}

export interface IdentityCipher {
  encrypt(nationalId: string): string;
  decrypt(stored: string): string;
  /** The same person gives the same hash under the same hash key. */
  personHash(nationalId: string): string;
  /** Whether `stored` is under an older key than the current one (for rotation). */
  needsRotation(stored: string): boolean;
}

export function identityCipher(keys: IdentityKeys): IdentityCipher {
  const current = keys.encryption[0];
  if (!current) throw new IdentityKeyError('no encryption key');
  const byId = new Map(keys.encryption.map((k) => [k.id, k.key]));
  return {
    encrypt(nationalId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv).setAAD(AAD);
      const body = Buffer.concat([cipher.update(nationalId, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, current.id, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(stored) {
      const [version, id, iv, body] = stored.split('.');
      if (version !== VERSION || !id || !iv || !body) throw new IdentityKeyError('not an encrypted identity number');
      const key = byId.get(id);
      if (!key) throw new IdentityKeyError(`encrypted under key "${id}", which is no longer configured (IDENTITY_KEYS)`);
      const data = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(AAD);
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    },
    personHash(nationalId) {
      return createHmac('sha256', keys.hash).update(nationalId, 'utf8').digest('hex');
    },
    needsRotation(stored) {
      return stored.split('.')[1] !== current.id;
    },
  };
}

/** Same length, constant time. */
export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** "15019012345" → "150190 *****": the advisor sees the date of birth, not the person number. */
export function maskNationalId(nationalId: string): string {
  return `${nationalId.slice(0, 6)} *****`;
}
