// "Kor nøgd var du?" over HTTP: asked once after an advisor closed, the comment redacted, refused
// before the close, for a conversation the bot alone handled, a second time, and with a bad score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, startTestServer, type TestServer } from './testing.js';

for (const target of testTargets) {
  if (target.skip) warnSkipped(`satisfaction on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`satisfaction after a conversation on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let server: TestServer;
    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      server = await startTestServer({ dataDir: where.dataDir, databaseUrl: where.databaseUrl, pgSchema: where.pgSchema, openingHours: 'mon-sun 00:00-24:00' });
    });
    afterAll(async () => {
      await server?.close();
      await where?.cleanup();
    });

    async function conversation() {
      const res = await client(server.url).post<{ id: string; token: string }>('/api/conversations');
      return { id: res.body.id, api: client(server.url, { token: res.body.token }) };
    }

    it('is asked once an advisor has closed, keeps the score and the comment redacted, and only once', async () => {
      const c = await conversation();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'eg vil snakke med ein person', clientMessageId: 'm1' });
      expect((await c.api.post(`/api/conversations/${c.id}/csat`, { score: 5 })).status).toBe(409); // not closed yet
      const advisor = client(server.url);
      await advisor.post('/api/advisor/login', ADMIN);
      await advisor.post(`/api/advisor/conversations/${c.id}/claim`);
      await advisor.post(`/api/advisor/conversations/${c.id}/close`, { outcome: 'løyst' });

      expect((await c.api.post(`/api/conversations/${c.id}/csat`, { score: 0 })).status).toBe(400);
      expect((await c.api.post(`/api/conversations/${c.id}/csat`, { score: 4.5 })).status).toBe(400);
      expect((await c.api.post(`/api/conversations/${c.id}/csat`, { score: 4, comment: 'Rask hjelp, fødselsnummeret mitt er 15838510075' })).status).toBe(201);
      const again = await c.api.post(`/api/conversations/${c.id}/csat`, { score: 1 });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'ERR_ALREADY_ANSWERED' } });

      const db = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      try {
        const row = await db.db.selectFrom('csat').selectAll().where('conversation_id', '=', c.id).executeTakeFirstOrThrow();
        expect(row.score).toBe(4);
        expect(row.comment).toContain('Rask hjelp');
        expect(row.comment).not.toContain('15838510075');
      } finally {
        await db.close();
      }
    });

    it('is not asked of a conversation the bot alone handled', async () => {
      const c = await conversation();
      await c.api.post(`/api/conversations/${c.id}/messages`, { text: 'BID-14B1', clientMessageId: 'm1' });
      await c.api.post(`/api/conversations/${c.id}/close`);
      expect((await c.api.post(`/api/conversations/${c.id}/csat`, { score: 3 })).status).toBe(409);
    });
  });
}
