// The abandonment sweeper against SQLite and PostgreSQL: who is closed, who is kept, and that two
// instances sweeping at once close each conversation once. The clock is passed in throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { createEngine } from '../engine/index.js';
import { redact } from '../engine/privacy/redact.js';
import { localBus } from '../server/bus.js';
import { sweepAbandoned } from './abandon.js';
import { advisorService } from './advisor-service.js';
import type { ChatContext } from './context.js';
import { customerService } from './customer-service.js';
import type { ChatEvent } from './events.js';
import { buildSchedule } from './opening-hours.js';
import { createRepositories } from './repositories/index.js';
import { chatTexts } from './texts.js';

const pack = loadContentPack('content');
const engine = createEngine(pack);
const schedule = buildSchedule({ openingHours: 'mon-sun 00:00-24:00', timeZone: 'Europe/Oslo', specialDays: [] }, () => false);
const advisor = { id: 'adv-1', email: 'kari@bank.test', name: 'Kari', role: 'advisor' as const, active: true, createdAt: '2026-01-01T00:00:00.000Z' };

/** One instance of the service on `db`: its own repositories, bus and clock. */
function instance(db: DatabaseHandle) {
  let clock = new Date(0);
  const events: ChatEvent[] = [];
  const bus = localBus();
  bus.subscribe((e) => events.push(e));
  const ctx: ChatContext = {
    repos: createRepositories(db.db),
    engine,
    schedule,
    bus,
    now: () => clock,
    bank: pack.bank,
    texts: chatTexts(pack.messages),
    redact,
  };
  return {
    ctx,
    events,
    customers: customerService(ctx),
    advisors: advisorService(ctx),
    setClock: (d: Date) => {
      clock = d;
    },
  };
}

for (const target of testTargets) {
  if (target.skip) warnSkipped(`abandonment tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`abandoned conversations on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let dbA: DatabaseHandle;
    let dbB: DatabaseHandle;
    let a: ReturnType<typeof instance>;
    let b: ReturnType<typeof instance>;

    beforeAll(async () => {
      where = testDatabaseLocation(target.name);
      // On PostgreSQL, two handles (two pools) on one database: two instances, as in cluster mode.
      // SQLite is one instance by design (cluster mode needs PostgreSQL), and two connections in
      // one process would stall on each other's synchronous lock wait; there both share a handle.
      const open = () => openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      dbA = await open();
      dbB = target.name === 'postgres' ? await open() : dbA;
      a = instance(dbA);
      b = instance(dbB);
    });
    afterAll(async () => {
      await dbA?.close();
      if (dbB !== dbA) await dbB?.close();
      await where?.cleanup();
    });

    // Each test has its own day, so one test's leftovers are never due in another's sweeps.
    let day = 0;
    function clock() {
      const start = Date.UTC(2026, 10, 1 + 2 * day++, 9, 0);
      return (minutes: number) => new Date(start + minutes * 60_000);
    }

    /** A conversation that asked for a person at `at`: now queued. */
    async function queuedAt(at: Date) {
      a.setClock(at);
      const { id, token } = await a.customers.create();
      const result = await a.customers.handoff(await a.customers.authorize(id, token));
      expect(result.state).toBe('queued');
      return { id, token };
    }
    const sweep = (at: Date) => sweepAbandoned(a.ctx, at, { queuedAfterMinutes: 15 });
    const abandonedMessages = async (id: string) => (await a.ctx.repos.messages.after(id, 0)).filter((m) => m.kind === 'abandoned');

    it('closes a queued conversation whose customer vanished, once, after the deadline, with one system message', async () => {
      const at = clock();
      const gone = await queuedAt(at(0));
      const before = a.events.length;

      expect((await sweep(at(14))).abandoned).not.toContain(gone.id);
      expect((await a.ctx.repos.conversations.queue()).map((c) => c.id)).toContain(gone.id);

      const swept = await sweep(at(16));
      expect(swept.abandoned).toContain(gone.id);
      expect(await a.ctx.repos.conversations.get(gone.id)).toMatchObject({ state: 'closed', outcome: 'abandoned', closedAt: at(16) });
      expect((await a.ctx.repos.conversations.queue()).map((c) => c.id)).not.toContain(gone.id);
      const [message, ...more] = await abandonedMessages(gone.id);
      expect(more).toEqual([]);
      expect(message).toMatchObject({ author: 'system', text: pack.messages.abandoned, createdAt: at(16).toISOString() });

      // published like any transition: the state, the message, and new positions for the rest
      const events = a.events.slice(before);
      expect(events).toContainEqual({ type: 'conversation.state_changed', conversationId: gone.id, state: 'closed', advisorId: null, advisorName: null });
      expect(events).toContainEqual(expect.objectContaining({ type: 'message.created', conversationId: gone.id, message: expect.objectContaining({ kind: 'abandoned' }) }));
      expect(events).toContainEqual({ type: 'queue.changed' });

      // a later sweep finds nothing more to do
      expect((await sweep(at(60))).abandoned).not.toContain(gone.id);
      expect(await abandonedMessages(gone.id)).toHaveLength(1);
      // and the customer who comes back sees why, and cannot write on
      a.setClock(at(90));
      const back = await a.customers.authorize(gone.id, gone.token);
      expect((await a.customers.messages(back, 0)).state).toBe('closed');
      await expect(a.customers.post(back, { text: 'hallo?', clientMessageId: 'late' })).rejects.toMatchObject({ code: 'ERR_CONVERSATION_CLOSED' });
    });

    it('keeps a customer who is still polling, and counts the deadline from the last poll', async () => {
      const at = clock();
      const polling = await queuedAt(at(0));
      a.setClock(at(10));
      await a.customers.messages(await a.customers.authorize(polling.id, polling.token), 0); // GET …/messages

      expect((await sweep(at(16))).abandoned).not.toContain(polling.id);
      expect((await a.ctx.repos.conversations.get(polling.id))?.state).toBe('queued');
      expect((await sweep(at(26))).abandoned).toContain(polling.id);
    });

    it('keeps a customer who writes while waiting', async () => {
      const at = clock();
      const writing = await queuedAt(at(0));
      a.setClock(at(12));
      await a.customers.post(await a.customers.authorize(writing.id, writing.token), { text: 'Er det lenge igjen?', clientMessageId: 'w1' });
      expect((await sweep(at(20))).abandoned).not.toContain(writing.id);
      expect((await a.ctx.repos.conversations.get(writing.id))?.state).toBe('queued');
      await sweep(at(30)); // leave the queue empty for the tests after
    });

    it('counts asking for a person as being seen, however quiet the bot conversation was before', async () => {
      const at = clock();
      a.setClock(at(0));
      const { id, token } = await a.customers.create();
      a.setClock(at(40)); // forty quiet minutes with the bot, then "a person, please"
      await a.customers.handoff(await a.customers.authorize(id, token));
      expect((await sweep(at(41))).abandoned).not.toContain(id);
      expect((await a.ctx.repos.conversations.get(id))?.state).toBe('queued');
      await sweep(at(60)); // leave the queue empty for the tests after
    });

    it('keeps conversations an advisor has claimed', async () => {
      const at = clock();
      const claimed = await queuedAt(at(0));
      a.setClock(at(2));
      await a.advisors.claim(advisor, claimed.id);
      const swept = await sweepAbandoned(a.ctx, at(24 * 60 * 3), { queuedAfterMinutes: 15 }); // three days on
      expect([...swept.abandoned, ...swept.idle]).not.toContain(claimed.id);
      expect((await a.ctx.repos.conversations.get(claimed.id))?.state).toBe('advisor');
    });

    it('keeps callback requests until an advisor has handled them', async () => {
      const at = clock();
      a.setClock(at(0));
      const { id, token } = await a.customers.create();
      const cb = await a.customers.leaveCallback(await a.customers.authorize(id, token), { phone: '99999999', message: 'Ring meg i morgon' });
      // the bot conversation would be idle after a day, but a callback request waits for an advisor
      expect((await sweep(at(3 * 24 * 60))).idle).not.toContain(id);
      expect((await a.ctx.repos.conversations.get(id))?.state).toBe('bot');

      a.setClock(at(3 * 24 * 60 + 1));
      await a.advisors.handleCallback(advisor, cb.id);
      expect((await sweep(at(3 * 24 * 60 + 2))).idle).toContain(id);
    });

    it('ends a bot conversation left idle for a day, with outcome idle', async () => {
      const at = clock();
      a.setClock(at(0));
      const { id, token } = await a.customers.create();
      a.setClock(at(5));
      await a.customers.post(await a.customers.authorize(id, token), { text: 'Kva er BID-1433?', clientMessageId: 'q1' });

      expect((await sweep(at(60))).idle).not.toContain(id); // a queued customer would be gone by now; a bot one is not
      expect((await sweep(at(5 + 23 * 60))).idle).not.toContain(id);
      expect((await sweep(at(5 + 24 * 60 + 1))).idle).toContain(id);
      expect(await a.ctx.repos.conversations.get(id)).toMatchObject({ state: 'closed', outcome: 'idle' });
      expect(await abandonedMessages(id)).toHaveLength(1);
    });

    it('closes each conversation once when two instances sweep at once', async () => {
      const at = clock();
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await queuedAt(at(0))).id);
      const [fromA, fromB] = await Promise.all([
        sweepAbandoned(a.ctx, at(20), { queuedAfterMinutes: 15 }),
        sweepAbandoned(b.ctx, at(20), { queuedAfterMinutes: 15 }),
      ]);
      const closed = [...fromA.abandoned, ...fromB.abandoned].filter((id) => ids.includes(id));
      expect(closed.sort()).toEqual([...ids].sort()); // every one, each by exactly one instance
      for (const id of ids) {
        expect(await abandonedMessages(id)).toHaveLength(1);
        expect((await a.ctx.repos.messages.after(id, 0)).map((m) => m.seq)).toEqual([1, 2]); // "queued", then "abandoned"
      }
    });
  });
}
