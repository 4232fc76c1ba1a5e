// What a review broke from outside, held shut on both databases: seqs past a 32-bit column, NUL
// characters, personal numbers typed by an advisor or into the callback form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, openSocket, startTestServer, type TestServer } from './testing.js';

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
