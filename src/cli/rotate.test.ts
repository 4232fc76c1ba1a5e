import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect.js';
import { generateKeys, identityCipher, parseHashKey, parseKeyList } from '../identity/keys.js';
import { identityStore } from '../identity/store.js';
import { rotateIdentityKeys } from './rotate.js';

describe('kundesenter identity rotate', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-rotate-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('re-encrypts every identity number under the newest key; then the old key can go', async () => {
    const old = generateKeys();
    const newer = generateKeys().keys.replace('dev1', 'k2026');
    const at = new Date(Date.UTC(2026, 0, 5, 9));
    const db = await openDatabase({ dataDir });
    const cipher = identityCipher({ encryption: parseKeyList(old.keys), hash: parseHashKey(old.hashKey) });
    const numbers = ['15838510075', '02867910193', '24919220003'];
    for (const [i, n] of numbers.entries()) {
      const id = `00000000-0000-4000-8000-00000000000${i}`;
      await db.db.insertInto('conversations').values({ id, token_hash: 'h', state: 'bot', urgent: 0, error_codes: '[]', last_seq: 0, created_at: at.toISOString() }).execute();
      await identityStore(db.db).addIdentity({ conversationId: id, personHash: cipher.personHash(n), nationalId: cipher.encrypt(n), name: 'Test', acr: 'x', amr: null, issuer: 'i', verifiedAt: at });
    }
    await db.close();

    const env = { DATA_DIR: dataDir, DEV_IDENTITY_PROVIDER: 'false', IDENTITY_KEYS: `${newer},${old.keys}`, IDENTITY_HASH_KEY: old.hashKey };
    expect(await rotateIdentityKeys(env)).toBe(3);
    expect(await rotateIdentityKeys(env)).toBe(0); // nothing left under the old key

    const after = await openDatabase({ dataDir });
    const onlyNew = identityCipher({ encryption: parseKeyList(newer), hash: parseHashKey(old.hashKey) });
    const rows = await after.db.selectFrom('customer_identities').select(['national_id', 'person_hash']).execute();
    await after.close();
    expect(rows.map((r) => onlyNew.decrypt(r.national_id)).sort()).toEqual([...numbers].sort());
    expect(rows.every((r) => r.national_id.startsWith('v1.k2026.'))).toBe(true);
    expect(rows.map((r) => r.person_hash).sort()).toEqual(numbers.map((n) => cipher.personHash(n)).sort()); // hashes unchanged
  });
});
