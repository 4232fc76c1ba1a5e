// The outbox: an order's delivery to the bank is a row written in the order's own transaction, and
// this module carries it until the bank acknowledges it. At-least-once: a row is claimed with a
// lease (a conditional UPDATE, so two instances never send it at the same time), and a process
// killed mid-send leaves the lease to expire, after which the row is taken again. The bank dedupes
// on the idempotency key, the order id. Due rows live in the database, not in timers: a restart
// forgets nothing (STYLE.md, lesson 10).
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxTable } from '../db/schema.js';

export type OutboxState = 'pending' | 'delivered' | 'dead';

export interface OutboxRow {
  id: string;
  orderId: string;
  target: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export type SendResult =
  | { ok: true }
  /** `retryAfterMs`: the receiver asked for at least this long (Retry-After). */
  | { ok: false; error: string; retry: boolean; retryAfterMs?: number };

export interface Sender {
  send(orderId: string, attempt: number): Promise<SendResult>;
}

export interface SettledEvent {
  orderId: string;
  outboxId: string;
  result: 'delivered' | 'dead' | 'retrying';
  attempts: number;
  error?: string;
}

export interface OutboxOptions {
  db: Kysely<Database>;
  sender: Sender;
  now: () => Date;
  /** How long a claim holds a row. Must exceed the sender's timeout, or a slow send is sent twice. */
  leaseMs?: number;
  /** Attempts before a row is dead. */
  maxAttempts?: number;
  /** The wait after failed attempt `attempt` (1, 2, …), in ms. */
  backoff?: (attempt: number) => number;
  /** Rows sent at once within one deliverDue. */
  concurrency?: number;
  /** Called after the new state is committed: the caller writes audit rows and publishes events. */
  onSettled?: (event: SettledEvent) => Promise<void> | void;
}

export interface DeliveryCounts {
  delivered: number;
  retrying: number;
  dead: number;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 12;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_BATCH = 50;
const FIRST_BACKOFF_MS = 5_000;
/** The longest wait between attempts, also the most a Retry-After may ask for. */
const MAX_BACKOFF_MS = 60 * 60_000;
/** Jitter spreads out retries of rows that failed together (a bank outage), so they do not return as one wave. */
const JITTER = 0.2;
/** last_error is for the admin list: a status line, not a transcript. */
const MAX_ERROR_LENGTH = 200;

/** 5 s · 2^(attempt-1) ±20 %, never more than an hour. */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.min(Math.round(base * (1 + JITTER * (2 * random() - 1))), MAX_BACKOFF_MS);
}

const toRow = (r: Selectable<OutboxTable>): OutboxRow => ({
  id: r.id,
  orderId: r.order_id,
  target: r.target,
  state: r.state as OutboxState,
  attempts: Number(r.attempts),
  nextAttemptAt: new Date(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
});

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

const shortError = (error: string) => (error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error);

/** Inserts the outbox row for an order: call it in the transaction that inserts the order. */
export async function enqueue(db: Kysely<Database>, orderId: string, target: string, now: Date): Promise<OutboxRow> {
  const r = await db
    .insertInto('outbox')
    .values({ id: randomUUID(), order_id: orderId, target, state: 'pending', attempts: 0, next_attempt_at: now.toISOString(), created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRow(r);
}

interface Claim {
  id: string;
  orderId: string;
  /** This claim's attempt number. With the lease, it fences the settlement (see settleFailure). */
  attempts: number;
  leaseUntil: string;
}

type Outcome = { result: 'delivered' } | { result: 'retrying' | 'dead'; error: string };

export function outbox(options: OutboxOptions) {
  const { db, sender, now } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? ((attempt: number) => defaultBackoff(attempt));
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  for (const [name, value] of Object.entries({ leaseMs, maxAttempts, concurrency })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`outbox: ${name} must be a positive integer, not ${value}`);
  }

  /** Ids of rows due and not leased; another instance may claim them first. */
  async function due(limit: number): Promise<string[]> {
    const at = now().toISOString();
    const rows = await db
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** One conditional UPDATE: whoever changes the row holds it; the others get no row back. */
  async function claim(id: string): Promise<Claim | null> {
    const at = now();
    const iso = at.toISOString();
    const leaseUntil = later(at, leaseMs);
    const r = await db
      .updateTable('outbox')
      .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', iso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso)]))
      .returning(['id', 'order_id', 'attempts'])
      .executeTakeFirst();
    return r ? { id: r.id, orderId: r.order_id, attempts: Number(r.attempts), leaseUntil } : null;
  }

  async function send(c: Claim): Promise<SendResult> {
    try {
      return await sender.send(c.orderId, c.attempts);
    } catch (e) {
      // A sender should return failures, not throw them; one that throws is retried like a network error.
      return { ok: false, error: `sender failed: ${e instanceof Error ? e.message : String(e)}`, retry: true };
    }
  }

  /**
   * Delivered, with the order, in one transaction; null if the row was settled meanwhile (by
   * another instance, after our lease ran out). Not fenced: the bank has it, whoever holds the row.
   */
  async function settleDelivered(c: Claim): Promise<Outcome | null> {
    const at = now().toISOString();
    return db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('outbox')
        .set({ state: 'delivered', delivered_at: at, lease_until: null, last_error: null })
        .where('id', '=', c.id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return null;
      await trx.updateTable('action_orders').set({ state: 'delivered', settled_at: at }).where('id', '=', c.orderId).where('state', '<>', 'delivered').execute();
      return { result: 'delivered' };
    });
  }

  /**
   * Rescheduled or dead. Fenced on this claim (its attempt number and lease): if our lease ran out
   * and another instance took the row, or an admin reset it, the newer claim is the one that decides.
   */
  async function settleFailure(c: Claim, result: Extract<SendResult, { ok: false }>): Promise<Outcome | null> {
    const at = now();
    const error = shortError(result.error);
    const dead = !result.retry || c.attempts >= maxAttempts;
    const wait = Math.min(Math.max(backoff(c.attempts), result.retryAfterMs ?? 0), MAX_BACKOFF_MS);
    return db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('outbox')
        .set(dead ? { state: 'dead', lease_until: null, last_error: error } : { next_attempt_at: later(at, wait), lease_until: null, last_error: error })
        .where('id', '=', c.id)
        .where('state', '=', 'pending')
        .where('attempts', '=', c.attempts)
        .where('lease_until', '=', c.leaseUntil)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return null;
      if (dead) await trx.updateTable('action_orders').set({ state: 'failed', settled_at: at.toISOString() }).where('id', '=', c.orderId).where('state', '=', 'requested').execute();
      return { result: dead ? 'dead' : 'retrying', error };
    });
  }

  /** Claims, sends and settles one row; null when another instance had it or settled it. */
  async function deliverOne(id: string): Promise<SettledEvent | null> {
    const c = await claim(id);
    if (!c) return null;
    const result = await send(c);
    const outcome = result.ok ? await settleDelivered(c) : await settleFailure(c, result);
    if (!outcome) return null;
    return { orderId: c.orderId, outboxId: c.id, attempts: c.attempts, ...outcome };
  }

  return {
    /** Delivers every due row once, `concurrency` at a time; rows another instance claimed are left to it. */
    async deliverDue(limit = DEFAULT_BATCH): Promise<DeliveryCounts> {
      const queue = await due(limit);
      const counts: DeliveryCounts = { delivered: 0, retrying: 0, dead: 0 };
      const errors: unknown[] = [];
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            const event = await deliverOne(id);
            if (!event) continue;
            counts[event.result]++;
            await options.onSettled?.(event);
          } catch (e) {
            // One row's failure must not stop the batch. A row whose settlement failed keeps its
            // lease until it runs out and is then sent again; a failed hook leaves the state saved.
            errors.push(e);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
      if (errors.length > 0) throw new AggregateError(errors, `outbox: ${errors.length} error(s) in deliverDue (${JSON.stringify(counts)} settled and saved)`);
      return counts;
    },

    /** Newest first. */
    async list(filter: { state?: OutboxState; limit?: number } = {}): Promise<OutboxRow[]> {
      let q = db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit ?? 100);
      if (filter.state) q = q.where('state', '=', filter.state);
      return (await q.execute()).map(toRow);
    },

    /**
     * An admin sends a dead (or pending) row again now: pending, attempts reset, the order back to
     * requested. A lease in force is kept, so a send in flight is not doubled. A delivered row is
     * returned unchanged; null if there is no such row.
     */
    async retry(outboxId: string): Promise<OutboxRow | null> {
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('outbox')
          .set({ state: 'pending', attempts: 0, next_attempt_at: at, last_error: null })
          .where('id', '=', outboxId)
          .where('state', 'in', ['pending', 'dead'])
          .returningAll()
          .executeTakeFirst();
        if (r) await trx.updateTable('action_orders').set({ state: 'requested', settled_at: null }).where('id', '=', r.order_id).where('state', '=', 'failed').execute();
        const row = r ?? (await trx.selectFrom('outbox').selectAll().where('id', '=', outboxId).executeTakeFirst());
        return row ? toRow(row) : null;
      });
    },

    async forOrder(orderId: string): Promise<OutboxRow[]> {
      const rows = await db.selectFrom('outbox').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toRow);
    },
  };
}

export type Outbox = ReturnType<typeof outbox>;
