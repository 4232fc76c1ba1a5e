// SQL for conversations. The service decides the state; this stores it, and a save only succeeds
// from the state the caller read, so two advisors cannot both claim one conversation.
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, ConversationsTable } from '../../db/schema.js';
import { compileOnce } from '../../db/statements.js';
import type { DirectSqlite } from '../../db/connect.js';
import type { Conversation, ConversationState } from '../conversation.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null) => (s ? new Date(s) : null);

function toConversation(r: Selectable<ConversationsTable>): Conversation {
  return {
    id: r.id,
    state: r.state as ConversationState,
    urgent: r.urgent === 1,
    topic: r.topic,
    errorCodes: JSON.parse(r.error_codes) as string[],
    advisorId: r.advisor_id,
    outcome: r.outcome,
    createdAt: new Date(r.created_at),
    queuedAt: date(r.queued_at),
    claimedAt: date(r.claimed_at),
    closedAt: date(r.closed_at),
    customerSeenAt: date(r.customer_seen_at),
    lastSeq: r.last_seq,
  };
}

/** The lifecycle columns `save` writes; `customer_seen_at` is not among them (see touchCustomer). */
function toRow(c: Conversation) {
  return {
    state: c.state,
    urgent: c.urgent ? 1 : 0,
    topic: c.topic,
    error_codes: JSON.stringify(c.errorCodes),
    advisor_id: c.advisorId,
    outcome: c.outcome,
    queued_at: iso(c.queuedAt),
    claimed_at: iso(c.claimedAt),
    closed_at: iso(c.closedAt),
  };
}

/** In `state`, customer not seen since `seenBefore`, and no callback request waiting for an advisor. */
function unattended(eb: ExpressionBuilder<Database, 'conversations'>, state: ConversationState, seenBefore: Date) {
  return eb.and([
    eb('conversations.state', '=', state),
    eb('conversations.customer_seen_at', '<', seenBefore.toISOString()),
    eb.not(
      eb.exists(
        eb
          .selectFrom('callback_requests')
          .select('callback_requests.id')
          .whereRef('callback_requests.conversation_id', '=', 'conversations.id')
          .where('callback_requests.handled_at', 'is', null),
      ),
    ),
  ]);
}

export function conversationRepository(db: Kysely<Database>, direct?: DirectSqlite) {
  async function touchCustomers(ids: readonly string[], at: Date, resolutionMs = 60_000): Promise<number> {
    let moved = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const r = await db
        .updateTable('conversations')
        .set({ customer_seen_at: at.toISOString() })
        .where('id', 'in', ids.slice(i, i + 1000))
        .where((eb) => eb.or([eb('customer_seen_at', 'is', null), eb('customer_seen_at', '<=', new Date(at.getTime() - resolutionMs).toISOString())]))
        .executeTakeFirst();
      moved += Number(r.numUpdatedRows);
    }
    return moved;
  }

  // Every request about a conversation reads it first: compiled once (src/db/statements.ts).
  const byId = compileOnce(db, 1, (id) => db.selectFrom('conversations').selectAll().where('id', '=', id), direct);
  return {
    async create(c: Conversation, tokenHash: string): Promise<void> {
      await db
        .insertInto('conversations')
        .values({
          id: c.id,
          token_hash: tokenHash,
          last_seq: 0,
          created_at: c.createdAt.toISOString(),
          customer_seen_at: iso(c.customerSeenAt),
          ...toRow(c),
        })
        .execute();
    },

    async get(id: string): Promise<Conversation | null> {
      const [r] = await byId(id);
      return r ? toConversation(r) : null;
    },

    /** The conversation and its token's hash, in one read: every customer request checks both. */
    async withTokenHash(id: string): Promise<{ conversation: Conversation; tokenHash: string } | null> {
      const [r] = await byId(id);
      return r ? { conversation: toConversation(r), tokenHash: r.token_hash } : null;
    },

    async tokenHash(id: string): Promise<string | null> {
      const r = await db.selectFrom('conversations').select('token_hash').where('id', '=', id).executeTakeFirst();
      return r?.token_hash ?? null;
    },

    /** Writes `next` if the stored state is still `expected`; false when someone else moved it first. */
    async save(next: Conversation, expected: ConversationState): Promise<boolean> {
      const r = await db
        .updateTable('conversations')
        .set(toRow(next))
        .where('id', '=', next.id)
        .where('state', '=', expected)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * Records that the customer was seen at `at`. Writes at most once per `resolutionMs` per
     * conversation (whoever asks: several tabs, several instances) and never moves the time back.
     * True when it wrote.
     */
    async touchCustomer(id: string, at: Date, resolutionMs = 60_000): Promise<boolean> {
      return (await touchCustomers([id], at, resolutionMs)) === 1;
    },

    /** `touchCustomer` for many at once (the socket heartbeat's), in one statement per thousand; how many it moved. */
    touchCustomers,

    /**
     * Conversations in `state` whose customer was last seen before `seenBefore` and that have no
     * open callback request (those wait for an advisor), longest unseen first.
     */
    async unattended(state: ConversationState, seenBefore: Date, limit = 500): Promise<Conversation[]> {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where((eb) => unattended(eb, state, seenBefore))
        .orderBy('customer_seen_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },

    /**
     * Saves `next` (a close) only while the conversation is still what `unattended` found: in
     * state `expected`, not seen since `seenBefore`, no open callback request. One statement, so
     * of several sweepers (or a sweeper and a returning customer) exactly one outcome wins.
     */
    async saveIfUnattended(next: Conversation, expected: ConversationState, seenBefore: Date): Promise<boolean> {
      const r = await db
        .updateTable('conversations')
        .set(toRow(next))
        .where('id', '=', next.id)
        .where((eb) => unattended(eb, expected, seenBefore))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Waiting conversations, first served first: urgent, then longest waiting. */
    async queue(): Promise<Conversation[]> {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('state', '=', 'queued')
        .orderBy('urgent', 'desc')
        .orderBy('queued_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toConversation);
    },

    async assignedTo(advisorId: string): Promise<Conversation[]> {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('state', '=', 'advisor')
        .where('advisor_id', '=', advisorId)
        .orderBy('claimed_at', 'asc')
        .execute();
      return rows.map(toConversation);
    },

    /** Seconds from claim to close of the latest conversations advisors closed. */
    async recentHandleSeconds(limit = 50): Promise<number[]> {
      const rows = await db
        .selectFrom('conversations')
        .select(['claimed_at', 'closed_at'])
        .where('state', '=', 'closed')
        .where('claimed_at', 'is not', null)
        .orderBy('closed_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => (Date.parse(r.closed_at ?? '') - Date.parse(r.claimed_at ?? '')) / 1000).filter((s) => s >= 0);
    },

    async count(): Promise<number> {
      const r = await db.selectFrom('conversations').select(sql<number>`cast(count(*) as integer)`.as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type ConversationRepository = ReturnType<typeof conversationRepository>;
