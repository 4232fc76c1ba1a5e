// What a review broke from outside, held shut on both databases: seqs past a 32-bit column, NUL
// characters, personal numbers typed by an advisor or into the callback form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../chat/repositories/index.js';
import { openDatabase } from '../db/connect.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import http from 'node:http';
import { ADMIN, client, OPS, openSocket, startTestServer, type TestServer } from './testing.js';

const ALWAYS_OPEN = 'mon-sun 00:00-24:00';
const FNR = '091177 07668';

for (const target of testTargets) {
  if (target.skip) warnSkipped(`hardening tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`hardening on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let server: TestServer;
    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      server = await startTestServer({ ...where, openingHours: ALWAYS_OPEN });
    });
    afterAll(async () => {
      await server?.close();
      await where?.cleanup();
    });

    async function conversation() {
      const res = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
      return { ...res.body, api: client(server.url, { token: res.body.token }) };
    }
    async function advisor() {
      const api = client(server.url);
      expect((await api.post('/api/advisor/login', ADMIN)).status).toBe(200);
      return api;
    }

    it('answers a seq past what the databases hold with a 400, on every route that takes one', async () => {
      const c = await conversation();
      const a = await advisor();
      const big = 2 ** 31;
      for (const res of [
        await c.api.get(`/api/conversations/${c.id}/messages?after=${big}`),
        await a.get(`/api/advisor/conversations/${c.id}/messages?after=${big}`),
        await c.api.post(`/api/conversations/${c.id}/feedback`, { seq: big, helped: true }),
        await c.api.get(`/api/conversations/${c.id}/messages?after=1e400`),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'ERR_VALIDATION', message: expect.any(String) } });
      }
      expect((await c.api.get(`/api/conversations/${c.id}/messages?after=${big - 1}`)).status).toBe(200);
      await expect(openSocket(`${server.wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=${big}`)).rejects.toThrow('400');
    });

    it('refuses NUL characters in any text with a 400 that says so, and stores nothing', async () => {
      const c = await conversation();
      const sent = await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'hei\u0000', clientMessageId: 'n1' });
      expect(sent.status).toBe(400);
      expect(sent.body).toMatchObject({ error: { code: 'ERR_VALIDATION', message: expect.stringContaining('NUL') } });
      expect((await c.api.get<{ messages: unknown[] }>(`/api/conversations/${c.id}/messages`)).body.messages).toEqual([]);
      expect((await c.api.post(`/api/conversations/${c.id}/callback`, { name: 'Kari\u0000', phone: '900 00 000', message: 'Ring meg' })).status).toBe(400);
      const a = await advisor();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'Eg vil snakke med ein person', clientMessageId: 'n2' });
      expect((await a.post(`/api/advisor/conversations/${c.id}/claim`)).status).toBe(200);
      for (const [path, body] of [
        [`/api/advisor/conversations/${c.id}/messages`, { text: 'ja\u0000', clientMessageId: 'a1' }],
        [`/api/advisor/conversations/${c.id}/notes`, { text: 'notat\u0000' }],
        [`/api/advisor/conversations/${c.id}/close`, { outcome: 'løyst\u0000' }],
      ] as const) {
        const res = await a.post(path, body);
        expect(res.status, path).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'ERR_VALIDATION', message: expect.stringContaining('NUL') } });
      }
      expect((await a.post('/api/admin/advisors', { email: 'nul@bank.test', name: 'Kari\u0000', role: 'advisor', password: 'a long enough password' })).status).toBe(400);
    });

    it('refuses a card or identity number as the callback phone', async () => {
      const c = await conversation();
      for (const phone of ['15068712375', '4111 1111 1111 1111', '+47 150687 12375', '12']) {
        const res = await c.api.post(`/api/conversations/${c.id}/callback`, { phone, message: 'Ring meg' });
        expect(res.status, phone).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'ERR_VALIDATION', message: expect.stringContaining('phone') } });
      }
      for (const phone of ['900 00 000', '+47 900 00 000', '0047 90000000', '+46 8 123 456 78']) {
        expect((await c.api.post(`/api/conversations/${c.id}/callback`, { phone, message: 'Ring meg' })).status, phone).toBe(201);
      }
    });

    it('pages a long catch-up over HTTP and sends all of it on the socket before saying synced', async () => {
      const c = await conversation();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'hei', clientMessageId: 'first' });
      // 1,200 more, written straight to the same database: the API's rate limits would take an hour.
      const db = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      try {
        const drafts = Array.from({ length: 1200 }, (_, i) => ({ author: 'customer' as const, kind: 'text' as const, text: `melding ${i}`, clientMessageId: `bulk-${i}` }));
        await createRepositories(db.db).messages.append(c.id, drafts, new Date());
      } finally {
        await db.close();
      }
      const total = 1202; // hei, the bot's answer, and the 1,200
      const seen: number[] = [];
      let after = 0;
      for (let pages = 0; pages < 10; pages++) {
        const page = await c.api.get<{ messages: { seq: number }[]; hasMore: boolean; next: number | null }>(`/api/conversations/${c.id}/messages?after=${after}`);
        seen.push(...page.body.messages.map((m) => m.seq));
        if (!page.body.hasMore) {
          expect(page.body.next).toBeNull();
          break;
        }
        expect(page.body.next).toBe(page.body.messages.at(-1)!.seq);
        after = page.body.next!;
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const ws = await openSocket(`${server.wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=0`);
      const synced = await ws.waitFor((f) => f.type === 'synced', 10_000);
      expect(synced).toMatchObject({ lastSeq: total });
      expect(ws.messages().map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      await ws.close();
    });

    it('closes a socket that floods frames with 1008, and publishes few of its typing frames', async () => {
      const c = await conversation();
      const a = await advisor();
      const watcher = await openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie: a.cookie()! });
      watcher.send({ type: 'watch', conversationId: c.id, after: 0 });
      await watcher.waitFor((f) => f.type === 'synced' && f.conversationId === c.id);
      const flood = await openSocket(`${server.wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=0`);
      const closed = new Promise<number>((resolve) => flood.ws.once('close', (code) => resolve(code)));
      for (let i = 0; i < 5000 && flood.ws.readyState === flood.ws.OPEN; i++) flood.send({ type: 'typing' });
      expect(await closed).toBe(1008);
      await new Promise((r) => setTimeout(r, 200));
      expect(watcher.frames.filter((f) => f.type === 'typing').length).toBeLessThanOrEqual(2);
      // The customer is not shut out: a new socket works.
      const again = await openSocket(`${server.wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=0`);
      await again.waitFor((f) => f.type === 'synced');
      await again.close();
      await watcher.close();
    });

    it('lets an advisor close only what they have taken; a queued conversation nobody has only an admin closes', async () => {
      const admin = await advisor();
      const email = `ola-${Date.now()}@bank.test`;
      expect((await admin.post('/api/admin/advisors', { email, name: 'Ola', role: 'advisor', password: 'a long enough password' })).status).toBe(201);
      const ola = client(server.url);
      expect((await ola.post('/api/advisor/login', { email, password: 'a long enough password' })).status).toBe(200);
      const c = await conversation();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'Eg vil snakke med ein person', clientMessageId: 'q1' });
      const refused = await ola.post(`/api/advisor/conversations/${c.id}/close`, { outcome: 'spam' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'ERR_FORBIDDEN', message: expect.stringContaining('take the conversation first') } });
      expect((await ola.post(`/api/advisor/conversations/${c.id}/claim`)).status).toBe(200);
      expect((await ola.post(`/api/advisor/conversations/${c.id}/close`, { outcome: 'løyst' })).status).toBe(200);
      const spam = await conversation();
      await spam.api.post(`/api/conversations/${spam.id}/messages`, { text: 'Eg vil snakke med ein person', clientMessageId: 'q2' });
      expect((await admin.post(`/api/advisor/conversations/${spam.id}/close`, { outcome: 'spam' })).status).toBe(200);
    });

    it("redacts what an advisor writes before it is stored or reaches the customer", async () => {
      const c = await conversation();
      const a = await advisor();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'Eg vil snakke med ein person', clientMessageId: 'p1' });
      await a.post(`/api/advisor/conversations/${c.id}/claim`);
      const ws = await openSocket(`${server.wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=0`);
      const sent = await a.post<{ message: { text: string } }>(`/api/advisor/conversations/${c.id}/messages`, { text: `Er fødselsnummeret ditt ${FNR}?`, clientMessageId: 'a2' });
      expect(sent.body.message.text).toBe('Er fødselsnummeret ditt [fødselsnummer]?');
      const frame = await ws.waitFor((f) => f.type === 'message' && f.message?.author === 'advisor');
      expect(frame.message?.text).toBe('Er fødselsnummeret ditt [fødselsnummer]?');
      await ws.close();
      const note = await a.post<{ text: string }>(`/api/advisor/conversations/${c.id}/notes`, { text: `kunden sa kort 4111/1111/1111/1111` });
      expect(JSON.stringify(note.body)).not.toContain('4111');
      const view = await a.get(`/api/advisor/conversations/${c.id}`);
      expect(JSON.stringify(view.body)).not.toMatch(/091177|4111/);
    });
  });
}

describe('every refusal in the documented shape', () => {
  let where: TestDatabaseLocation;
  let server: TestServer;
  beforeAll(async () => {
    where = testDatabaseLocation('sqlite');
    server = await startTestServer({ ...where, openingHours: ALWAYS_OPEN });
  });
  afterAll(async () => {
    await server?.close();
    await where?.cleanup();
  });
  const shape = { error: { code: expect.stringMatching(/^ERR_/), message: expect.any(String) } };

  it('answers bad URL encoding, an over-long id, oversized headers and a WebSocket asked without upgrade', async () => {
    const c = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
    const a = client(server.url);
    await a.post('/api/advisor/login', ADMIN);
    for (const [path, headers, status] of [
      ['/%zz', {}, 400],
      ['/api/conversations/%E0%A4%A/messages', {}, 400],
      [`/api/conversations/${'a'.repeat(5000)}/messages`, {}, 414],
      ['/api/advisor/ws', { cookie: a.cookie()! }, 426],
      [`/api/conversations/${c.body.id}/ws`, { authorization: `Bearer ${c.body.token}` }, 426],
    ] as const) {
      const res = await fetch(server.url + path, { headers });
      expect(res.status, path.slice(0, 40)).toBe(status);
      expect(await res.json()).toMatchObject(shape);
    }
    const big = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/api/opening-hours`, { headers: { 'x-big': 'x'.repeat(20_000) } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(big.status).toBe(431);
    expect(JSON.parse(big.body)).toMatchObject(shape);
  });

  it('serves the API docs with a strict policy and never inside a frame', async () => {
    const res = await fetch(`${server.url}/docs`, { headers: OPS });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('logins behind a proxy', () => {
  let where: TestDatabaseLocation;
  let server: TestServer;
  let clock = new Date('2026-11-24T09:00:00Z');
  beforeAll(async () => {
    where = testDatabaseLocation('sqlite');
    server = await startTestServer({ ...where, openingHours: ALWAYS_OPEN, trustProxy: '1', now: () => clock, limits: { loginsPerAddressPerMinute: 1000 } });
  });
  afterAll(async () => {
    await server?.close();
    await where?.cleanup();
  });
  const login = (password: string, forwardedFor: string) =>
    client(server.url).post('/api/advisor/login', { email: ADMIN.email, password }, { 'x-forwarded-for': forwardedFor });

  it('keys on the address the trusted proxy saw, not the one the client wrote, and pauses only failures', async () => {
    const statuses: number[] = [];
    // The client writes any address it likes first; the proxy appends the one it saw.
    for (let i = 0; i < 200; i++) statuses.push((await login('wrong', `198.51.100.${i % 250}, 203.0.113.7`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    const paused = await login(ADMIN.password, '203.0.113.7');
    expect(paused.status).toBe(429);
    expect(paused.body).toMatchObject({ error: { code: 'ERR_RATE_LIMITED' } });
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The real advisor elsewhere is not locked out by the guesser …
    expect((await login(ADMIN.password, '192.0.2.10')).status).toBe(200);
    // … and at the guesser's address the pause is a minute, not a lockout.
    clock = new Date(clock.getTime() + 61_000);
    expect((await login(ADMIN.password, '203.0.113.7')).status).toBe(200);
  });

  it('makes the session cookie Secure when the proxy says the request came over HTTPS', async () => {
    const over = async (proto: string) =>
      (await client(server.url).post('/api/advisor/login', ADMIN, { 'x-forwarded-for': '192.0.2.20', 'x-forwarded-proto': proto })).headers.get('set-cookie') ?? '';
    expect(await over('https')).toMatch(/;\s*Secure/i);
    expect(await over('http')).not.toMatch(/;\s*Secure/i);
  });
});
