// Retention: transcripts are kept no longer than the bank needs them. A conversation the bot
// handled alone goes `botDays` after it closed, one an advisor was in `advisorDays` after; a
// callback request `callbackDays` after it was done (its conversation stays by its own rule).
// Deadlines are read from the database on each sweep, so every instance sweeping at once deletes
// each row once (a delete of what is already gone deletes nothing) and a restart forgets nothing.
// Before conversations go, the dashboard's figures for their days are rolled up (`beforeErase`),
// so the figures survive the deletion.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { eraseConversations } from './erase.js';

export interface RetentionPolicy {
  botDays: number;
  advisorDays: number;
  callbackDays: number;
}

export const defaultRetention: RetentionPolicy = { botDays: 90, advisorDays: 365, callbackDays: 30 };

const DAY_MS = 86_400_000;
/** Conversations deleted per transaction: a backlog (the first sweep after an upgrade) goes in steps. */
const BATCH = 500;

export interface RetentionResult {
  conversations: number;
  callbacks: number;
}

export async function sweepRetention(
  db: Kysely<Database>,
  now: Date,
  policy: RetentionPolicy,
  beforeErase: (createdAt: readonly string[]) => Promise<void> = async () => {},
): Promise<RetentionResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  let conversations = 0;
  for (const [withAdvisor, cutoff] of [
    [false, before(policy.botDays)],
    [true, before(policy.advisorDays)],
  ] as const) {
    for (;;) {
      let q = db.selectFrom('conversations').select(['id', 'created_at']).where('state', '=', 'closed').where('closed_at', '<', cutoff);
      // "An advisor was in it": it was claimed at some point (a transfer back clears claimed_at,
      // the "claimed" notice in the transcript stays).
      const claimed = (eb: ExpressionBuilder<Database, 'conversations'>) =>
        eb.exists(eb.selectFrom('messages').select('messages.id').whereRef('messages.conversation_id', '=', 'conversations.id').where('messages.kind', '=', 'claimed'));
      q = withAdvisor ? q.where((eb) => claimed(eb)) : q.where((eb) => eb.not(claimed(eb)));
      const due = await q.orderBy('closed_at').limit(BATCH).execute();
      if (due.length === 0) break;
      await beforeErase(due.map((r) => r.created_at));
      conversations += await eraseConversations(db, due.map((r) => r.id));
      if (due.length < BATCH) break;
    }
  }
  const done = await db.deleteFrom('callback_requests').where('handled_at', '<', before(policy.callbackDays)).executeTakeFirst();
  return { conversations, callbacks: Number(done.numDeletedRows) };
}
