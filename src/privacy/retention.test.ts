// Retention with a moved clock, on both databases: exactly what is due goes (with everything that
// hangs off it), nothing else; several sweepers at once delete each row once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/connect.js';
import { openTestDatabase, testTargets, warnSkipped } from '../db/testing.js';
import { sweepRetention } from './retention.js';

const NOW = new Date('2027-03-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const policy = { botDays: 90, advisorDays: 365, callbackDays: 30 };

for (const target of testTargets) {
  if (target.skip) warnSkipped(`retention on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`retention on ${target.name}`, () => {
    let handle: DatabaseHandle & { cleanup(): Promise<void> };
    beforeAll(async () => {
      handle = await openTestDatabase(target.name);
    });
    afterAll(async () => handle?.cleanup());

    /** A conversation closed `closedDaysAgo` (null: still open), with a row in every table that hangs off it. */
    async function conversation(name: string, o: { closedDaysAgo: number | null; advisor: boolean }) {
      const db = handle.db;
      const id = randomUUID();
      const created = daysAgo((o.closedDaysAgo ?? 1) + 1);
      await db
        .insertInto('conversations')
        .values({ id, token_hash: name, state: o.closedDaysAgo === null ? 'bot' : 'closed', urgent: 0, error_codes: '[]', last_seq: 1, created_at: created, claimed_at: null, // a transfer back clears it; the notice in the transcript says an advisor was in it
          closed_at: o.closedDaysAgo === null ? null : daysAgo(o.closedDaysAgo), advisor_id: o.advisor ? 'a1' : null })
        .execute();
      await db.insertInto('messages').values({ id: randomUUID(), conversation_id: id, seq: 1, author: 'customer', kind: 'text', text: `hei frå ${name}`, meta: '{}', created_at: created }).execute();
      if (o.advisor) await db.insertInto('messages').values({ id: randomUUID(), conversation_id: id, seq: 2, author: 'system', kind: 'claimed', text: 'Kari har teke over', meta: '{}', created_at: created }).execute();
      await db.insertInto('notes').values({ id: randomUUID(), conversation_id: id, advisor_id: 'a1', text: 'notat', created_at: created }).execute();
      await db.insertInto('feedback').values({ conversation_id: id, seq: 1, helped: 1, created_at: created }).execute();
      await db.insertInto('csat').values({ conversation_id: id, score: 4, comment: null, created_at: created }).execute();
      const identity = randomUUID();
      await db.insertInto('customer_identities').values({ id: identity, conversation_id: id, person_hash: 'p', national_id: 'v1.k.iv.ct', name: 'Kari', acr: 'a', issuer: 'i', verified_at: created, last_active_at: created }).execute();
      const order = randomUUID();
      await db.insertInto('action_orders').values({ id: order, conversation_id: id, identity_id: identity, person_hash: 'p', action_id: 'order-code-chip', fields: '{}', state: 'delivered', created_at: created }).execute();
      await db.insertInto('outbox').values({ id: randomUUID(), order_id: order, target: 'webhook', state: 'delivered', attempts: 1, next_attempt_at: created, created_at: created }).execute();
      await db.insertInto('login_attempts').values({ id: randomUUID(), conversation_id: id, code_verifier: 'v', nonce: 'n', return_to: 'http://x/', created_at: created }).execute();
      return id;
    }

    async function callback(conversationId: string, handledDaysAgo: number | null) {
      await handle.db
        .insertInto('callback_requests')
        .values({ id: randomUUID(), conversation_id: conversationId, name: 'Kari', phone: '57829700', email: null, message: 'ring meg', created_at: daysAgo(100), handled_at: handledDaysAgo === null ? null : daysAgo(handledDaysAgo), handled_by: handledDaysAgo === null ? null : 'a1' })
        .execute();
    }

    it('deletes exactly what is due, with all its rows, once, however many sweep at once', async () => {
      const ids = {
        botDue: await conversation('bot-due', { closedDaysAgo: 91, advisor: false }),
        botKept: await conversation('bot-kept', { closedDaysAgo: 89, advisor: false }),
        advisorDue: await conversation('advisor-due', { closedDaysAgo: 366, advisor: true }),
        advisorKept: await conversation('advisor-kept', { closedDaysAgo: 200, advisor: true }),
        open: await conversation('open', { closedDaysAgo: null, advisor: false }),
      };
      await callback(ids.open, 31); // done a month ago: goes
      await callback(ids.open, 29); // done recently: stays
      await callback(ids.open, null); // not done: stays

      const rolledUp: string[] = [];
      const sweeps = await Promise.all([1, 2, 3].map(() => sweepRetention(handle.db, NOW, policy, async (days) => void rolledUp.push(...days))));
      expect(sweeps.reduce((n, s) => n + s.conversations, 0)).toBe(2);
      expect(sweeps.reduce((n, s) => n + s.callbacks, 0)).toBe(1);

      const left = (await handle.db.selectFrom('conversations').select('token_hash').execute()).map((r) => r.token_hash).sort();
      expect(left).toEqual(['advisor-kept', 'bot-kept', 'open']);
      for (const table of ['messages', 'notes', 'feedback', 'csat', 'customer_identities', 'action_orders', 'login_attempts'] as const) {
        const rows = await handle.db.selectFrom(table).select('conversation_id').execute();
        expect(new Set(rows.map((r) => r.conversation_id)), table).toEqual(new Set([ids.botKept, ids.advisorKept, ids.open]));
      }
      expect((await handle.db.selectFrom('outbox').select('id').execute()).length).toBe(3);
      expect((await handle.db.selectFrom('callback_requests').select('id').execute()).length).toBe(2);
      expect(rolledUp.length).toBeGreaterThanOrEqual(2); // the dashboard rolled up their days first

      // A day later nothing more is due; a year later the rest of the closed ones are.
      expect(await sweepRetention(handle.db, new Date(NOW.getTime() + 86_400_000 / 2), policy)).toEqual({ conversations: 0, callbacks: 0 });
      expect((await sweepRetention(handle.db, new Date(NOW.getTime() + 400 * 86_400_000), policy)).conversations).toBe(2);
    });
  });
}
