// End to end over a real port: HTTP with fetch, WebSockets with `ws`, the real engine and a real
// database (SQLite always, PostgreSQL when TEST_DATABASE_URL is set).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, openSocket, startTestServer, type TestServer, OPS } from './testing.js';

const ALWAYS_OPEN = 'mon-sun 00:00-24:00';

interface Started {
  id: string;
  token: string;
  api: ReturnType<typeof client>;
}

async function startConversation(server: TestServer): Promise<Started> {
  const res = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
  expect(res.status).toBe(201);
  return { ...res.body, api: client(server.url, { token: res.body.token }) };
}

async function advisorLogin(server: TestServer) {
  const api = client(server.url);
  const res = await api.post('/api/advisor/login', ADMIN);
  expect(res.status).toBe(200);
  return api;
}

const customerSocket = (server: TestServer, c: Started, after = 0) =>
  openSocket(`${server.wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=${after}`);
const advisorSocket = (server: TestServer, api: ReturnType<typeof client>) => openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie: api.cookie()! });

for (const target of testTargets) {
  if (target.skip) warnSkipped(`end-to-end chat tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`chat over HTTP and WebSocket on ${target.name}`, () => {
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

    it('answers a BankID error code with the bank’s text', async () => {
      const c = await startConversation(server);
      const res = await c.api.post<{ message: { seq: number; author: string }; replies: { seq: number; author: string; kind: string; text: string; sources: string[] }[] }>(
        `/api/conversations/${c.id}/messages`,
        { text: 'Eg får feilmelding BID-14B1 når eg loggar inn', clientMessageId: 'm1' },
      );
      expect(res.status).toBe(201);
      expect(res.body.message).toMatchObject({ seq: 1, author: 'customer' });
      expect(res.body.replies).toHaveLength(1);
      expect(res.body.replies[0]).toMatchObject({ seq: 2, author: 'bot', kind: 'answer' });
      expect(res.body.replies[0]!.text).toContain('tidsavbrot');
      expect(res.body.replies[0]!.sources.length).toBeGreaterThan(0);
    });

    it('redacts an identity number before storing it', async () => {
      const c = await startConversation(server);
      const res = await c.api.post<{ message: { text: string } }>(`/api/conversations/${c.id}/messages`, { text: 'fnr 15068712375', clientMessageId: 'x' });
      expect(res.body.message.text).toBe('fnr [fødselsnummer]');
      const all = await c.api.get<{ messages: { text: string }[] }>(`/api/conversations/${c.id}/messages`);
      expect(JSON.stringify(all.body)).not.toContain('15068712375');
    });

    it('stores one message when the same clientMessageId is sent twice', async () => {
      const c = await startConversation(server);
      const body = { text: 'Kva er BID-1433?', clientMessageId: 'resend-1' };
      const [a, b] = await Promise.all([c.api.post(`/api/conversations/${c.id}/messages`, body), c.api.post(`/api/conversations/${c.id}/messages`, body)]);
      const again = await c.api.post(`/api/conversations/${c.id}/messages`, body);
      expect(a.status).toBe(201);
      expect(b.body).toEqual(a.body);
      expect(again.body).toEqual(a.body);
      const all = await c.api.get<{ messages: { author: string }[] }>(`/api/conversations/${c.id}/messages`);
      expect(all.body.messages.filter((m) => m.author === 'customer')).toHaveLength(1);
      expect(all.body.messages).toHaveLength(2);
    });

    it('queues a customer who asks for a person, then an advisor claims and both talk live until closed', async () => {
      const c = await startConversation(server);
      const customerWs = await customerSocket(server, c);
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'Eg får BID-1439', clientMessageId: 'a' });
      const asked = await c.api.post<{ handoff: { state: string; position: number; estimatedWaitSeconds: number } }>(`/api/conversations/${c.id}/messages`, {
        text: 'Eg vil snakke med ein person',
        clientMessageId: 'b',
      });
      expect(asked.body.handoff).toMatchObject({ state: 'queued', position: expect.any(Number), estimatedWaitSeconds: expect.any(Number) });
      const position = asked.body.handoff.position;
      await customerWs.waitFor((f) => f.type === 'queue' && f.position === position);
      const again = await c.api.post(`/api/conversations/${c.id}/handoff`);
      expect(again.body).toMatchObject({ state: 'queued', position });

      const advisor = await advisorLogin(server);
      const queue = await advisor.get<{ conversations: { id: string; position: number; topic: string; errorCodes: string[]; urgent: boolean; waitingSince: string }[] }>(
        '/api/advisor/queue',
      );
      const entry = queue.body.conversations.find((x) => x.id === c.id);
      expect(entry).toMatchObject({ position, urgent: false, errorCodes: ['1439'], topic: expect.any(String), waitingSince: expect.any(String) });

      expect((await c.api.get(`/api/conversations/${c.id}/messages?after=99`)).body).toEqual({ state: 'queued', advisorName: null, messages: [], hasMore: false, next: null });
      const advisorWs = await advisorSocket(server, advisor);
      const claimed = await advisor.post(`/api/advisor/conversations/${c.id}/claim`);
      expect(claimed.body).toMatchObject({ state: 'advisor', claimedAt: expect.any(String) });
      // The customer learns who took over from the state itself (the name, never the advisor's id).
      const took = await customerWs.waitFor((f) => f.type === 'state' && f.state === 'advisor');
      expect(took).toEqual({ type: 'state', conversationId: c.id, state: 'advisor', advisorName: 'Admin' });
      await customerWs.waitFor((f) => f.type === 'message' && f.message?.kind === 'claimed');
      expect((await c.api.get(`/api/conversations/${c.id}/messages?after=99`)).body).toEqual({ state: 'advisor', advisorName: 'Admin', messages: [], hasMore: false, next: null });
      const rejoined = await customerSocket(server, c, 99);
      await rejoined.waitFor((f) => f.type === 'state' && f.state === 'advisor' && f.advisorName === 'Admin');
      await rejoined.close();

      // the advisor sees the whole transcript and what the bot understood
      const view = await advisor.get<{ messages: { author: string; intent: string | null; errorCodes: string[] }[] }>(`/api/advisor/conversations/${c.id}`);
      expect(view.body.messages.map((m) => m.author)).toEqual(['customer', 'bot', 'customer', 'bot', 'system', 'system']);
      expect(view.body.messages[1]).toMatchObject({ intent: 'error-code', errorCodes: ['1439'] });

      advisorWs.send({ type: 'watch', conversationId: c.id, after: 6 });
      await advisorWs.waitFor((f) => f.type === 'synced' && f.conversationId === c.id);

      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'Hei, er du der?', clientMessageId: 'c' });
      await advisorWs.waitFor((f) => f.type === 'message' && f.message?.text === 'Hei, er du der?');
      const sent = await advisor.post(`/api/advisor/conversations/${c.id}/messages`, { text: 'Ja, eg opnar BankID-en din no.', clientMessageId: 'adv-1' });
      expect(sent.status).toBe(201);
      await customerWs.waitFor((f) => f.type === 'message' && f.message?.author === 'advisor' && f.message.text === 'Ja, eg opnar BankID-en din no.');

      customerWs.send({ type: 'typing' });
      await advisorWs.waitFor((f) => f.type === 'typing' && f.author === 'customer');
      advisorWs.send({ type: 'typing', conversationId: c.id });
      await customerWs.waitFor((f) => f.type === 'typing' && f.author === 'advisor');

      const note = await advisor.post(`/api/advisor/conversations/${c.id}/notes`, { text: 'Intern: kunden er verifisert' });
      expect(note.status).toBe(201);
      await advisorWs.waitFor((f) => f.type === 'note');

      const closed = await advisor.post(`/api/advisor/conversations/${c.id}/close`, { outcome: 'solved' });
      expect(closed.body).toMatchObject({ state: 'closed', outcome: 'solved', closedAt: expect.any(String) });
      await customerWs.waitFor((f) => f.type === 'state' && f.state === 'closed' && f.advisorName === 'Admin'); // who wrote, for the history
      await customerWs.waitFor((f) => f.type === 'message' && f.message?.kind === 'closed');

      // the customer saw every message once, in order, and never the internal note
      const seqs = customerWs.messages().map((m) => m.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(JSON.stringify(customerWs.frames)).not.toContain('Intern: kunden er verifisert');
      expect(customerWs.frames.some((f) => f.type === 'note')).toBe(false);
      const after = await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'takk', clientMessageId: 'd' });
      expect(after.status).toBe(409);
      expect(after.body).toMatchObject({ error: { code: 'ERR_CONVERSATION_CLOSED' } });
      await Promise.all([customerWs.close(), advisorWs.close()]);
    });

    it('serves urgent conversations first and moves positions as the queue changes', async () => {
      const advisor = await advisorLogin(server);
      const a = await startConversation(server);
      const b = await startConversation(server);
      await a.api.post(`/api/conversations/${a.id}/handoff`);
      const bWs = await customerSocket(server, b);
      await b.api.post(`/api/conversations/${b.id}/messages`, { text: 'Nokon har stole BankID-en min, hjelp!', clientMessageId: 'u' });
      const queue = await advisor.get<{ conversations: { id: string; position: number; urgent: boolean; topic: string | null }[] }>('/api/advisor/queue');
      const ids = queue.body.conversations.filter((x) => x.id === a.id || x.id === b.id);
      // The advisor sees which kind of risk the bot understood, not "Ukjent emne".
      expect(ids[0]!.topic).toMatch(/^urgent:(scammed|unknown-activity|secret-shared|device-lost)$/);
      expect(ids.map((x) => [x.id, x.urgent])).toEqual([
        [b.id, true],
        [a.id, false],
      ]);
      const bPos = ids[0]!.position;
      await bWs.waitFor((f) => f.type === 'queue' && f.position === bPos);
      // a customer ahead leaves the queue: b moves up
      const ahead = queue.body.conversations.find((x) => x.position === bPos - 1);
      if (ahead) {
        await advisor.post(`/api/advisor/conversations/${ahead.id}/claim`);
        await bWs.waitFor((f) => f.type === 'queue' && f.position === bPos - 1);
      }
      // transfer back to the queue
      await advisor.post(`/api/advisor/conversations/${b.id}/claim`);
      await bWs.waitFor((f) => f.type === 'state' && f.state === 'advisor');
      const back = await advisor.post(`/api/advisor/conversations/${b.id}/transfer`);
      expect(back.body).toMatchObject({ state: 'queued', advisorId: null });
      await bWs.waitFor((f) => f.type === 'state' && f.state === 'queued' && f.advisorName === null);
      await bWs.waitFor((f) => f.type === 'message' && f.message?.kind === 'transferred');
      // a customer who gives up leaves the queue
      const left = await a.api.post(`/api/conversations/${a.id}/close`);
      expect(left.body).toEqual({ state: 'closed' });
      await bWs.close();
    });

    it('after a reconnect gives exactly the messages missed', async () => {
      const c = await startConversation(server);
      const first = await customerSocket(server, c);
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'hei', clientMessageId: 'r1' });
      await first.waitFor((f) => f.type === 'message' && f.message?.seq === 2);
      const lastSeq = Math.max(...first.messages().map((m) => m.seq));
      await first.close();

      for (const [i, text] of ['BID-1433', 'BID-2030', 'takk'].entries()) {
        await c.api.post(`/api/conversations/${c.id}/messages`, { text, clientMessageId: `gap-${i}` });
      }
      const again = await customerSocket(server, c, lastSeq);
      await again.waitFor((f) => f.type === 'synced');
      const missed = again.messages();
      expect(missed.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7, 8]);
      expect(missed.filter((m) => m.author === 'customer').map((m) => m.text)).toEqual(['BID-1433', 'BID-2030', 'takk']);
      // and live messages continue after the catch-up, without doubles
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'BID-1437', clientMessageId: 'live' });
      await again.waitFor((f) => f.type === 'message' && f.message?.seq === 10);
      expect(again.messages().map((m) => m.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
      const http = await c.api.get<{ messages: { seq: number }[] }>(`/api/conversations/${c.id}/messages?after=8`);
      expect(http.body.messages.map((m) => m.seq)).toEqual([9, 10]);
      await again.close();
    });

    it('keeps all history across a restart', async () => {
      const c = await startConversation(server);
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'BID-1200', clientMessageId: 'p1' });
      await c.api.post(`/api/conversations/${c.id}/handoff`);
      const before = await c.api.get(`/api/conversations/${c.id}/messages`);
      await server.close();
      server = await startTestServer({ ...where, openingHours: ALWAYS_OPEN });
      const after = await client(server.url, { token: c.token }).get(`/api/conversations/${c.id}/messages`);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      expect(after.body).toMatchObject({ state: 'queued' });
      const advisor = await advisorLogin(server); // the same admin, not a second one
      const queue = await advisor.get<{ conversations: { id: string }[] }>('/api/advisor/queue');
      expect(queue.body.conversations.map((x) => x.id)).toContain(c.id);
    });
  });
}

describe('outside opening hours', () => {
  let where: TestDatabaseLocation;
  let server: TestServer;
  // Sunday 29 November 2026, 03:00 in Oslo; the default hours open at 10:00 on Sundays.
  const sundayNight = new Date('2026-11-29T02:00:00Z');
  beforeAll(async () => {
    where = testDatabaseLocation('sqlite');
    server = await startTestServer({ ...where, now: () => sundayNight });
  });
  afterAll(async () => {
    await server?.close();
    await where?.cleanup();
  });

  it('tells anyone whether the centre is open and when it next opens and closes', async () => {
    const res = await client(server.url).get('/api/opening-hours');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      open: false,
      opensAt: '2026-11-29T09:00:00.000Z', // Sunday 10:00
      closesAt: '2026-11-29T17:00:00.000Z', // Sunday 18:00
      timeZone: 'Europe/Oslo',
      now: sundayNight.toISOString(),
    });
  });

  it('says so, gives the phone and next opening, and takes a callback request into the queue', async () => {
    const c = await startConversation(server);
    const asked = await c.api.post<{ handoff: unknown; replies: { kind: string; text: string }[] }>(`/api/conversations/${c.id}/messages`, {
      text: 'Kan eg få snakke med ein rådgjevar?',
      clientMessageId: 'h',
    });
    expect(asked.body.handoff).toEqual({
      state: 'closed',
      opensAt: '2026-11-29T09:00:00.000Z',
      now: sundayNight.toISOString(),
      phone: '57 82 97 00',
      callback: { method: 'POST', path: `/api/conversations/${c.id}/callback` },
    });
    const notice = asked.body.replies.find((r) => r.kind === 'closed-hours');
    expect(notice?.text).toMatch(/stengt.*søndag 29\. november kl\. 10:00.*57 82 97 00/s);
    const direct = await c.api.post(`/api/conversations/${c.id}/handoff`);
    expect(direct.body).toMatchObject({ state: 'closed', opensAt: '2026-11-29T09:00:00.000Z' });

    const missing = await c.api.post(`/api/conversations/${c.id}/callback`, { message: 'Ring meg' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'ERR_VALIDATION', message: expect.stringContaining('phone') } });
    const cb = await c.api.post<{ id: string }>(`/api/conversations/${c.id}/callback`, { name: 'Kari', phone: '900 00 000', message: 'BankID er sperra' });
    expect(cb.status).toBe(201);

    const advisor = await advisorLogin(server);
    const queue = await advisor.get<{ callbacks: { id: string; conversationId: string; phone: string; message: string }[] }>('/api/advisor/queue');
    expect(queue.body.callbacks).toContainEqual(expect.objectContaining({ id: cb.body.id, conversationId: c.id, phone: '900 00 000', message: 'BankID er sperra' }));
    expect((await advisor.post(`/api/advisor/callbacks/${cb.body.id}/done`)).status).toBe(204);
    expect((await advisor.get<{ callbacks: unknown[] }>('/api/advisor/queue')).body.callbacks).toEqual([]);
  });
});

describe('bad input and security', () => {
  let where: TestDatabaseLocation;
  let server: TestServer;
  beforeAll(async () => {
    where = testDatabaseLocation('sqlite');
    server = await startTestServer({ ...where, openingHours: ALWAYS_OPEN, limits: { messagesPerConversationPerMinute: 5, loginsPerAddressPerMinute: 5 } });
  });
  afterAll(async () => {
    await server?.close();
    await where?.cleanup();
  });

  it('opens a conversation only with its own token', async () => {
    const a = await startConversation(server);
    const b = await startConversation(server);
    const anon = client(server.url);
    const body = { text: 'hei', clientMessageId: '1' };
    expect((await anon.post(`/api/conversations/${a.id}/messages`, body)).body).toMatchObject({ error: { code: 'ERR_UNAUTHORIZED' } });
    expect((await anon.get(`/api/conversations/${a.id}/messages`)).status).toBe(401);
    const wrong = await b.api.get(`/api/conversations/${a.id}/messages`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'ERR_FORBIDDEN' } });
    expect((await b.api.post(`/api/conversations/${a.id}/handoff`)).status).toBe(403);
    expect((await a.api.get(`/api/conversations/${randomUUID()}/messages`)).status).toBe(404);
    await expect(openSocket(`${server.wsUrl}/api/conversations/${a.id}/ws?token=${b.token}`)).rejects.toThrow('403');
    await expect(openSocket(`${server.wsUrl}/api/conversations/${a.id}/ws`)).rejects.toThrow('401');
    await expect(openSocket(`${server.wsUrl}/api/advisor/ws`)).rejects.toThrow('401');
  });

  it('says what is wrong with bad input, never 500', async () => {
    const c = await startConversation(server);
    const path = `/api/conversations/${c.id}/messages`;
    const cases: [unknown, number, string, RegExp][] = [
      [{ text: 'x'.repeat(4001), clientMessageId: 'l' }, 400, 'ERR_MESSAGE_TOO_LONG', /body\.text: must be at most 4000/],
      [{ text: '   ', clientMessageId: 'e' }, 400, 'ERR_VALIDATION', /body\.text: must not be empty/],
      [{ text: 'hei' }, 400, 'ERR_VALIDATION', /body\.clientMessageId/],
      [{ text: 'hei', clientMessageId: 'a', extra: 1 }, 400, 'ERR_VALIDATION', /extra/],
      [{ text: 42, clientMessageId: 'a' }, 400, 'ERR_VALIDATION', /body\.text/],
      ['{"text": "unterminated', 400, 'ERR_VALIDATION', /not valid JSON/],
      [[1, 2], 400, 'ERR_VALIDATION', /body/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await c.api.post(path, body);
      expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { error: { code, message: expect.stringMatching(message) } } });
    }
    expect((await c.api.post('/api/conversations/not-a-uuid/messages', { text: 'x', clientMessageId: 'y' })).body).toMatchObject({
      error: { code: 'ERR_VALIDATION', message: expect.stringContaining('params.id') },
    });
    expect((await c.api.get(`${path}?after=-1`)).status).toBe(400);
    expect((await c.api.get(`${path}?after=abc`)).status).toBe(400);
    expect((await c.api.post(`/api/conversations/${c.id}/feedback`, { seq: 99, helped: true })).status).toBe(404);
    expect((await c.api.post(`/api/conversations/${c.id}/feedback`, { seq: 1, helped: 'yes' })).status).toBe(400);
    const text = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${c.token}` }, body: 'hei' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: { code: 'ERR_UNSUPPORTED_MEDIA_TYPE' } });
    const big = await c.api.post(path, { text: 'x'.repeat(70_000), clientMessageId: 'big' });
    expect(big.body).toMatchObject({ error: { code: 'ERR_PAYLOAD_TOO_LARGE' } });
    expect((await c.api.get('/api/nothing-here')).body).toMatchObject({ error: { code: 'ERR_NOT_FOUND' } });
  });

  it('records feedback on a bot answer only', async () => {
    const c = await startConversation(server);
    await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'BID-1433', clientMessageId: 'f' });
    expect((await c.api.post(`/api/conversations/${c.id}/feedback`, { seq: 2, helped: true })).status).toBe(204);
    expect((await c.api.post(`/api/conversations/${c.id}/feedback`, { seq: 1, helped: true })).body).toMatchObject({ error: { code: 'ERR_VALIDATION' } });
  });

  it('limits messages per conversation', async () => {
    const c = await startConversation(server);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'hei', clientMessageId: `rl${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'hei', clientMessageId: 'rlx' });
    expect(limited.body).toMatchObject({ error: { code: 'ERR_RATE_LIMITED' } });
    const other = await startConversation(server); // another conversation is not affected
    expect((await other.api.post(`/api/conversations/${other.id}/messages`, { text: 'hei', clientMessageId: 'o' })).status).toBe(201);
  });

  it('logs advisors in with an HttpOnly SameSite cookie, rate-limited, and keeps advisor routes closed without it', async () => {
    const anon = client(server.url);
    expect((await anon.get('/api/advisor/queue')).body).toMatchObject({ error: { code: 'ERR_UNAUTHORIZED' } });
    const bad = await anon.post('/api/advisor/login', { email: ADMIN.email, password: 'wrong password' });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: 'ERR_BAD_CREDENTIALS' } });
    const nobody = await anon.post('/api/advisor/login', { email: 'nobody@bank.test', password: 'whatever' });
    expect(nobody.body).toEqual(bad.body);

    const ok = await anon.post('/api/advisor/login', ADMIN);
    expect(ok.status).toBe(200);
    const set = ok.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/ks_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect((await anon.get('/api/advisor/me')).body).toMatchObject({ email: ADMIN.email, role: 'admin' });

    // an admin creates an advisor; the advisor cannot create accounts
    const made = await anon.post('/api/admin/advisors', { email: 'kari@bank.test', name: 'Kari', role: 'advisor', password: 'another long password' });
    expect(made.status).toBe(201);
    expect((await anon.post('/api/admin/advisors', { email: 'kari@bank.test', name: 'K', role: 'advisor', password: 'another long password' })).status).toBe(409);
    const kari = client(server.url);
    expect((await kari.post('/api/advisor/login', { email: 'kari@bank.test', password: 'another long password' })).status).toBe(200);
    expect((await kari.post('/api/admin/advisors', { email: 'x@bank.test', name: 'X', role: 'admin', password: 'another long password' })).status).toBe(403);
    expect((await kari.post('/api/advisor/logout')).status).toBe(204);
    expect((await kari.get('/api/advisor/queue')).status).toBe(401);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client(server.url).post('/api/advisor/login', { email: ADMIN.email, password: 'wrong' })).status);
    expect(statuses).toContain(429);
  });

  it('documents every route in OpenAPI at /docs', async () => {
    const doc = await client(server.url).get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json', OPS);
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    for (const r of [
      'GET /api/opening-hours',
      'POST /api/conversations',
      'POST /api/conversations/{id}/messages',
      'GET /api/conversations/{id}/messages',
      'POST /api/conversations/{id}/handoff',
      'POST /api/conversations/{id}/feedback',
      'POST /api/conversations/{id}/callback',
      'GET /api/conversations/{id}/ws',
      'POST /api/advisor/login',
      'GET /api/advisor/queue',
      'POST /api/advisor/conversations/{id}/claim',
      'POST /api/advisor/conversations/{id}/messages',
      'POST /api/advisor/conversations/{id}/notes',
      'POST /api/advisor/conversations/{id}/transfer',
      'POST /api/advisor/conversations/{id}/close',
      'GET /healthz',
      'GET /readyz',
      'GET /metrics',
    ]) {
      expect(routes).toContain(r);
    }
    const post = doc.body.paths['/api/conversations/{id}/messages']!.post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(post.requestBody.content['application/json']!.schema.required).toEqual(['text', 'clientMessageId']);
    expect((await fetch(`${server.url}/docs`, { redirect: 'manual', headers: OPS })).status).toBeLessThan(400);
  });

  it('answers health, readiness and metrics', async () => {
    const api = client(server.url);
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.get('/readyz')).body).toEqual({ status: 'ready' });
    const metrics = await fetch(`${server.url}/metrics`, { headers: OPS }).then((r) => r.text());
    expect(metrics).toContain('chat_messages_stored_total');
    expect(metrics).toContain('http_requests_total');
    expect(metrics).toMatch(/chat_queue_length \d+/);
  });
});

describe('what only operators see', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kundesenter-ops-'));
    server = await startTestServer({ dataDir: dir });
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps /metrics and /docs shut without the OPS_TOKEN or an admin session', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/docs/json`)).status).toBe(401);
    expect(await (await fetch(`${server.url}/metrics`)).json()).toMatchObject({ error: { code: 'ERR_UNAUTHORIZED' } });
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-xx' } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: OPS })).status).toBe(200);
    const admin = client(server.url);
    await admin.post('/api/advisor/login', ADMIN);
    expect((await admin.get('/docs/json')).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
