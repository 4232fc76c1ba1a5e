// The dashboard from the rollups, on SQLite and PostgreSQL: known rows give exactly the known
// figures; rolling up again (or several at once) changes nothing; and deleting the raw rows, as
// retention does, leaves every figure as it was.
import fc from 'fast-check';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { openTestDatabase, testTargets, warnSkipped } from '../db/testing.js';
import { percentile } from './histogram.js';
import { insightQueries, type Dashboard, type InsightQueries } from './queries.js';
import { rollUp, rollUpDaysOf, rollUpRecent } from './rollup.js';
import { CONVERSATIONS, PERIOD, deleteConversations, expectedDashboard, insertFixture, type Inserted } from './testing.js';

const ROLLUP_TABLES = ['insight_rollups', 'insight_conversations', 'insight_handoffs', 'insight_unanswered', 'insight_answers', 'insight_waits', 'insight_handling', 'insight_csat'] as const;
const all = { ...PERIOD, language: 'all' } as const;
/** The clock: the day after the period. */
const NOW = new Date('2026-03-12T12:00:00.000Z');
/** When retention comes for the period's bot conversations, 90 days on. */
const LATER = new Date('2026-06-10T12:00:00.000Z');

for (const target of testTargets) {
  if (target.skip) warnSkipped(`insight tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`insight rollups and dashboard on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openTestDatabase>>;
    let queries: InsightQueries;
    let fixture: Inserted;
    let expected: Dashboard;

    /** Every rollup row but the markers' times, in a stable order. */
    async function snapshot() {
      const out: Record<string, unknown[]> = {};
      for (const table of ROLLUP_TABLES) {
        const rows = (await handle.db.selectFrom(table as keyof Database).selectAll().execute()) as Record<string, unknown>[];
        out[table] = rows.map(({ rolled_at: _t, ...r }) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]))).map((r) => JSON.stringify(r)).sort();
      }
      return out;
    }

    beforeAll(async () => {
      handle = await openTestDatabase(target.name);
      queries = insightQueries(handle.db, handle.dialect);
      fixture = await insertFixture(handle.db);
      expected = expectedDashboard(fixture);
    });
    afterAll(async () => {
      await handle?.cleanup();
    });

    it('rolls up today and yesterday on each tick, then days never rolled up, then days still settling', async () => {
      const days = (rs: { day: string }[]) => rs.map((r) => r.day);
      // The first tick after an upgrade: today, yesterday, then the history from the first conversation.
      expect(days(await rollUpRecent(handle.db, handle.dialect, new Date('2026-03-12T12:00:00.000Z')))).toEqual(['2026-03-12', '2026-03-11', '2026-03-09', '2026-03-10']);
      // 2026-03-10 had an open conversation (c7): it is rolled up again while it settles.
      expect(days(await rollUpRecent(handle.db, handle.dialect, new Date('2026-03-12T12:01:00.000Z')))).toEqual(['2026-03-12', '2026-03-11', '2026-03-10']);
      expect(days(await rollUpRecent(handle.db, handle.dialect, new Date('2026-03-12T12:02:00.000Z'), { extra: 0 }))).toEqual(['2026-03-12', '2026-03-11']);
    });

    it('gives exactly the figures of the rows', async () => {
      expect(await queries.dashboard(all)).toEqual(expected);
    });

    it('filters by the language read from the customer’s first messages', async () => {
      const nn = await queries.dashboard({ ...PERIOD, language: 'nn' }); // c1, c4, c5, c8, c11, c12
      expect(nn.conversations).toMatchObject({ total: 6, contained: 2, containment: 2 / 6 });
      expect(nn.handoffReasons.filter((r) => r.total > 0).map((r) => [r.reason, r.total])).toEqual([['human', 1], ['not-covered', 1], ['out-of-scope', 1], ['not-helped', 1]]);
      expect(nn.queue).toEqual({ waitP50Seconds: 5, waitP90Seconds: 20, abandoned: 2, callbacksLeft: 0, callbacksDone: 0 });
      expect(nn.advisors).toEqual([{ advisorId: fixture.advisors.ola, name: 'Ola Rådgjevar', conversations: 1, handleP50Seconds: 300 }]);
      expect(nn.csat).toMatchObject({ responses: 1, average: 4, comments: [{ score: 4, conversationId: fixture.ids.c8 }] });
      expect(nn.unanswered).toEqual([{ text: 'bankid nettbrettet logga inn ikkje, kvifor', count: 2, exampleConversationId: fixture.ids.c5 }]);
      const en = await queries.dashboard({ ...PERIOD, language: 'en' }); // c3
      expect(en.conversations.total).toBe(1);
      expect(en.csat.comments.map((c) => c.conversationId)).toEqual([fixture.ids.c3]);
      const nb = await queries.dashboard({ ...PERIOD, language: 'nb' }); // c2, c6, c9, c13
      expect(nb.conversations).toMatchObject({ total: 4, contained: 3 });
      // c7 ("BID-14B1", "hei") says no language: it counts in 'all' only.
      expect(nn.conversations.total + en.conversations.total + nb.conversations.total).toBe(expected.conversations.total - 1);
    });

    it('counts a day by Oslo time: the conversation at 23:59 on the 9th is outside, the one at 00:30 on the 11th inside', async () => {
      const before = await queries.dashboard({ from: '2026-03-09', to: '2026-03-09', language: 'all' });
      expect(before.conversations.perDay).toEqual([{ day: '2026-03-09', total: 1, contained: 1 }]);
      expect(before.conversations.perHour[23]).toEqual({ hour: 23, total: 1 });
      const eleventh = await queries.dashboard({ from: '2026-03-11', to: '2026-03-11', language: 'all' });
      expect(eleventh.conversations.perHour[0]).toEqual({ hour: 0, total: 1 });
    });

    it('rolls up idempotently, also several at once', async () => {
      const first = await snapshot();
      for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) await rollUp(handle.db, handle.dialect, day, { now: NOW });
      expect(await snapshot()).toEqual(first);
      const together = await Promise.all(Array.from({ length: 6 }, (_, i) => rollUp(handle.db, handle.dialect, i % 2 ? '2026-03-10' : '2026-03-11', { now: NOW })));
      expect(together.every((r) => r.status === 'rolled')).toBe(true);
      expect(await snapshot()).toEqual(first);
      expect(await queries.dashboard(all)).toEqual(expected);
    });

    it('gives the same rows however few conversations are read per slice', async () => {
      const first = await snapshot();
      for (const pageSize of [1, 2, 3]) {
        for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) await rollUp(handle.db, handle.dialect, day, { now: NOW, pageSize });
        expect(await snapshot()).toEqual(first);
      }
    });

    it('reads a day in slices, each in its own turn of the event loop (a long day does not stall the server)', async () => {
      // On SQLite every query answers at once: read in one go, a whole day would be summed in one
      // turn while every request waited. So: in how many turns did the rollup's queries run?
      let turn = 0;
      let done = false;
      const next = () => {
        if (done) return;
        turn++;
        setImmediate(next);
      };
      setImmediate(next);
      const turns = new Set<number>();
      const spy: KyselyPlugin = {
        transformQuery: ({ node }) => (turns.add(turn), node),
        transformResult: async ({ result }) => result,
      };
      await rollUp(handle.db.withPlugin(spy), handle.dialect, '2026-03-10', { now: NOW, pageSize: 1 });
      done = true;
      expect(turns.size).toBeGreaterThanOrEqual(8); // the day's 8 conversations, one a slice
    });

    it('exports each table as CSV with the same figures', async () => {
      const perDay = await queries.csv('conversations-per-day', all);
      expect(perDay).toBe('\uFEFFday,total,contained\r\n2026-03-10,8,3\r\n2026-03-11,4,2\r\n');
      const reasons = await queries.csv('handoff-reasons', all);
      expect(reasons.split('\r\n').slice(0, 3)).toEqual(['\uFEFFday,human,not-covered,out-of-scope,urgent,not-helped,no-match,other', '2026-03-10,2,1,0,1,0,0,1', '2026-03-11,0,0,1,0,1,0,0']);
      const comments = await queries.csv('csat-comments', all);
      // A comment that would start a formula is kept as text; the quotes in it are doubled.
      expect(comments).toContain(`2026-03-10T10:17:00.000Z,5,"'=HYPERLINK(""http://x"")",${fixture.ids.c3}\r\n`);
      expect(comments).toContain(`2026-03-10T13:16:00.000Z,4,"Takk for hjelpa, Ola!",${fixture.ids.c8}\r\n`);
      expect(await queries.csv('queue', all)).toBe('\uFEFFwaitP50Seconds,waitP90Seconds,abandoned,callbacksLeft,callbacksDone\r\n20,130,2,1,1\r\n');
      expect(await queries.csv('csat', all)).toBe('\uFEFFscore,count\r\n1,0\r\n2,1\r\n3,0\r\n4,1\r\n5,1\r\n');
      expect((await queries.csv('answers', all)).split('\r\n')[1]).toBe('feil-14b1,0,1,1');
      expect((await queries.csv('advisors', all)).split('\r\n')[1]).toBe(`${fixture.advisors.ola},Ola Rådgjevar,2,300`);
      expect((await queries.csv('unanswered', all)).split('\r\n')[1]).toBe(`"bankid nettbrettet logga inn ikkje, kvifor",2,${fixture.ids.c5}`);
      expect((await queries.csv('conversations-per-hour', all)).split('\r\n')).toHaveLength(1 + 24 + 1);
    });

    it('keeps every figure when retention deletes the raw rows of rolled-up days', async () => {
      const { ids } = fixture;
      const createdAt = (keys: string[]) => keys.map((k) => CONVERSATIONS.find((c) => c.key === k)!.createdAt);
      const figures = (d: Dashboard) => ({ ...d, unanswered: d.unanswered.map(({ exampleConversationId: _e, ...u }) => u), csat: { ...d.csat, comments: [] } });

      // Callback requests go 30 days after they were done, their conversations later.
      await handle.db.deleteFrom('callback_requests').where('conversation_id', '=', ids.c7!).execute();
      expect(await rollUp(handle.db, handle.dialect, '2026-03-10', { now: LATER })).toEqual({ day: '2026-03-10', status: 'sealed' });
      expect(await queries.dashboard(all)).toEqual(expected);

      // Conversations the bot handled alone go first (90 days); the sweeper rolls their days up before.
      const botOnly = ['c1', 'c2', 'c4', 'c5', 'c7'];
      await rollUpDaysOf(handle.db, handle.dialect, createdAt(botOnly), { now: LATER });
      await deleteConversations(handle.db, botOnly.map((k) => ids[k]!));
      await rollUpDaysOf(handle.db, handle.dialect, createdAt(botOnly), { now: LATER }); // the next batch of the same day
      const after = await queries.dashboard(all);
      expect(after).toEqual({
        ...expected,
        // The examples that were deleted are null now; the one still there stays.
        unanswered: [
          { ...expected.unanswered[0]!, exampleConversationId: null },
          expected.unanswered[1]!,
          { ...expected.unanswered[2]!, exampleConversationId: null },
        ],
      });

      // Then the rest, and every day is rolled up again by the sweepers: nothing moves.
      const rest = CONVERSATIONS.map((c) => c.key).filter((k) => !botOnly.includes(k));
      await rollUpDaysOf(handle.db, handle.dialect, createdAt(rest), { now: LATER });
      await deleteConversations(handle.db, rest.map((k) => ids[k]!));
      await rollUpDaysOf(handle.db, handle.dialect, createdAt(CONVERSATIONS.map((c) => c.key)), { now: LATER });
      await rollUpRecent(handle.db, handle.dialect, LATER);
      for (const day of ['2026-03-09', '2026-03-10', '2026-03-11']) await rollUp(handle.db, handle.dialect, day, { now: LATER });
      expect(await handle.db.selectFrom('conversations').select('id').execute()).toEqual([]);
      const gone = await queries.dashboard(all);
      expect(figures(gone)).toEqual(figures(expected));
      expect(gone.unanswered.map((u) => u.exampleConversationId)).toEqual([null, null, null]);
      expect(gone.csat.comments).toEqual([]); // free text goes with its conversation
      expect((await handle.db.selectFrom('insight_rollups').select(['day', 'sealed']).orderBy('day').execute()).map((r) => [r.day, Number(r.sealed)])).toEqual([
        ['2026-03-09', 1],
        ['2026-03-10', 1],
        ['2026-03-11', 1],
        ['2026-03-12', 0], // rolled up empty on the first tick; nothing of it was deleted
        ['2026-06-09', 0],
        ['2026-06-10', 0],
      ]);
    });

    it('keeps today counting when a conversation of today is erased (a customer’s own deletion)', async () => {
      const today = new Date('2026-04-01T15:00:00.000Z');
      const one = (key: string, createdAt: string) => [{ ...CONVERSATIONS.find((c) => c.key === 'c1')!, key, createdAt }];
      const first = await insertFixture(handle.db, one('t1', '2026-04-01T08:00:00.000Z'));
      const f = { from: '2026-04-01', to: '2026-04-01', language: 'all' } as const;
      expect(await rollUp(handle.db, handle.dialect, '2026-04-01', { now: today })).toMatchObject({ status: 'rolled', conversations: 1 });
      await deleteConversations(handle.db, [first.ids.t1!]);
      // Sealing is for days past: today is recomputed from what is left, and counts on.
      expect(await rollUp(handle.db, handle.dialect, '2026-04-01', { now: today })).toMatchObject({ status: 'rolled', conversations: 0 });
      await insertFixture(handle.db, one('t2', '2026-04-01T14:00:00.000Z'));
      expect(await rollUpDaysOf(handle.db, handle.dialect, ['2026-04-01T14:00:00.000Z'], { now: today })).toMatchObject([{ status: 'rolled', conversations: 1 }]);
      expect((await queries.dashboard(f)).conversations.total).toBe(1);
      // A week on, the same erasure would seal the day instead.
      const week = new Date('2026-04-08T12:00:00.000Z');
      await insertFixture(handle.db, one('t3', '2026-04-01T15:00:00.000Z'));
      expect(await rollUp(handle.db, handle.dialect, '2026-04-01', { now: week })).toMatchObject({ status: 'rolled', conversations: 2 });
      await handle.db.deleteFrom('feedback').execute();
      await handle.db.deleteFrom('messages').execute();
      await handle.db.deleteFrom('conversations').execute();
      expect(await rollUp(handle.db, handle.dialect, '2026-04-01', { now: week })).toEqual({ day: '2026-04-01', status: 'sealed' });
      expect((await queries.dashboard(f)).conversations.total).toBe(2);
    });

    it('reads percentiles over any period from the summed histograms, as the reference does', async () => {
      const days = ['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-04'];
      const row = fc.record({ day: fc.constantFrom(...days), language: fc.constantFrom('nn', 'nb', 'en', 'und'), bucket: fc.integer({ min: 0, max: 400 }), n: fc.integer({ min: 1, max: 50 }) });
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(row, { selector: (r) => `${r.day}|${r.language}|${r.bucket}`, maxLength: 40 }), fc.constantFrom('all', 'nn', 'nb', 'en'), async (rows, language) => {
          await handle.db.deleteFrom('insight_waits').where('day', '>=', '2030-01-01').execute();
          await handle.db.deleteFrom('insight_handling').where('day', '>=', '2030-01-01').execute();
          if (rows.length) {
            await handle.db.insertInto('insight_waits').values(rows).execute();
            await handle.db.insertInto('insight_handling').values(rows.map((r) => ({ ...r, advisor_id: `a-${r.bucket % 3}` }))).execute();
          }
          const f = { from: '2030-01-02', to: '2030-01-04', language } as const;
          const kept = rows.filter((r) => r.day >= f.from && r.day <= f.to && (language === 'all' || r.language === language));
          const sum = (rs: typeof rows) => {
            const h = new Map<number, number>();
            for (const r of rs) h.set(r.bucket, (h.get(r.bucket) ?? 0) + r.n);
            return h;
          };
          const q = await queries.queue(f);
          expect([q.waitP50Seconds, q.waitP90Seconds]).toEqual([percentile(sum(kept), 50), percentile(sum(kept), 90)]);
          const advisors = await queries.advisors(f);
          for (const a of advisors) {
            const mine = kept.filter((r) => `a-${r.bucket % 3}` === a.advisorId);
            expect(a).toMatchObject({ conversations: mine.reduce((s, r) => s + r.n, 0), handleP50Seconds: percentile(sum(mine), 50) });
          }
          expect(advisors.length).toBe(new Set(kept.map((r) => r.bucket % 3)).size);
        }),
        { numRuns: 30 },
      );
    });
  });
}
