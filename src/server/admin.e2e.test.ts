// Admins manage advisor accounts, end to end over a real port on SQLite and PostgreSQL: list,
// create, rename, change role, deactivate (sessions, sockets and conversations end with it) and
// reactivate, a new password; the last active admin stays; bad input is a 4xx that says why.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { SIGNED_OUT } from './realtime.js';
import { ADMIN, client, openSocket, startTestServer, type TestServer, OPS } from './testing.js';

interface Account {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  createdAt: string;
}

const KARI = { email: 'kari@bank.test', name: 'Kari Rådgjevar', role: 'advisor', password: 'eit langt og godt passord' };

for (const target of testTargets) {
  if (target.skip) warnSkipped(`advisor-account tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`advisor accounts over HTTP on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let server: TestServer;
    let admin: ReturnType<typeof client>;
    let kari: Account;

    const login = async (email: string, password: string) => {
      const api = client(server.url);
      const res = await api.post('/api/advisor/login', { email, password });
      return { api, res };
    };

    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      server = await startTestServer({ ...where, openingHours: 'mon-sun 00:00-24:00', limits: { loginsPerAddressPerMinute: 1000 } });
      admin = (await login(ADMIN.email, ADMIN.password)).api;
      const made = await admin.post<Account>('/api/admin/advisors', KARI);
      expect(made.status).toBe(201);
      kari = made.body;
    });
    afterAll(async () => {
      await server?.close();
      await where?.cleanup();
    });

    it('lists every account with id, name, e-mail, role, active and creation time, never a password hash', async () => {
      const res = await admin.get<{ advisors: Account[] }>('/api/admin/advisors');
      expect(res.status).toBe(200);
      expect(res.body.advisors.map((a) => a.email)).toEqual([ADMIN.email, KARI.email]);
      expect(res.body.advisors[1]).toEqual({ id: kari.id, email: KARI.email, name: KARI.name, displayName: null, role: 'advisor', active: true, createdAt: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/argon|hash|passord/i);
    });

    it('lets only admins in: 401 without a session, 403 for an advisor', async () => {
      const anon = client(server.url);
      expect((await anon.get('/api/admin/advisors')).body).toMatchObject({ error: { code: 'ERR_UNAUTHORIZED' } });
      expect((await anon.patch(`/api/admin/advisors/${kari.id}`, { name: 'X' })).status).toBe(401);
      const { api } = await login(KARI.email, KARI.password);
      for (const res of [
        await api.get('/api/admin/advisors'),
        await api.patch(`/api/admin/advisors/${kari.id}`, { role: 'admin' }),
        await api.post(`/api/admin/advisors/${kari.id}/password`, { password: 'eg gjer meg sjølv til admin' }),
        await api.post('/api/admin/advisors', { ...KARI, email: 'x@bank.test', role: 'admin' }),
      ]) {
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { error: { code: 'ERR_FORBIDDEN' } } });
      }
      expect((await api.get<{ role: string }>('/api/advisor/me')).body.role).toBe('advisor');
    });

    it('renames and changes the role; the change holds for the next request', async () => {
      const { api } = await login(KARI.email, KARI.password);
      const res = await admin.patch<Account>(`/api/admin/advisors/${kari.id}`, { name: 'Kari Nordmann', role: 'admin' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: kari.id, name: 'Kari Nordmann', role: 'admin', active: true });
      expect((await api.get('/api/admin/advisors')).status).toBe(200); // the same session, now an admin
      const back = await admin.patch<Account>(`/api/admin/advisors/${kari.id}`, { name: KARI.name, role: 'advisor' });
      expect(back.body).toMatchObject({ name: KARI.name, role: 'advisor' });
      expect((await api.get('/api/admin/advisors')).status).toBe(403);
    });

    it('shows customers the display name, not the account name, and clears it with null', async () => {
      const named = await admin.patch<Account & { displayName: string | null }>(`/api/admin/advisors/${kari.id}`, { displayName: 'Kari' });
      expect(named.body).toMatchObject({ name: KARI.name, displayName: 'Kari' });
      const { api } = await login(KARI.email, KARI.password);
      const started = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
      const customer = client(server.url, { token: started.body.token });
      await customer.post(`/api/conversations/${started.body.id}/handoff`);
      expect((await api.post(`/api/advisor/conversations/${started.body.id}/claim`)).status).toBe(200);
      const seen = await customer.get<{ advisorName: string; messages: { kind: string; text: string }[] }>(`/api/conversations/${started.body.id}/messages`);
      expect(seen.body.advisorName).toBe('Kari');
      expect(seen.body.messages.find((m) => m.kind === 'claimed')?.text).toContain('Kari frå kundesenteret');
      expect(seen.body.messages.some((m) => m.text.includes(KARI.name))).toBe(false);
      expect((await admin.patch(`/api/admin/advisors/${kari.id}`, { displayName: '' })).status).toBe(400);
      const cleared = await admin.patch<{ displayName: string | null }>(`/api/admin/advisors/${kari.id}`, { displayName: null });
      expect(cleared.body.displayName).toBeNull();
      await api.post(`/api/advisor/conversations/${started.body.id}/close`, { outcome: 'løyst' });
    });

    it('deactivating ends the sessions and sockets at once, refuses logins, and sends the customers back to the queue', async () => {
      const { api } = await login(KARI.email, KARI.password);
      const socket = await openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie: api.cookie()! });
      const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
      // Kari is talking to a customer.
      const started = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
      const { id, token } = started.body;
      const customerWs = await openSocket(`${server.wsUrl}/api/conversations/${id}/ws?token=${token}`);
      await client(server.url, { token }).post(`/api/conversations/${id}/handoff`);
      expect((await api.post(`/api/advisor/conversations/${id}/claim`)).status).toBe(200);
      await customerWs.waitFor((f) => f.type === 'state' && f.state === 'advisor');

      const res = await admin.patch<Account>(`/api/admin/advisors/${kari.id}`, { active: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: kari.id, active: false });
      expect(await closed).toBe(SIGNED_OUT);
      expect((await api.get('/api/advisor/queue')).body).toMatchObject({ error: { code: 'ERR_UNAUTHORIZED' } });
      const refused = await login(KARI.email, KARI.password);
      expect(refused.res.status).toBe(403);
      expect(refused.res.body).toMatchObject({ error: { code: 'ERR_FORBIDDEN', message: expect.stringContaining('deactivated') } });
      expect((await login(KARI.email, 'wrong password')).res.body).toMatchObject({ error: { code: 'ERR_BAD_CREDENTIALS' } });
      // The customer is told and waits again; no advisor holds the conversation.
      await customerWs.waitFor((f) => f.type === 'state' && f.state === 'queued');
      await customerWs.waitFor((f) => f.type === 'message' && f.message?.kind === 'transferred');
      const queue = await admin.get<{ conversations: { id: string; state: string }[] }>('/api/advisor/queue');
      expect(queue.body.conversations).toContainEqual(expect.objectContaining({ id, state: 'queued' }));
      await customerWs.close();

      const again = await admin.patch<Account>(`/api/admin/advisors/${kari.id}`, { active: true });
      expect(again.body).toMatchObject({ active: true });
      expect((await login(KARI.email, KARI.password)).res.status).toBe(200);
      await admin.post(`/api/advisor/conversations/${id}/close`, { outcome: 'test' });
    });

    it('sets a new password: the old one and the account’s sessions stop working; an admin keeps their own session', async () => {
      const before = await login(KARI.email, KARI.password);
      const res = await admin.post(`/api/admin/advisors/${kari.id}/password`, { password: 'eit heilt nytt passord' });
      expect(res.status).toBe(204);
      expect((await before.api.get('/api/advisor/me')).status).toBe(401);
      expect((await login(KARI.email, KARI.password)).res.status).toBe(401);
      expect((await login(KARI.email, 'eit heilt nytt passord')).res.status).toBe(200);

      const me = await admin.get<Account>('/api/advisor/me');
      const elsewhere = await login(ADMIN.email, ADMIN.password);
      expect((await admin.post(`/api/admin/advisors/${me.body.id}/password`, { password: 'mitt nye administratorpassord' })).status).toBe(204);
      expect((await admin.get('/api/advisor/me')).status).toBe(200); // this session stays
      expect((await elsewhere.api.get('/api/advisor/me')).status).toBe(401); // another one does not
      expect((await login(ADMIN.email, 'mitt nye administratorpassord')).res.status).toBe(200);
      expect((await admin.post(`/api/admin/advisors/${me.body.id}/password`, { password: ADMIN.password })).status).toBe(204);
    });

    it('keeps an active admin: the last one cannot demote or deactivate themself', async () => {
      const me = (await admin.get<Account>('/api/advisor/me')).body;
      for (const change of [{ role: 'advisor' }, { active: false }]) {
        const res = await admin.patch(`/api/admin/advisors/${me.id}`, change);
        expect({ status: res.status, body: res.body }).toMatchObject({
          status: 403,
          body: { error: { code: 'ERR_FORBIDDEN', message: expect.stringContaining('last active admin') } },
        });
      }
      expect((await admin.get('/api/advisor/me')).body).toMatchObject({ role: 'admin', active: true });
      // With a second admin, the first may step down.
      await admin.patch(`/api/admin/advisors/${kari.id}`, { role: 'admin' });
      expect((await admin.patch<Account>(`/api/admin/advisors/${me.id}`, { role: 'advisor' })).body).toMatchObject({ role: 'advisor' });
      const kariAdmin = (await login(KARI.email, 'eit heilt nytt passord')).api;
      expect((await kariAdmin.patch<Account>(`/api/admin/advisors/${me.id}`, { role: 'admin' })).body).toMatchObject({ role: 'admin' });
      expect((await admin.patch<Account>(`/api/admin/advisors/${kari.id}`, { role: 'advisor' })).body).toMatchObject({ role: 'advisor' });
    });

    it('says what is wrong with bad input', async () => {
      const path = `/api/admin/advisors/${kari.id}`;
      const cases: [string, string, unknown, number, string, RegExp][] = [
        ['PATCH', path, {}, 400, 'ERR_VALIDATION', /at least one of name, role, active/],
        ['PATCH', path, { email: 'ny@bank.test' }, 400, 'ERR_VALIDATION', /email/],
        ['PATCH', path, { name: '  ' }, 400, 'ERR_VALIDATION', /body\.name: must not be empty/],
        ['PATCH', path, { role: 'superuser' }, 400, 'ERR_VALIDATION', /body\.role/],
        ['PATCH', path, { active: 'no' }, 400, 'ERR_VALIDATION', /body\.active/],
        ['PATCH', '/api/admin/advisors/not-an-id', { name: 'X' }, 400, 'ERR_VALIDATION', /params\.id: must be an advisor id/],
        ['PATCH', `/api/admin/advisors/${randomUUID()}`, { name: 'X' }, 404, 'ERR_NOT_FOUND', /does not exist/],
        ['POST', `${path}/password`, { password: 'kort' }, 400, 'ERR_VALIDATION', /body\.password: must be at least 12/],
        ['POST', `${path}/password`, {}, 400, 'ERR_VALIDATION', /body\.password/],
        ['POST', `/api/admin/advisors/${randomUUID()}/password`, { password: 'eit langt nok passord' }, 404, 'ERR_NOT_FOUND', /does not exist/],
        ['POST', '/api/admin/advisors', { ...KARI, name: 'Kari 2' }, 409, 'ERR_EMAIL_TAKEN', /exists already/],
      ];
      for (const [method, url, body, status, code, message] of cases) {
        const res = method === 'PATCH' ? await admin.patch(url, body) : await admin.post(url, body);
        expect({ url, status: res.status, body: res.body }).toMatchObject({ url, status, body: { error: { code, message: expect.stringMatching(message) } } });
      }
    });

    it('documents the admin routes in OpenAPI', async () => {
      const doc = await client(server.url).get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json', OPS);
      const routes = Object.entries(doc.body.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
      for (const r of ['GET /api/admin/advisors', 'POST /api/admin/advisors', 'PATCH /api/admin/advisors/{id}', 'POST /api/admin/advisors/{id}/password']) {
        expect(routes).toContain(r);
      }
    });
  });
}
