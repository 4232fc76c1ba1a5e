// The dashboard over a real port on SQLite and PostgreSQL: the JSON the console builds on, the
// CSV export, the 400s, and who may read it (admins and analysts; 403 for an advisor, 401 without
// a session). And the analyst role: it logs in and reads the dashboard, and is refused everything
// that touches conversations or accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../chat/repositories/index.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { rollUp } from '../insight/rollup.js';
import { PERIOD, expectedDashboard, insertFixture, type Inserted } from '../insight/testing.js';
import { ADMIN, OPS, client, openSocket, startTestServer, type TestServer } from './testing.js';

const NOW = new Date('2026-03-12T10:00:00.000Z');
const ANALYST = { email: 'ane@bank.test', name: 'Ane Analytikar', role: 'analyst', password: 'eit langt og godt passord' };
const ADVISOR = { email: 'per@bank.test', name: 'Per Rådgjevar', role: 'advisor', password: 'eit anna langt passord' };
const query = `from=${PERIOD.from}&to=${PERIOD.to}`;

for (const target of testTargets) {
  if (target.skip) warnSkipped(`insight e2e tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`the dashboard over HTTP on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let server: TestServer;
    let db: DatabaseHandle;
    let fixture: Inserted;
    let admin: ReturnType<typeof client>;
    let analyst: ReturnType<typeof client>;
    let advisor: ReturnType<typeof client>;

    const login = async (who: { email: string; password: string }) => {
      const api = client(server.url);
      expect((await api.post('/api/advisor/login', { email: who.email, password: who.password })).status).toBe(200);
      return api;
    };

    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      server = await startTestServer({ ...where, now: () => NOW, openingHours: 'mon-sun 00:00-24:00', limits: { loginsPerAddressPerMinute: 1000 } });
      // The rows, as the chat service would have left them, through a connection of our own.
      db = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      fixture = await insertFixture(db.db);
      for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) await rollUp(db.db, db.dialect, day);
      admin = await login(ADMIN);
      for (const account of [ANALYST, ADVISOR]) expect((await admin.post('/api/admin/advisors', account)).status).toBe(201);
      analyst = await login(ANALYST);
      advisor = await login(ADVISOR);
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
      await where?.cleanup();
    });

    it('answers an analyst and an admin with the dashboard’s figures, in the documented shape', async () => {
      for (const api of [analyst, admin]) {
        const res = await api.get(`/api/insight/dashboard?${query}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.body).toEqual(expectedDashboard(fixture));
      }
      const nn = await analyst.get<{ conversations: { total: number } }>(`/api/insight/dashboard?${query}&language=nn`);
      expect(nn.body.conversations.total).toBe(6);
    });

    it('defaults to the last 30 days by the service’s clock (Oslo)', async () => {
      const res = await analyst.get<{ period: unknown; conversations: { perDay: unknown[]; total: number } }>('/api/insight/dashboard');
      expect(res.body.period).toEqual({ from: '2026-02-11', to: '2026-03-12' });
      expect(res.body.conversations.perDay).toHaveLength(30);
      expect(res.body.conversations.total).toBe(13); // the fixture's 9 March too
      const from = await analyst.get<{ period: unknown }>('/api/insight/dashboard?from=2026-03-01');
      expect(from.body.period).toEqual({ from: '2026-03-01', to: '2026-03-12' }); // not past today
      const early = await analyst.get<{ period: unknown }>('/api/insight/dashboard?from=2026-01-01');
      expect(early.body.period).toEqual({ from: '2026-01-01', to: '2026-01-30' });
    });

    it('exports each table as a CSV attachment', async () => {
      const res = await fetch(`${server.url}/api/insight/export/conversations-per-day?${query}`, { headers: { cookie: analyst.cookie()! } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="kundesenter-conversations-per-day-${PERIOD.from}-${PERIOD.to}.csv"`);
      // UTF-8 with its byte-order mark (fetch's text() would drop it).
      expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('\uFEFFday,total,contained\r\n2026-03-10,8,3\r\n2026-03-11,4,2\r\n');
      for (const table of ['conversations-per-hour', 'handoff-reasons', 'unanswered', 'answers', 'queue', 'advisors', 'csat', 'csat-comments']) {
        const r = await fetch(`${server.url}/api/insight/export/${table}?${query}&language=nb`, { headers: { cookie: admin.cookie()! } });
        expect({ table, status: r.status, type: r.headers.get('content-type') }).toEqual({ table, status: 200, type: 'text/csv; charset=utf-8; header=present' });
        expect(r.headers.get('content-disposition')).toContain(`-${PERIOD.to}-nb.csv"`);
        expect([...Buffer.from(await r.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      }
      const comments = await fetch(`${server.url}/api/insight/export/csat-comments?${query}`, { headers: { cookie: analyst.cookie()! } });
      expect(await comments.text()).toContain(`"'=HYPERLINK(""http://x"")"`);
    });

    it('refuses bad periods with 400 and says why', async () => {
      const bad = {
        'from=2026-02-30&to=2026-03-01': 'querystring.from',
        'from=10.03.2026': 'querystring.from',
        'from=2026-03-11&to=2026-03-10': 'querystring.from: must not be after to',
        'from=2025-01-01&to=2026-02-05': 'querystring.to: the period must be at most 400 days',
        'language=de': 'querystring.language',
        'sort=asc': 'querystring',
      };
      for (const [q, message] of Object.entries(bad)) {
        const res = await analyst.get<{ error: { code: string; message: string } }>(`/api/insight/dashboard?${q}`);
        expect({ q, status: res.status, code: res.body.error.code }).toEqual({ q, status: 400, code: 'ERR_VALIDATION' });
        expect(res.body.error.message).toContain(message);
      }
      expect((await analyst.get('/api/insight/dashboard?from=2025-02-06&to=2026-03-11')).status).toBe(200); // 400 days exactly
      expect((await analyst.get(`/api/insight/export/everything?${query}`)).status).toBe(400);
      expect((await analyst.get('/api/insight/export/queue?to=2026-13-01')).status).toBe(400);
    });

    it('is for admins and analysts only: 401 without a session, 403 for an advisor', async () => {
      const anon = client(server.url);
      for (const path of [`/api/insight/dashboard?${query}`, `/api/insight/export/queue?${query}`]) {
        expect((await anon.get(path)).body).toMatchObject({ error: { code: 'ERR_UNAUTHORIZED' } });
        const res = await advisor.get(path);
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { error: { code: 'ERR_FORBIDDEN' } } });
      }
    });

    it('documents the routes in the OpenAPI document, tagged insight', async () => {
      const doc = (await client(server.url).get<{ paths: Record<string, { get?: { tags?: string[]; parameters?: { name: string }[] } }> }>('/docs/json', OPS)).body;
      for (const path of ['/api/insight/dashboard', '/api/insight/export/{table}']) {
        expect(doc.paths[path]?.get?.tags).toEqual(['insight']);
        expect(doc.paths[path]?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'language']));
      }
    });

    it('lets an analyst log in and read the dashboard, and nothing of conversations or accounts', async () => {
      expect((await analyst.get<{ role: string }>('/api/advisor/me')).body.role).toBe('analyst');
      const c = fixture.ids.c11!; // with Kari, an advisor
      const q = fixture.ids.c4!;
      const refused = [
        await analyst.get('/api/advisor/queue'),
        await analyst.get(`/api/advisor/conversations/${c}`),
        await analyst.get(`/api/advisor/conversations/${c}/messages`),
        await analyst.post(`/api/advisor/conversations/${q}/claim`),
        await analyst.post(`/api/advisor/conversations/${c}/messages`, { text: 'hei', clientMessageId: 'x1' }),
        await analyst.post(`/api/advisor/conversations/${c}/notes`, { text: 'notat' }),
        await analyst.post(`/api/advisor/conversations/${c}/transfer`),
        await analyst.post(`/api/advisor/conversations/${c}/close`, { outcome: 'løyst' }),
        await analyst.post(`/api/advisor/callbacks/${fixture.advisors.kari}/done`),
        await analyst.get(`/api/advisor/conversations/${c}/identity`),
        await analyst.post(`/api/advisor/conversations/${c}/identity/reveal`, { reason: 'kunden bad om det' }),
        await analyst.get('/api/admin/advisors'),
        await analyst.post('/api/admin/advisors', { ...ADVISOR, email: 'ny@bank.test' }),
        await analyst.patch(`/api/admin/advisors/${fixture.advisors.kari}`, { role: 'admin' }),
        await analyst.get('/api/admin/audit'),
      ];
      for (const res of refused) expect({ status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({ status: 403, code: 'ERR_FORBIDDEN' });
      expect((await analyst.get('/metrics')).status).toBe(403);
      await expect(openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie: analyst.cookie()! })).rejects.toThrow(/403/);
      // Nothing was written in the analyst's name.
      const after = await db.db.selectFrom('conversations').select(['state', 'advisor_id']).where('id', 'in', [c, q]).orderBy('id').execute();
      expect(after.map((r) => r.state).sort()).toEqual(['advisor', 'closed']);
      // An advisor still does all of that (the refusal is the role's, not the route's).
      expect((await advisor.get('/api/advisor/queue')).status).toBe(200);
    });

    it('does not count a logged-in analyst as staff in the wait estimate', async () => {
      const sessions = createRepositories(db.db, db.dialect).sessions;
      const before = await sessions.activeAdvisors(NOW);
      await login(ANALYST);
      expect(await sessions.activeAdvisors(NOW)).toBe(before);
      await login(ADVISOR);
      expect(await sessions.activeAdvisors(NOW)).toBe(before); // Per was logged in already
    });
  });
}
