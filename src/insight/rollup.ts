// Rolling a day up: the day's raw rows (conversations begun that Oslo day, their messages,
// feedback, satisfaction scores and callback requests) read, summed by facts.ts, and stored in
// the insight_* tables in place of what they held for the day — one transaction, so a reader sees
// the old figures or the new, and a rerun gives the same rows.
//
// The reading and summing come first, a hundred conversations at a time with the event loop
// handed back between them: today is rolled up every minute, and on a busy day read in one go it
// held SQLite's only connection and the event loop for half a second, every customer waiting.
// Each conversation is read whole, at one moment; one that changes meanwhile counts as it was
// read, and the next minute counts it as it is.
//
// Several instances may roll the same day at once: the store begins by writing the day's marker
// row, which locks it (PostgreSQL) or takes the write lock (SQLite), so they take turns and the
// last one's figures stay.
//
// Retention deletes raw rows (bot conversations after 90 days, callback requests 30 days after
// they were done, advisor conversations after a year). Once rows of a day are gone, recomputing
// it would count less, so such a day is *sealed*: its rollup is kept as it is, never recomputed.
//   - The retention sweeper calls `rollUpDaysOf` before it deletes: each day is rolled up a last
//     time and sealed.
//   - Rows deleted without it (callback requests; a customer's own erasure) are noticed: the
//     marker remembers how many conversations and callback requests the day was computed from,
//     and a day before yesterday that now has fewer is sealed. Today and yesterday are recomputed
//     from what is there instead — a customer who erased a conversation today leaves today's
//     figures, and today keeps counting. (Today and yesterday are never sealed, nor by
//     `rollUpDaysOf`: a live day that stopped counting would be worse than one that lost a row.)
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { addDays, dayRange, daysBetween, isDay, osloDay } from './days.js';
import { DayTally, type DayRollup, type RawDay } from './facts.js';

export type RollUpResult =
  | { day: string; status: 'rolled'; conversations: number; open: number }
  /** Raw rows of the day have been deleted since it was rolled up: its figures were kept. */
  | { day: string; status: 'sealed' };

/** The tables a day's rollup replaces. */
const ROLLUP_TABLES = ['insight_conversations', 'insight_handoffs', 'insight_unanswered', 'insight_answers', 'insight_waits', 'insight_handling', 'insight_csat'] as const;

/** Days that closed with conversations still open are rolled up again for this long. */
export const SETTLE_DAYS = 30;

/** System messages the figures read (facts.ts); advisors' texts and other notices are not read. */
const SYSTEM_KINDS = ['queued', 'closed-hours', 'claimed'];

/** Conversations read and summed per slice: a few milliseconds of the event loop each. */
export const PAGE_CONVERSATIONS = 100;

/**
 * Between slices the server answers what arrived meanwhile, and then rests three times as long as
 * the slice took: a rollup takes at most a quarter of a busy event loop, however long the day, not all
 * the time the customers' messages leave it (which queued them behind it).
 */
const rest = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(100, 3 * ms)));

/**
 * The day's raw rows, `size` conversations at a time, newest first (keyset on created_at, id),
 * each page with all of its conversations' messages, feedback, scores and callback requests.
 * Each page is read by itself, outside any transaction: on SQLite one long read would hold the
 * only connection, and every customer's message would wait for it. Rests between pages, not
 * after the last.
 */
async function* dayPages(db: Kysely<Database>, day: string, size: number): AsyncGenerator<RawDay> {
  const { start, end } = dayRange(day);
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const began = performance.now();
    let page = db
      .selectFrom('conversations')
      .select(['id', 'created_at', 'state', 'outcome', 'advisor_id', 'queued_at', 'claimed_at', 'closed_at'])
      .where('created_at', '>=', start)
      .where('created_at', '<', end);
    if (after) {
      const { createdAt, id } = after;
      page = page.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
    }
    const conversations = await page.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(size).execute();
    if (conversations.length === 0) return;
    const ids = conversations.map((c) => c.id);
    const messages = await db
      .selectFrom('messages as m')
      .select((eb) => [
        'm.conversation_id',
        'm.seq',
        'm.author',
        'm.kind',
        'm.reply_to',
        // Only the customer's words and the bot's understanding are read.
        eb.case().when('m.author', '=', 'customer').then(eb.ref('m.text')).else('').end().as('text'),
        eb.case().when('m.author', '=', 'bot').then(eb.ref('m.meta')).else('{}').end().as('meta'),
      ])
      .where('m.conversation_id', 'in', ids)
      .where((eb) => eb.or([eb('m.author', 'in', ['customer', 'bot']), eb.and([eb('m.author', '=', 'system'), eb('m.kind', 'in', SYSTEM_KINDS)])]))
      .execute();
    const feedback = await db.selectFrom('feedback').select(['conversation_id', 'seq', 'helped']).where('conversation_id', 'in', ids).execute();
    const csat = await db.selectFrom('csat').select(['conversation_id', 'score']).where('conversation_id', 'in', ids).execute();
    const callbacks = await db.selectFrom('callback_requests').select(['conversation_id', 'handled_at']).where('conversation_id', 'in', ids).execute();
    yield {
      conversations: conversations.map((c) => ({
        id: c.id,
        createdAt: c.created_at,
        state: c.state,
        outcome: c.outcome,
        advisorId: c.advisor_id,
        queuedAt: c.queued_at,
        claimedAt: c.claimed_at,
        closedAt: c.closed_at,
      })),
      messages: messages.map((m) => {
        const meta = parseMeta(m.meta);
        return { conversationId: m.conversation_id, seq: Number(m.seq), author: m.author, kind: m.kind, text: m.text, replyTo: m.reply_to === null ? null : Number(m.reply_to), ...meta };
      }),
      feedback: feedback.map((f) => ({ conversationId: f.conversation_id, seq: Number(f.seq), helped: Number(f.helped) === 1 })),
      csat: csat.map((r) => ({ conversationId: r.conversation_id, score: Number(r.score) })),
      callbacks: callbacks.map((r) => ({ conversationId: r.conversation_id, handled: r.handled_at !== null })),
    };
    if (conversations.length < size) return;
    const last = conversations.at(-1)!;
    after = { createdAt: last.created_at, id: last.id };
    // The slice: this page's reading and the caller's summing of it (done while this waited at yield).
    await rest(performance.now() - began);
  }
}

/** The day's figures from its raw rows, a page at a time. */
async function tallyDay(db: Kysely<Database>, day: string, size: number): Promise<DayRollup> {
  const tally = new DayTally();
  for await (const page of dayPages(db, day, size)) tally.add(page);
  return tally.result();
}

function parseMeta(meta: string): { intent: string | null; sources: string[] } {
  try {
    const m = JSON.parse(meta) as { intent?: unknown; sources?: unknown };
    return {
      intent: typeof m.intent === 'string' ? m.intent : null,
      sources: Array.isArray(m.sources) ? m.sources.filter((s): s is string => typeof s === 'string') : [],
    };
  } catch {
    return { intent: null, sources: [] };
  }
}

/** Rows per insert: well inside SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const chunkRows = (dialect: DialectName) => (dialect === 'sqlite' ? 2000 : 4000);

async function insertChunked(trx: Transaction<Database>, dialect: DialectName, table: (typeof ROLLUP_TABLES)[number], rows: readonly Record<string, string | number | null>[]): Promise<void> {
  const size = chunkRows(dialect);
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

/** `fresh`: the day has never been rolled up (its marker was made by this transaction), so it has no rows to delete. */
async function store(trx: Transaction<Database>, dialect: DialectName, day: string, r: DayRollup, fresh: boolean): Promise<void> {
  if (!fresh) for (const table of ROLLUP_TABLES) await trx.deleteFrom(table).where('day', '=', day).execute();
  await insertChunked(trx, dialect, 'insight_conversations', r.conversations.map((x) => ({
    day,
    language: x.language,
    hour: x.hour,
    conversations: x.conversations,
    contained: x.contained,
    abandoned: x.abandoned,
    handed_off: x.handedOff,
    callbacks_left: x.callbacksLeft,
    callbacks_done: x.callbacksDone,
  })));
  await insertChunked(trx, dialect, 'insight_handoffs', r.handoffs.map((x) => ({ day, language: x.language, reason: x.reason, conversations: x.conversations })));
  await insertChunked(trx, dialect, 'insight_unanswered', r.unanswered.map((x) => ({ day, language: x.language, question_key: x.key, text: x.text, n: x.n, example_conversation_id: x.exampleConversationId })));
  await insertChunked(trx, dialect, 'insight_answers', r.answers.map((x) => ({ day, language: x.language, topic_id: x.topicId, yes_votes: x.yes, no_votes: x.no })));
  await insertChunked(trx, dialect, 'insight_waits', r.waits.map((x) => ({ day, language: x.language, bucket: x.bucket, n: x.n })));
  await insertChunked(trx, dialect, 'insight_handling', r.handling.map((x) => ({ day, language: x.language, advisor_id: x.advisorId, bucket: x.bucket, n: x.n })));
  await insertChunked(trx, dialect, 'insight_csat', r.csat.map((x) => ({ day, language: x.language, score: x.score, n: x.n })));
}

export interface RollUpOptions {
  /** The clock: which days are today and yesterday, and the marker's `rolled_at` (default: the wall clock). */
  now?: Date;
  /** Seal the day once rolled up (unless it is today or yesterday): its raw rows are about to be deleted (`rollUpDaysOf`). */
  seal?: boolean;
  /** Conversations per slice (default PAGE_CONVERSATIONS). */
  pageSize?: number;
}

/** Recomputes one Oslo day ('YYYY-MM-DD') from the raw rows, unless the day is sealed (see above). */
export async function rollUp(db: Kysely<Database>, dialect: DialectName, day: string, options: RollUpOptions = {}): Promise<RollUpResult> {
  if (!isDay(day)) throw new Error(`rollUp: not a day "${day}" (YYYY-MM-DD, Europe/Oslo)`);
  const now = options.now ?? new Date();
  const rolledAt = now.toISOString();
  const live = day >= addDays(osloDay(now), -1);
  // A sealed day is not read at all; the transaction below asks again.
  const before = await db.selectFrom('insight_rollups').select('sealed').where('day', '=', day).executeTakeFirst();
  if (Number(before?.sealed ?? 0) === 1) return { day, status: 'sealed' };
  // Read and summed before the transaction, in slices (dayPages); only the store is one transaction.
  const rolled = await tallyDay(db, day, options.pageSize ?? PAGE_CONVERSATIONS);
  return db.transaction().execute(async (trx): Promise<RollUpResult> => {
    // A write first: it locks the day's marker (and on SQLite takes the write lock before any read).
    await trx
      .insertInto('insight_rollups')
      .values({ day, rolled_at: rolledAt, conversations: -1, callbacks: -1, open_conversations: 0, sealed: 0 })
      .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ day: eb.ref('excluded.day') })))
      .execute();
    const marker = await trx.selectFrom('insight_rollups').selectAll().where('day', '=', day).executeTakeFirstOrThrow();
    if (Number(marker.sealed) === 1) return { day, status: 'sealed' };
    const erased = Number(marker.conversations) > rolled.counts.conversations || Number(marker.callbacks) > rolled.counts.callbacks;
    if (erased && !live) {
      await trx.updateTable('insight_rollups').set({ sealed: 1 }).where('day', '=', day).execute();
      return { day, status: 'sealed' };
    }
    await store(trx, dialect, day, rolled, Number(marker.conversations) < 0);
    await trx
      .updateTable('insight_rollups')
      .set({ rolled_at: rolledAt, conversations: rolled.counts.conversations, callbacks: rolled.counts.callbacks, open_conversations: rolled.counts.open, sealed: options.seal && !live ? 1 : 0 })
      .where('day', '=', day)
      .execute();
    return { day, status: 'rolled', conversations: rolled.counts.conversations, open: rolled.counts.open };
  });
}

/**
 * For the retention sweeper, before it deletes conversations: rolls up the days they began on
 * (their `created_at`) a last time, each once, and seals them — their figures stay as they are.
 */
export async function rollUpDaysOf(db: Kysely<Database>, dialect: DialectName, createdAt: readonly string[], options: Omit<RollUpOptions, 'seal'> = {}): Promise<RollUpResult[]> {
  const days = [...new Set(createdAt.map((at) => osloDay(at)))].sort();
  const out: RollUpResult[] = [];
  for (const day of days) out.push(await rollUp(db, dialect, day, { ...options, seal: true }));
  return out;
}

export interface RecentOptions extends RollUpOptions {
  /** Days rolled besides today and yesterday, per call: unsettled ones first, then missing ones. */
  extra?: number;
}

/**
 * What the server's sweeper runs every minute: today and yesterday, then up to `extra` (default
 * 3) older days — those of the last SETTLE_DAYS that still had open conversations when last
 * rolled up (a callback handled a week on still reaches its day), then days never rolled up since
 * the first conversation (the history before an upgrade, three days a minute).
 */
export async function rollUpRecent(db: Kysely<Database>, dialect: DialectName, now: Date, { extra = 3, ...options }: RecentOptions = {}): Promise<RollUpResult[]> {
  const today = osloDay(now);
  const yesterday = addDays(today, -1);
  const opts = { now, ...options };
  const results = [await rollUp(db, dialect, today, opts), await rollUp(db, dialect, yesterday, opts)];
  if (extra <= 0) return results;
  const unsettled = await db
    .selectFrom('insight_rollups')
    .select('day')
    .where('open_conversations', '>', 0)
    .where('sealed', '=', 0)
    .where('day', '<', yesterday)
    .where('day', '>=', addDays(today, -SETTLE_DAYS))
    .orderBy('rolled_at')
    .orderBy('day')
    .limit(extra)
    .execute();
  const more = unsettled.map((r) => r.day);
  if (more.length < extra) {
    const first = await db.selectFrom('conversations').select((eb) => eb.fn.min('created_at').as('at')).executeTakeFirst();
    if (first?.at) {
      const known = new Set((await db.selectFrom('insight_rollups').select('day').where('day', '<', yesterday).execute()).map((r) => r.day));
      for (const day of daysBetween(osloDay(String(first.at)), addDays(yesterday, -1))) {
        if (more.length >= extra) break;
        if (!known.has(day)) more.push(day);
      }
    }
  }
  for (const day of more) results.push(await rollUp(db, dialect, day, opts));
  return results;
}
