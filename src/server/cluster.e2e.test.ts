// Two instances of the service on one PostgreSQL database and one Redis: a customer on instance A
// and an advisor on instance B talk in real time. Needs TEST_DATABASE_URL and TEST_REDIS_URL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testDatabaseUrl, testRedisUrl, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, openSocket, startTestServer, type TestServer } from './testing.js';

const skip = !testDatabaseUrl || !testRedisUrl;
if (skip) warnSkipped('cluster-mode tests (two instances)', !testDatabaseUrl ? 'TEST_DATABASE_URL' : 'TEST_REDIS_URL');

describe.skipIf(skip)('cluster mode: two instances, PostgreSQL and Redis', () => {
  let where: TestDatabaseLocation;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    where = testDatabaseLocation('postgres');
    // A fresh channel per run keeps parallel runs apart on the shared Redis.
    const shared = { ...where, redisUrl: testRedisUrl, channel: `test-${randomBytes(4).toString('hex')}`, openingHours: 'mon-sun 00:00-24:00', limits: { messagesPerConversationPerMinute: 8 } };
    // started together, as a deployment would: migrations and the first admin must happen once
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await where?.cleanup();
  });

  it('a customer on A and an advisor on B see each other live', async () => {
    const created = await client(a.url).post<{ id: string; token: string }>('/api/conversations');
    const { id, token } = created.body;
    const customerA = client(a.url, { token });
    const customerWs = await openSocket(`${a.wsUrl}/api/conversations/${id}/ws?token=${token}`);

    const advisorB = client(b.url);
    expect((await advisorB.post('/api/advisor/login', ADMIN)).status).toBe(200);
    const advisorWs = await openSocket(`${b.wsUrl}/api/advisor/ws`, { cookie: advisorB.cookie()! });

    const asked = await customerA.post<{ handoff: { state: string; position: number } }>(`/api/conversations/${id}/messages`, {
      text: 'Eg vil snakke med ein rådgjevar',
      clientMessageId: 'c1',
    });
    expect(asked.body.handoff).toMatchObject({ state: 'queued', position: 1 });
    await advisorWs.waitFor((f) => f.type === 'queue.changed');
    await customerWs.waitFor((f) => f.type === 'queue' && f.position === 1);

    expect((await advisorB.post(`/api/advisor/conversations/${id}/claim`)).status).toBe(200);
    await customerWs.waitFor((f) => f.type === 'state' && f.state === 'advisor');
    advisorWs.send({ type: 'watch', conversationId: id, after: 0 });
    await advisorWs.waitFor((f) => f.type === 'synced' && f.conversationId === id);

    await customerA.post(`/api/conversations/${id}/messages`, { text: 'Hei frå A', clientMessageId: 'c2' });
    await advisorWs.waitFor((f) => f.type === 'message' && f.message?.text === 'Hei frå A', 3000);
    await advisorB.post(`/api/advisor/conversations/${id}/messages`, { text: 'Hei frå B', clientMessageId: 'b1' });
    await customerWs.waitFor((f) => f.type === 'message' && f.message?.text === 'Hei frå B', 3000);
    advisorWs.send({ type: 'typing', conversationId: id });
    await customerWs.waitFor((f) => f.type === 'typing' && f.author === 'advisor');

    // every message once, in order, on both sides
    const seqs = customerWs.messages().map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const advisorSeqs = advisorWs.messages().map((m) => m.seq);
    expect(new Set(advisorSeqs).size).toBe(advisorSeqs.length);

    // the history is the same whichever instance is asked
    const fromA = await customerA.get(`/api/conversations/${id}/messages`);
    const fromB = await client(b.url, { token }).get(`/api/conversations/${id}/messages`);
    expect(fromB.body).toEqual(fromA.body);
    await Promise.all([customerWs.close(), advisorWs.close()]);
  });

  it('shares one admin, and rate limits across instances', async () => {
    const created = await client(a.url).post<{ id: string; token: string }>('/api/conversations');
    const { id, token } = created.body;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const server = i % 2 ? b : a;
      statuses.push((await client(server.url, { token }).post(`/api/conversations/${id}/messages`, { text: 'hei', clientMessageId: `x${i}` })).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });
});
