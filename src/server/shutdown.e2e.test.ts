// SIGTERM while messages are arriving: every message the server accepted (201) is there after a
// restart, none is stored twice, and a client that resends what was refused fills the gap.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation } from '../db/testing.js';
import { client, freePort } from './testing.js';


async function start(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPENING_HOURS: 'mon-sun 00:00-24:00', DATABASE_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready');
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('graceful shutdown', () => {
  const where = testDatabaseLocation('sqlite');
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await where.cleanup();
  });

  it('loses no accepted message on SIGTERM and doubles none on resend', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await start(where.dataDir, port);
    const conversations = await Promise.all(
      [0, 1, 2].map(async () => (await client(base).post<{ id: string; token: string }>('/api/conversations')).body),
    );
    const sends = conversations.flatMap((c) =>
      Array.from({ length: 10 }, (_, i) => ({ c, body: { text: `melding ${i} BID-1433`, clientMessageId: `m-${i}` } })),
    );
    const inFlight = sends.map(({ c, body }) =>
      client(base, { token: c.token })
        .post(`/api/conversations/${c.id}/messages`, body)
        .then((r) => r.status, () => 0),
    );
    await new Promise((r) => setTimeout(r, 15));
    const stopping = exited(child);
    child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(await stopping).toBe(0);
    expect(statuses.every((s) => s === 201 || s === 503 || s === 0)).toBe(true);

    child = await start(where.dataDir, port);
    const stored = async () => {
      const ids = new Set<string>();
      for (const c of conversations) {
        const res = await client(base, { token: c.token }).get<{ messages: { author: string; clientMessageId: string | null }[] }>(`/api/conversations/${c.id}/messages`);
        for (const m of res.body.messages) if (m.author === 'customer') ids.add(`${c.id}/${m.clientMessageId}`);
      }
      return ids;
    };
    const after = await stored();
    sends.forEach(({ c, body }, i) => {
      if (statuses[i] === 201) expect(after.has(`${c.id}/${body.clientMessageId}`)).toBe(true);
    });

    // the client resends everything it has no 201 for (and, to be sure, the rest too)
    for (const { c, body } of sends) {
      const r = await client(base, { token: c.token }).post(`/api/conversations/${c.id}/messages`, body);
      expect(r.status).toBe(201);
    }
    const final = await stored();
    expect(final.size).toBe(30);
    for (const c of conversations) {
      const res = await client(base, { token: c.token }).get<{ messages: { author: string }[] }>(`/api/conversations/${c.id}/messages`);
      expect(res.body.messages.filter((m) => m.author === 'customer')).toHaveLength(10);
    }
    const stop = exited(child);
    child.kill('SIGTERM');
    expect(await stop).toBe(0);
    child = undefined;
  });
});
