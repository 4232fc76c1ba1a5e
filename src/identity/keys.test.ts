import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKeys, identityCipher, maskNationalId, parseHashKey, parseKeyList } from './keys.js';

const cipherFrom = (keys: string, hashKey: string) => identityCipher({ encryption: parseKeyList(keys), hash: parseHashKey(hashKey) });

describe('identity keys', () => {
  const dev = generateKeys();
  const cipher = cipherFrom(dev.keys, dev.hashKey);

  it('encrypts so the number is not in the stored text, and decrypts it back', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (nin) => {
        const stored = cipher.encrypt(nin);
        expect(stored).not.toContain(nin);
        expect(stored).not.toMatch(/\d{11}/);
        expect(cipher.decrypt(stored)).toBe(nin);
      }),
    );
  });

  it('gives a fresh ciphertext each time but the same person hash', () => {
    expect(cipher.encrypt('15819012345')).not.toBe(cipher.encrypt('15819012345'));
    expect(cipher.personHash('15819012345')).toBe(cipher.personHash('15819012345'));
    expect(cipher.personHash('15819012345')).not.toBe(cipher.personHash('15819012346'));
  });

  it('rotates: a new key in front encrypts, the old one still decrypts, and old rows are found', () => {
    const newer = generateKeys().keys.replace('dev1', 'dev2');
    const rotated = cipherFrom(`${newer},${dev.keys}`, dev.hashKey);
    const old = cipher.encrypt('15819012345');
    expect(rotated.decrypt(old)).toBe('15819012345');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('15819012345'))).toBe(false);
    expect(rotated.personHash('15819012345')).toBe(cipher.personHash('15819012345'));
    // Once the old key is gone, its rows say which key they need.
    expect(() => cipherFrom(newer, dev.hashKey).decrypt(old)).toThrow(/dev1/);
  });

  it('refuses a tampered ciphertext', () => {
    const stored = cipher.encrypt('15819012345');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    expect(() => cipher.decrypt([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow();
  });

  it('names a bad key without showing it', () => {
    expect(() => parseKeyList('k1:c2hvcnQ=')).toThrow(/"k1" must be 32 bytes/);
    expect(() => parseKeyList('nokeyid')).toThrow(/needs an id/);
    expect(() => parseHashKey('c2hvcnQ=')).toThrow(/at least 32 bytes/);
  });

  it('masks all but the date of birth', () => {
    expect(maskNationalId('15819012345')).toBe('158190 *****');
  });
});
