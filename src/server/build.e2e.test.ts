// The production build: `npm run build` bundles the service, and the bundle starts as `npm start`
// runs it — ready, serving the help page, the API and the operators' docs (a package kept
// outside the bundle), and stopping cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS, buildServerBundle } from './build.js';
import { freePort } from './testing.js';

describe('production build', () => {
  // Inside the repository, so the packages kept outside the bundle are found in node_modules.
  const outDir = join('dist', `test-build-${process.pid}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-build-'));
  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is started by `npm start` with the flags the benchmark runs it with', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe(['node', ...NODE_FLAGS, 'dist/server/main.mjs'].join(' '));
  });

  it('bundles the service, which starts without a run-time compiler and stops on SIGTERM', async () => {
    const bundle = join(outDir, 'server', 'main.mjs');
    await buildServerBundle(bundle);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const token = 'bench-and-build-test-ops-token-0123456789';
    const child = spawn(process.execPath, [...NODE_FLAGS, bundle], {
      env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPS_TOKEN: token, ADMIN_EMAIL: 'admin@example.no', ADMIN_PASSWORD: 'eit-langt-passord-for-testen', DATABASE_URL: '', REDIS_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(true);
      const help = await fetch(`${base}/`);
      expect(help.status).toBe(200);
      expect(await help.text()).toContain('BankID');
      const started = await fetch(`${base}/api/conversations`, { method: 'POST' });
      expect(started.status).toBe(201);
      const docs = await fetch(`${base}/docs/`, { headers: { authorization: `Bearer ${token}` } });
      expect(docs.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
