// Logged-in chat end to end, over HTTP, against the local test identity provider: log in from a
// conversation, order a code chip, the bank's receiver gets one signed webhook; what the advisor
// and the audit log see; and every way a login can go wrong ends with a clear reason, never a
// half-logged-in conversation. On SQLite and PostgreSQL.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../actions/testing.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { devLogin, DEV_ACR, testPersons } from '../identity/dev-provider.js';
import { ADMIN, client, freePort, OPS, startTestServer, type TestServer } from './testing.js';

const SECRET = 'webhook-secret-for-tests-0123456789';
const kari = testPersons[0]!;
const ola = testPersons[1]!;

/** Every file under a folder, as bytes (the database, its WAL, the keys file …). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const target of testTargets) {
  if (target.skip) warnSkipped(`logged-in chat on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`logged-in chat on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let server: TestServer;
    let receiver: Receiver;
    let clock = Date.parse('2026-06-10T10:00:00Z');
    let failNext = 0;
    const logs: string[] = [];

    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      receiver = await startReceiver({ secret: SECRET, now: () => new Date(clock), status: (a) => (a.body.includes(ola.nationalId) && failNext-- > 0 ? 503 : 200) });
      const port = await freePort();
      server = await startTestServer({
        dataDir: where.dataDir,
        databaseUrl: where.databaseUrl,
        pgSchema: where.pgSchema,
        port,
        now: () => new Date(clock),
        openingHours: 'mon-sun 00:00-24:00',
        env: { DEV_IDENTITY_PROVIDER: 'true', ORDERS_WEBHOOK_URL: receiver.url, ORDERS_WEBHOOK_SECRET: SECRET },
        delivery: { everyMs: 50, backoff: () => 100 },
        logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
      });
    });
    afterAll(async () => {
      await server?.close();
      await receiver?.close();
      await where?.cleanup();
    });

    async function conversation() {
      const res = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
      return { id: res.body.id, api: client(server.url, { token: res.body.token }) };
    }

    /** Starts a login from the conversation and goes through the provider's page; returns the callback URL. */
    async function loginAt(c: { id: string; api: ReturnType<typeof client> }, choice: Parameters<typeof devLogin>[1] = {}) {
      const start = await c.api.post<{ authorizationUrl: string }>(`/api/conversations/${c.id}/identity/login`, { returnTo: `${server.url}/?side=hjelp` });
      expect(start.status).toBe(200);
      return devLogin(start.body.authorizationUrl, choice);
    }

    async function callback(url: URL | string): Promise<string> {
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(303);
      return res.headers.get('location')!;
    }

    /** Waits in real time; the service's clock moves on by `tick` each round (retries are due by it). */
    const waitFor = async (what: () => boolean, ms = 5000, tick = 0) => {
      for (const until = Date.now() + ms; !what(); ) {
        if (Date.now() > until) throw new Error('timed out');
        clock += tick;
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    it('logs in from the chat, orders a code chip with the address confirmed, and the bank gets one signed webhook', async () => {
      const c = await conversation();
      const sent = await c.api.post<{ replies: { kind: string; actions: { id: string; label: string }[] }[] }>(`/api/conversations/${c.id}/messages`, {
        text: 'kodebrikka mi viser berre ein dato',
        clientMessageId: 'm1',
      });
      expect(sent.body.replies[0]!.actions).toEqual([{ id: 'order-code-chip', label: 'Bestill ny kodebrikke' }]);
      expect((await c.api.post(`/api/conversations/${c.id}/actions/order-code-chip/prepare`)).body).toMatchObject({ loginNeeded: true });
      expect((await c.api.post(`/api/conversations/${c.id}/actions/order-code-chip`)).body).toMatchObject({ error: { code: 'ERR_LOGIN_REQUIRED' } });

      const back = await callback(await loginAt(c));
      expect(back).toBe(`${server.url}/?side=hjelp#kundesenter-login=ok`);
      expect((await c.api.get(`/api/conversations/${c.id}/identity`)).body).toMatchObject({ available: true, loggedIn: true, name: kari.name });

      const prepared = await c.api.post<{ fields: { value: { street: string } }[]; again: string | null }>(`/api/conversations/${c.id}/actions/order-code-chip/prepare`);
      expect(prepared.body).toMatchObject({ loginNeeded: false, again: null, fields: [{ id: 'postal-address', value: { name: kari.name, city: 'Voss' } }] });
      const ordered = await c.api.post<{ order: { id: string }; receipt: { kind: string; text: string } }>(`/api/conversations/${c.id}/actions/order-code-chip`);
      expect(ordered.status).toBe(201);
      expect(ordered.body.receipt).toMatchObject({ kind: 'receipt' });
      expect(ordered.body.receipt.text).toContain('3-10 virkedagar');

      await waitFor(() => receiver.acknowledged.length >= 1);
      expect(receiver.arrivals).toHaveLength(1);
      const arrival = receiver.arrivals[0]!;
      expect(arrival.signed).toBe(true);
      expect(arrival.key).toBe(ordered.body.order.id);
      const body = JSON.parse(arrival.body) as { action: string; customer: { nationalId: string; name: string }; fields: Record<string, { street: string }> };
      expect(body).toMatchObject({ action: 'order-code-chip', customer: { nationalId: kari.nationalId, name: kari.name } });
      expect(body.fields['postal-address']!.street).toBe(prepared.body.fields[0]!.value.street);

      // The transcript tells the customer they are logged in, and gives the receipt.
      const messages = await c.api.get<{ messages: { kind: string }[] }>(`/api/conversations/${c.id}/messages`);
      expect(messages.body.messages.map((m) => m.kind)).toEqual(['text', 'answer', 'identified', 'receipt']);

      // A second order in the period needs confirming again.
      const again = await c.api.post(`/api/conversations/${c.id}/actions/order-code-chip`);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'ERR_CONFIRM_AGAIN' } });
      expect((await c.api.post(`/api/conversations/${c.id}/actions/order-code-chip/prepare`)).body).toMatchObject({ again: expect.stringContaining('Du bestilte ny kodebrikke 10. juni') });

      // The advisor sees the verified identity, masked, and the order delivered; the full number needs a reason.
      const advisor = client(server.url);
      await advisor.post('/api/advisor/login', ADMIN);
      await waitFor(() => true);
      const seen = await advisor.get<{ identity: { name: string; maskedNationalId: string; active: boolean }; orders: { state: string; delivery: { state: string } }[] }>(
        `/api/advisor/conversations/${c.id}/identity`,
      );
      expect(seen.body.identity).toMatchObject({ name: kari.name, maskedNationalId: `${kari.nationalId.slice(0, 6)} *****`, active: true, acr: DEV_ACR.high });
      await waitFor(() => true);
      expect(seen.body.orders).toEqual([expect.objectContaining({ actionId: 'order-code-chip', requestedBy: null })]);
      expect(JSON.stringify(seen.body)).not.toContain(kari.nationalId);
      expect((await advisor.post(`/api/advisor/conversations/${c.id}/identity/reveal`, { reason: '' })).status).toBe(400);
      const revealed = await advisor.post(`/api/advisor/conversations/${c.id}/identity/reveal`, { reason: 'Kunden bad om å stadfeste adressa' });
      expect(revealed.body).toEqual({ nationalId: kari.nationalId });

      await waitFor(() => true);
      const audit = await advisor.get<{ entries: { action: string; reason: string | null }[] }>(`/api/admin/audit?conversationId=${c.id}`);
      expect(audit.body.entries.map((e) => e.action).sort()).toEqual(['action.delivered', 'action.requested', 'identity.revealed', 'login'].sort());
      expect(audit.body.entries.find((e) => e.action === 'identity.revealed')!.reason).toBe('Kunden bad om å stadfeste adressa');
      expect((await advisor.get(`/api/admin/audit?action=identity.revealed`)).body).toMatchObject({ entries: [expect.objectContaining({ conversationId: c.id })] });

      // Logging out ends the login; actions need it again.
      expect((await c.api.post(`/api/conversations/${c.id}/identity/logout`)).body).toMatchObject({ loggedIn: false });
      expect((await c.api.post(`/api/conversations/${c.id}/actions/order-code-chip`, { again: true })).body).toMatchObject({ error: { code: 'ERR_LOGIN_REQUIRED' } });
    });

    it('cannot open a blocked BankID itself: hands the customer to the queue, identity confirmed, with the reason', async () => {
      const c = await conversation();
      const sent = await c.api.post<{ replies: { actions: { id: string }[] }[] }>(`/api/conversations/${c.id}/messages`, { text: 'BankID-en min er sperra, korleis opnar eg han igjen?', clientMessageId: 'u1' });
      expect(sent.body.replies[0]!.actions.map((a) => a.id)).toEqual(['unlock-bankid']);
      expect(await callback(await loginAt(c, { nationalId: ola.nationalId }))).toContain('=ok');
      expect((await c.api.post(`/api/conversations/${c.id}/actions/unlock-bankid/prepare`)).body).toMatchObject({ loginNeeded: false, fields: [] });
      const done = await c.api.post<{ handoff: { state: string } }>(`/api/conversations/${c.id}/actions/unlock-bankid`);
      expect(done.status).toBe(201);
      expect(done.body.handoff).toMatchObject({ state: 'queued' });
      const advisor = client(server.url);
      await advisor.post('/api/advisor/login', ADMIN);
      const queue = await advisor.get<{ conversations: { id: string; identified: boolean; reason: string | null }[] }>('/api/advisor/queue');
      expect(queue.body.conversations.find((q) => q.id === c.id)).toMatchObject({ identified: true, reason: 'Vil opne sperra BankID' });
      const seen = await advisor.get<{ orders: { actionId: string; state: string; reason: string }[] }>(`/api/advisor/conversations/${c.id}/identity`);
      expect(seen.body.orders).toEqual([expect.objectContaining({ actionId: 'unlock-bankid', state: 'queued', reason: 'Vil opne sperra BankID' })]);
    });

    it('lets the advisor who has the conversation order on a logged-in customer\'s behalf', async () => {
      const c = await conversation();
      expect(await callback(await loginAt(c, { nationalId: testPersons[2]!.nationalId }))).toContain('=ok');
      await c.api.post(`/api/conversations/${c.id}/handoff`);
      const advisor = client(server.url);
      await advisor.post('/api/advisor/login', ADMIN);
      expect((await advisor.post(`/api/advisor/conversations/${c.id}/actions/order-code-chip`)).body).toMatchObject({ error: { code: 'ERR_NOT_YOUR_CONVERSATION' } });
      await advisor.post(`/api/advisor/conversations/${c.id}/claim`);
      const seen = await advisor.get<{ actions: { id: string }[] }>(`/api/advisor/conversations/${c.id}/identity`);
      expect(seen.body.actions.map((a) => a.id)).toEqual(['order-code-chip']);
      expect((await advisor.post(`/api/advisor/conversations/${c.id}/actions/order-code-chip/prepare`)).body).toMatchObject({ fields: [{ value: { city: 'Bergen' } }] });
      const ordered = await advisor.post<{ order: { requestedBy: string } }>(`/api/advisor/conversations/${c.id}/actions/order-code-chip`);
      expect(ordered.status).toBe(201);
      expect(ordered.body.order.requestedBy).toEqual(expect.any(String));
      const messages = await c.api.get<{ messages: { kind: string }[] }>(`/api/conversations/${c.id}/messages`);
      expect(messages.body.messages.at(-1)).toMatchObject({ kind: 'receipt' });
    });

    it('retries while the bank is down and delivers once', async () => {
      failNext = 3; // for Ola's orders only
      const before = receiver.arrivals.length;
      const c = await conversation();
      expect(await callback(await loginAt(c, { nationalId: ola.nationalId }))).toContain('#kundesenter-login=ok');
      const ordered = await c.api.post<{ order: { id: string } }>(`/api/conversations/${c.id}/actions/order-code-chip`);
      expect(ordered.status).toBe(201);
      await waitFor(() => receiver.acknowledged.includes(ordered.body.order.id), 5000, 200);
      const mine = receiver.arrivals.slice(before).filter((a) => a.key === ordered.body.order.id);
      expect(mine).toHaveLength(4); // three 503s, then delivered
      expect(receiver.acknowledged.filter((k) => k === ordered.body.order.id)).toHaveLength(1);
      const admin = client(server.url);
      await admin.post('/api/advisor/login', ADMIN);
      const deliveries = await admin.get<{ deliveries: { orderId: string; state: string; attempts: number }[] }>('/api/admin/deliveries?state=delivered');
      expect(deliveries.body.deliveries.find((d) => d.orderId === ordered.body.order.id)).toMatchObject({ state: 'delivered', attempts: 4 });
    });

    it('refuses a tampered state, a wrong level of assurance, a replayed callback and an expired login, each with its reason', async () => {
      const c = await conversation();
      const good = await loginAt(c);
      const tampered = new URL(good);
      tampered.searchParams.set('state', 'not-the-state-we-sent');
      expect(await callback(tampered)).toBe(`${server.url}/#kundesenter-login=state`);
      expect((await c.api.get(`/api/conversations/${c.id}/identity`)).body).toMatchObject({ loggedIn: false });

      expect(await callback(good)).toContain('#kundesenter-login=ok');
      expect(await callback(good)).toContain('#kundesenter-login=replayed');

      const d = await conversation();
      expect(await callback(await loginAt(d, { acr: DEV_ACR.substantial }))).toContain('#kundesenter-login=acr');
      expect((await d.api.get(`/api/conversations/${d.id}/identity`)).body).toMatchObject({ loggedIn: false });
      const texts = await d.api.get<{ messages: { kind: string; text: string }[] }>(`/api/conversations/${d.id}/messages`);
      expect(texts.body.messages.at(-1)).toMatchObject({ kind: 'login-failed', text: expect.stringContaining('tryggleiksnivå') });

      const e = await conversation();
      const slow = await loginAt(e);
      clock += 11 * 60_000;
      expect(await callback(slow)).toContain('#kundesenter-login=expired');
      expect((await e.api.get(`/api/conversations/${e.id}/identity`)).body).toMatchObject({ loggedIn: false });

      const f = await conversation();
      expect(await callback(await loginAt(f, { cancel: true }))).toContain('#kundesenter-login=cancelled');
      expect((await f.api.post(`/api/conversations/${f.id}/identity/login`, { returnTo: 'https://evil.example/' })).status).toBe(400);
    });

    it('ends a login after the idle time', async () => {
      const c = await conversation();
      expect(await callback(await loginAt(c))).toContain('=ok');
      clock += 14 * 60_000;
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'takk, eg ventar litt', clientMessageId: 'idle-1' });
      clock += 14 * 60_000;
      expect((await c.api.get(`/api/conversations/${c.id}/identity`)).body).toMatchObject({ loggedIn: true }); // writing kept it alive
      clock += 16 * 60_000;
      expect((await c.api.get(`/api/conversations/${c.id}/identity`)).body).toMatchObject({ loggedIn: false });
      const last = await c.api.get<{ messages: { kind: string; text: string }[] }>(`/api/conversations/${c.id}/messages`);
      expect(last.body.messages.at(-1)).toMatchObject({ kind: 'logged-out', text: expect.stringContaining('gått ei stund') });
    });

    it('gives a customer their data and deletes it; an admin does the same for a person by identity number, on record', async () => {
      const emil = testPersons[3]!;
      const c = await conversation();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'kodebrikka er blank', clientMessageId: 'p1' });
      expect(await callback(await loginAt(c, { nationalId: emil.nationalId }))).toContain('=ok');
      const mine = await c.api.get<{ messages: { text: string }[]; logins: { name: string }[] }>(`/api/conversations/${c.id}/export`);
      expect(mine.status).toBe(200);
      expect(mine.body.messages[0]!.text).toBe('kodebrikka er blank');
      expect(mine.body.logins).toEqual([expect.objectContaining({ name: emil.name })]);
      expect(JSON.stringify(mine.body)).not.toContain(emil.nationalId);

      const d = await conversation();
      expect(await callback(await loginAt(d, { nationalId: emil.nationalId }))).toContain('=ok');
      const admin = client(server.url);
      await admin.post('/api/advisor/login', ADMIN);
      expect((await admin.post('/api/admin/privacy/export', { nationalId: emil.nationalId, reason: '' })).status).toBe(400);
      const all = await admin.post<{ conversations: { conversation: { id: string } }[] }>('/api/admin/privacy/export', { nationalId: emil.nationalId, reason: 'Innsynskrav frå kunden' });
      expect(all.body.conversations.map((x) => x.conversation.id).sort()).toEqual([c.id, d.id].sort());

      // The customer deletes one conversation with its token; the admin the rest of the person's.
      expect((await c.api.delete(`/api/conversations/${c.id}`)).status).toBe(204);
      expect((await c.api.get(`/api/conversations/${c.id}/messages`)).status).toBe(404);
      expect((await admin.post('/api/admin/privacy/delete', { nationalId: emil.nationalId, reason: 'Krav om sletting' })).body).toEqual({ deleted: 1 });
      expect((await d.api.get(`/api/conversations/${d.id}/messages`)).status).toBe(404);
      const audit = await admin.get<{ entries: { action: string; reason: string | null }[] }>('/api/admin/audit?action=privacy.deleted');
      expect(audit.body.entries.map((e) => e.reason)).toEqual(expect.arrayContaining(['Krav om sletting', null]));
    });

    it('documents every new route in the OpenAPI document', async () => {
      const doc = await client(server.url).get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json', OPS);
      const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(routes).toEqual(
        expect.arrayContaining([
          'GET /api/conversations/{id}/identity',
          'POST /api/conversations/{id}/identity/login',
          'POST /api/conversations/{id}/identity/logout',
          'GET /api/identity/callback',
          'POST /api/conversations/{id}/actions/{actionId}/prepare',
          'POST /api/conversations/{id}/actions/{actionId}',
          'GET /api/advisor/conversations/{id}/identity',
          'POST /api/advisor/conversations/{id}/identity/reveal',
          'POST /api/advisor/conversations/{id}/actions/{actionId}/prepare',
          'POST /api/advisor/conversations/{id}/actions/{actionId}',
          'GET /api/admin/audit',
          'GET /api/admin/deliveries',
          'POST /api/admin/deliveries/{id}/retry',
          'GET /api/conversations/{id}/export',
          'DELETE /api/conversations/{id}',
          'POST /api/admin/privacy/export',
          'POST /api/admin/privacy/delete',
          'POST /api/conversations/{id}/csat',
        ]),
      );
      expect(routes.some((r) => r.includes('/dev/bank'))).toBe(false); // development only, not the API
    });

    it('keeps no identity number in clear in the data folder, the database or the logs', async () => {
      const numbers = testPersons.map((p) => p.nationalId);
      for (const file of filesUnder(where.dataDir)) {
        const bytes = readFileSync(file).toString('latin1');
        for (const n of numbers) expect(bytes.includes(n), `${n} in ${file}`).toBe(false);
      }
      if (target.name === 'postgres') {
        const dump = execFileSync('pg_dump', ['--schema', where.pgSchema!, process.env.TEST_DATABASE_URL!], { maxBuffer: 64 * 1024 * 1024 }).toString();
        expect(dump).toContain('customer_identities');
        for (const n of numbers) expect(dump.includes(n), `${n} in pg_dump`).toBe(false);
      }
      expect(logs.length).toBeGreaterThan(10);
      for (const n of numbers) expect(logs.join('\n').includes(n)).toBe(false);
    });
  });
}
