// `kundesenter identity rotate`: re-encrypts every stored identity number under the first key of
// IDENTITY_KEYS, so an older key can then be removed. Safe to run while the service runs (each row
// is rewritten only if it still holds the ciphertext that was read) and to run again.
import { openDatabase } from '../db/connect.js';
import { identityStore } from '../identity/store.js';
import { loadConfig } from '../server/config.js';
import { loadCipher } from '../server/login-setup.js';

export async function rotateIdentityKeys(env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const config = loadConfig(env);
  const cipher = loadCipher(config);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await identityStore(db.db).reencrypt(
      (stored) => cipher.needsRotation(stored),
      (stored) => cipher.encrypt(cipher.decrypt(stored)),
    );
  } finally {
    await db.close();
  }
}
