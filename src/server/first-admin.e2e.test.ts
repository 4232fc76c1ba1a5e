// A fresh install with no ADMIN_EMAIL or ADMIN_PASSWORD: the generated first admin is shown once
// after start-up, written to an owner-only file, and can log in as admin@localhost.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { FIRST_ADMIN_FILE } from './first-admin.js';
import { buildServer } from './server.js';
import { client } from './testing.js';

describe('the first admin on a fresh install', () => {
  it('is printed after listening, kept in an owner-only file, and logs in as admin@localhost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-first-admin-'));
    const printed: string[] = [];
    const config = loadConfig({ DATA_DIR: dataDir, CONTENT_DIR: 'content', LOG_LEVEL: 'silent', DEV_IDENTITY_PROVIDER: 'false' });
    const app = await buildServer(config, { print: (line) => printed.push(line), logger: false });
    try {
      expect(printed).toEqual([]); // nothing before the server listens
      await app.listen({ port: 0, host: '127.0.0.1' });
      expect(printed).toHaveLength(1);
      const password = /password: (\S+)/.exec(printed[0]!)![1]!;
      expect(printed[0]).toContain('e-mail:   admin@localhost');
      const file = join(dataDir, FIRST_ADMIN_FILE);
      expect(printed[0]).toContain(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain(`password: ${password}`);

      const { port } = app.server.address() as AddressInfo;
      const api = client(`http://127.0.0.1:${port}`);
      expect((await api.post('/api/advisor/login', { email: 'Admin@Localhost', password })).status).toBe(200);
      expect((await api.post('/api/advisor/login', { email: 'not an address', password })).status).toBe(400);
    } finally {
      await app.close();
    }
  });
});
