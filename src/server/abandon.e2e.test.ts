// Abandonment end to end: the server's own sweeper (on a short interval) and a clock the test
// moves. A customer who vanished leaves the queue; one who polls, or keeps a socket open, stays.
// Then two instances sweeping one PostgreSQL database (cluster mode) close the conversation once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../chat/repositories/index.js';
import { loadContentPack } from '../content/index.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { testDatabaseLocation, testDatabaseUrl, testRedisUrl, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, openSocket, startTestServer, type TestServer, OPS } from './testing.js';

const ALWAYS_OPEN = 'mon-sun 00:00-24:00';
const abandonedText = loadContentPack('content').messages.abandoned;
const start = Date.UTC(2026, 10, 24, 9, 0);
const at = (minutes: number) => new Date(start + minutes * 60_000);
/** Short intervals so the test sees the sweeper and the socket heartbeat act within milliseconds. */
const fast = { sweepEveryMs: 20, heartbeatMs: 20 };

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function queuedCustomer(url: string) {
  const { id, token } = (await client(url).post<{ id: string; token: string }>('/api/conversations')).body;
  const api = client(url, { token });
  const asked = await api.post<{ handoff: { state: string; position: number } }>(`/api/conversations/${id}/messages`, {
    text: 'Eg vil snakke med ein rådgjevar',
    clientMessageId: 'ask',
  });
  expect(asked.body.handoff.state).toBe('queued');
  return { id, token, api, position: asked.body.handoff.position };
}

for (const target of testTargets) {
  if (target.skip) warnSkipped(`end-to-end abandonment tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`abandoned conversations over HTTP and WebSocket on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let server: TestServer;
    let observer: DatabaseHandle; // reads only, to see when a heartbeat has landed
    let repos: Repositories;
    let clock = at(0);

    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      server = await startTestServer({ ...where, openingHours: ALWAYS_OPEN, now: () => clock, ...fast });
      observer = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      repos = createRepositories(observer.db);
    });
    afterAll(async () => {
      await server?.close();
      await observer?.close();
      await where?.cleanup();
    });

    it('closes the queued conversation of a customer who vanished; keeps one who polls and one with a socket open', async () => {
      const gone = await queuedCustomer(server.url);
      clock = at(1 / 60); // a second apart, so the queue order is theirs
      const socketed = await queuedCustomer(server.url);
      clock = at(2 / 60);
      const polling = await queuedCustomer(server.url);
      expect([gone.position, socketed.position, polling.position]).toEqual([1, 2, 3]);
      const socket = await openSocket(`${server.wsUrl}/api/conversations/${socketed.id}/ws?token=${socketed.token}`);
      await socket.waitFor((f) => f.type === 'queue' && f.position === 2);

      const advisor = client(server.url);
      expect((await advisor.post('/api/advisor/login', ADMIN)).status).toBe(200);
      const advisorWs = await openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie: advisor.cookie()! });
      advisorWs.send({ type: 'watch', conversationId: gone.id, after: 0 });
      await advisorWs.waitFor((f) => f.type === 'synced' && f.conversationId === gone.id);

      // Ten minutes on: one customer polls, the other only has the socket open, which answers pings.
      clock = at(10);
      expect((await polling.api.get(`/api/conversations/${polling.id}/messages?after=0`)).status).toBe(200);
      await until('the socket heartbeat to record the customer', async () => (await repos.conversations.get(socketed.id))?.customerSeenAt?.getTime() === at(10).getTime());
      expect((await repos.conversations.get(gone.id))?.customerSeenAt).toEqual(at(0));

      // Sixteen minutes on: past the deadline (15) for the one who vanished only.
      clock = at(16);
      await advisorWs.waitFor((f) => f.type === 'state' && f.conversationId === gone.id && f.state === 'closed');
      await advisorWs.waitFor((f) => f.type === 'message' && f.conversationId === gone.id && f.message?.kind === 'abandoned');
      await socket.waitFor((f) => f.type === 'queue' && f.position === 1); // moved up

      const queue = await advisor.get<{ conversations: { id: string; position: number }[] }>('/api/advisor/queue');
      expect(queue.body.conversations.map((c) => [c.id, c.position])).toEqual([
        [socketed.id, 1],
        [polling.id, 2],
      ]);

      // The customer who comes back sees why, once.
      const back = await gone.api.get<{ state: string; messages: { author: string; kind: string; text: string }[] }>(`/api/conversations/${gone.id}/messages?after=0`);
      expect(back.body.state).toBe('closed');
      expect(back.body.messages.filter((m) => m.kind === 'abandoned')).toEqual([{ ...back.body.messages.at(-1), author: 'system', text: abandonedText }]);
      expect(back.body.messages.filter((m) => m.kind === 'abandoned')).toHaveLength(1);

      const metrics = await fetch(`${server.url}/metrics`, { headers: OPS }).then((r) => r.text());
      expect(metrics).toMatch(/chat_conversations_swept_total\{outcome="abandoned"\} 1\b/);
      await Promise.all([socket.close(), advisorWs.close()]);
    });
  });
}

const clusterSkip = !testDatabaseUrl || !testRedisUrl;
if (clusterSkip) warnSkipped('cluster-mode abandonment test (two instances)', !testDatabaseUrl ? 'TEST_DATABASE_URL' : 'TEST_REDIS_URL');

describe.skipIf(clusterSkip)('cluster mode: two instances sweep one database', () => {
  let where: TestDatabaseLocation;
  let a: TestServer;
  let b: TestServer;
  let clock = at(0);

  beforeAll(async () => {
    where = testDatabaseLocation('postgres');
    const shared = { ...where, redisUrl: testRedisUrl, channel: `test-${randomBytes(4).toString('hex')}`, openingHours: ALWAYS_OPEN, now: () => clock, ...fast };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await where?.cleanup();
  });

  it('closes an abandoned conversation once, with one system message, whichever instance wins', async () => {
    const ids = [(await queuedCustomer(a.url)).id, (await queuedCustomer(b.url)).id, (await queuedCustomer(a.url)).id];
    const advisor = client(b.url);
    expect((await advisor.post('/api/advisor/login', ADMIN)).status).toBe(200);
    const advisorWs = await openSocket(`${b.wsUrl}/api/advisor/ws`, { cookie: advisor.cookie()! });
    for (const id of ids) {
      advisorWs.send({ type: 'watch', conversationId: id, after: 0 });
      await advisorWs.waitFor((f) => f.type === 'synced' && f.conversationId === id);
    }

    clock = at(20); // both instances now sweep every 20 ms
    for (const id of ids) await advisorWs.waitFor((f) => f.type === 'message' && f.conversationId === id && f.message?.kind === 'abandoned');
    await new Promise((r) => setTimeout(r, 200)); // several more sweeps on each instance

    for (const id of ids) {
      const view = await advisor.get<{ conversation: { state: string; outcome: string }; messages: { kind: string }[] }>(`/api/advisor/conversations/${id}`);
      expect(view.body.conversation).toMatchObject({ state: 'closed', outcome: 'abandoned' });
      expect(view.body.messages.filter((m) => m.kind === 'abandoned')).toHaveLength(1);
      expect(advisorWs.frames.filter((f) => f.type === 'message' && f.conversationId === id && f.message?.kind === 'abandoned')).toHaveLength(1);
      expect(advisorWs.frames.filter((f) => f.type === 'state' && f.conversationId === id && f.state === 'closed')).toHaveLength(1);
    }
    const swept = await Promise.all([a, b].map(async (s) => (await fetch(`${s.url}/metrics`, { headers: OPS }).then((r) => r.text())).match(/chat_conversations_swept_total\{outcome="abandoned"\} (\d+)/)?.[1] ?? '0'));
    expect(swept.reduce((sum, n) => sum + Number(n), 0)).toBe(ids.length);
    await advisorWs.close();
  });
});
