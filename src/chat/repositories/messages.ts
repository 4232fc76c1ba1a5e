// SQL for messages. Appending is one transaction: lock the conversation row, return the earlier
// message when this clientMessageId was already stored, else hand out the next seqs and insert.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { isUniqueViolation, type DialectName, type DirectSqlite, type Prepare } from '../../db/connect.js';
import { storedText } from '../../db/redaction.js';
import type { Database, MessagesTable } from '../../db/schema.js';
import { AppError } from '../errors.js';
import type { Author, ChatMessage, MessageDraft, MessageKind } from '../messages.js';

/** The draft's fields kept as one JSON column. */
type Meta = Pick<MessageDraft, 'options' | 'urgent' | 'sources' | 'intent' | 'errorCodes' | 'advisorId' | 'actions'>;

function toMessage(r: Selectable<MessagesTable>): ChatMessage {
  const meta = JSON.parse(r.meta) as Meta;
  return {
    seq: r.seq,
    author: r.author as Author,
    kind: r.kind as MessageKind,
    text: r.text,
    clientMessageId: r.client_message_id,
    replyTo: r.reply_to,
    options: meta.options ?? [],
    urgent: meta.urgent ?? false,
    sources: meta.sources ?? [],
    intent: meta.intent ?? null,
    errorCodes: meta.errorCodes ?? [],
    advisorId: meta.advisorId ?? null,
    actions: meta.actions ?? [],
    createdAt: r.created_at,
  };
}

function metaOf(d: MessageDraft): string {
  const meta: Meta = {};
  if (d.options?.length) meta.options = d.options;
  if (d.urgent) meta.urgent = true;
  if (d.sources?.length) meta.sources = d.sources;
  if (d.intent) meta.intent = d.intent;
  if (d.errorCodes?.length) meta.errorCodes = d.errorCodes;
  if (d.advisorId) meta.advisorId = d.advisorId;
  if (d.actions?.length) meta.actions = d.actions;
  return JSON.stringify(meta);
}

/** What the bot understood of the conversation, stored with its messages in one transaction. */
export interface Understanding {
  urgent: boolean;
  topic: string | null;
  errorCodes: readonly string[];
  /** Stored only while the conversation is still in this state (an advisor may have taken it). */
  whileState: string;
}

export interface AppendResult {
  /** The first draft as stored, then the replies stored with it. */
  messages: ChatMessage[];
  /** True when the first draft's clientMessageId was already stored: nothing new was written. */
  duplicate: boolean;
  /** Whether the understanding given to append was stored. */
  understood?: boolean;
}

async function existing(trx: Kysely<Database> | Transaction<Database>, conversationId: string, clientMessageId: string) {
  const first = await trx
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
  if (!first) return null;
  const replies = await trx
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('reply_to', '=', first.seq)
    .orderBy('seq')
    .execute();
  return [first, ...replies].map(toMessage);
}

/**
 * A UUID version 7 (RFC 9562): the time first, then random bits. Messages are written in time
 * order, so their primary key index grows at its end instead of at a random leaf per insert —
 * fewer pages touched, cached and written to the log per message.
 */
export function timeOrderedId(at: Date): string {
  const random = randomUUID();
  const time = Math.max(0, Math.floor(at.getTime())).toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** The rows of `drafts`, the last of them at `lastSeq`. */
function rowsOf(conversationId: string, drafts: readonly MessageDraft[], lastSeq: number, at: Date): Insertable<MessagesTable>[] {
  const first = lastSeq - drafts.length + 1;
  return drafts.map((d, i) => ({
    id: timeOrderedId(at),
    conversation_id: conversationId,
    seq: first + i,
    author: d.author,
    kind: d.kind,
    text: d.text,
    client_message_id: d.clientMessageId ?? null,
    reply_to: d.replyTo !== undefined ? d.replyTo : i === 0 ? null : first,
    meta: metaOf(d),
    created_at: at.toISOString(),
  }));
}

function appended(inserted: readonly Selectable<MessagesTable>[], state: string, understanding: Understanding | undefined): AppendResult {
  const messages = [...inserted].sort((a, b) => a.seq - b.seq).map(toMessage);
  if (!understanding) return { messages, duplicate: false };
  return { messages, duplicate: false, understood: state === understanding.whileState };
}

const SEQ_UPDATE = 'update "conversations" set "last_seq" = "last_seq" + ?';
const UNDERSTOOD = ', "urgent" = case when "state" = ? then ? else "urgent" end, "topic" = case when "state" = ? then ? else "topic" end, "error_codes" = case when "state" = ? then ? else "error_codes" end';
const SEQ_WHERE = ' where "id" = ? returning "last_seq", "state"';
const MESSAGE_COLUMNS = ['id', 'conversation_id', 'seq', 'author', 'kind', 'text', 'client_message_id', 'reply_to', 'meta', 'created_at'] as const;
const insertMessages = (n: number) =>
  `insert into "messages" (${MESSAGE_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: n }, () => `(${MESSAGE_COLUMNS.map(() => '?').join(', ')})`).join(', ')} returning *`;

/** The SQLite append (the builder's path in `append` says the same in Kysely). */
function appendDirect(prepare: Prepare, conversationId: string, drafts: readonly MessageDraft[], at: Date, understanding: Understanding | undefined): AppendResult {
  const u = understanding;
  const seq = (
    u
      ? prepare(SEQ_UPDATE + UNDERSTOOD + SEQ_WHERE).all(drafts.length, u.whileState, u.urgent ? 1 : 0, u.whileState, u.topic, u.whileState, JSON.stringify(u.errorCodes), conversationId)
      : prepare(SEQ_UPDATE + SEQ_WHERE).all(drafts.length, conversationId)
  )[0] as { last_seq: number; state: string } | undefined;
  if (!seq) throw new AppError('ERR_NOT_FOUND', `conversation ${conversationId} does not exist`);
  const rows = rowsOf(conversationId, drafts, seq.last_seq, at);
  // Free text through the redactor, as the redaction plugin does on the builder's path.
  const values = rows.flatMap((r) => MESSAGE_COLUMNS.map((c) => (c === 'text' ? storedText(r.text) : r[c] ?? null)));
  const inserted = prepare(insertMessages(rows.length)).all(...values) as Selectable<MessagesTable>[];
  return appended(inserted, seq.state, understanding);
}

/** Messages per page of a catch-up (HTTP and WebSocket). */
export const MESSAGE_PAGE = 500;

/**
 * `direct` (SQLite): the append's two statements run past Kysely (DirectSqlite), the same
 * statements the builder below makes, the text through the same redactor.
 */
export function messageRepository(db: Kysely<Database>, dialect: DialectName = 'postgres', direct?: DirectSqlite) {
  // SQLite runs one write transaction at a time: no row lock is needed, and a repeated client id
  // is caught by the unique constraint (the transaction rolls back; see the catch below), so the
  // look-up before the insert is skipped too. Two statements fewer per message.
  const serialised = dialect === 'sqlite';
  return {
    /**
     * Stores `drafts` together with consecutive seqs; every draft after the first is stored as a
     * reply to the first. A repeated clientMessageId on the first draft stores nothing and returns
     * what was stored the first time.
     */
    async append(conversationId: string, drafts: readonly MessageDraft[], at: Date, understanding?: Understanding): Promise<AppendResult> {
      const clientId = drafts[0]?.clientMessageId ?? null;
      try {
        const fast = drafts.length > 0 ? direct?.transaction((prepare) => appendDirect(prepare, conversationId, drafts, at, understanding)) : undefined;
        if (fast) return await fast;
        return await db.transaction().execute(async (trx) => {
          if (!serialised || drafts.length === 0) {
            // Takes the row lock first (PostgreSQL), so the look-up below sees any concurrent
            // writer's committed message.
            const lock = await trx
              .updateTable('conversations')
              .set((eb) => ({ last_seq: eb.ref('last_seq') }))
              .where('id', '=', conversationId)
              .executeTakeFirst();
            if (Number(lock.numUpdatedRows) !== 1) throw new AppError('ERR_NOT_FOUND', `conversation ${conversationId} does not exist`);
            if (clientId !== null) {
              const earlier = await existing(trx, conversationId, clientId);
              if (earlier) return { messages: earlier, duplicate: true };
            }
            if (drafts.length === 0) return { messages: [], duplicate: false };
          }
          // The seqs and the bot's understanding in one statement: the understanding is written
          // only while the state is the one the caller read, and `state` says whether it was.
          const seq = await trx
            .updateTable('conversations')
            .set((eb) => ({
              last_seq: eb('last_seq', '+', drafts.length),
              ...(understanding && {
                urgent: eb.case().when('state', '=', understanding.whileState).then(understanding.urgent ? 1 : 0).else(eb.ref('urgent')).end(),
                topic: eb.case().when('state', '=', understanding.whileState).then(understanding.topic).else(eb.ref('topic')).end(),
                error_codes: eb.case().when('state', '=', understanding.whileState).then(JSON.stringify(understanding.errorCodes)).else(eb.ref('error_codes')).end(),
              }),
            }))
            .where('id', '=', conversationId)
            .returning(['last_seq', 'state'])
            .executeTakeFirst();
          if (!seq) throw new AppError('ERR_NOT_FOUND', `conversation ${conversationId} does not exist`);
          const inserted = await trx.insertInto('messages').values(rowsOf(conversationId, drafts, seq.last_seq, at)).returningAll().execute();
          return appended(inserted, seq.state, understanding);
        });
      } catch (e) {
        // A belt to the lock's braces: should two writers race past the look-up, the unique
        // constraint stops the second, and it returns the first one's message.
        if (clientId !== null && isUniqueViolation(e)) {
          const earlier = await existing(db, conversationId, clientId);
          if (earlier) return { messages: earlier, duplicate: true };
        }
        throw e;
      }
    },

    /**
     * One page of the messages after `after`: at most `limit`, and whether more follow (the next
     * page starts after the last seq of this one).
     */
    async page(conversationId: string, after: number, limit = MESSAGE_PAGE): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
      const rows = await this.after(conversationId, after, limit + 1);
      return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
    },

    /** Every message with seq greater than `after`, in order. */
    async after(conversationId: string, after = 0, limit = 1000): Promise<ChatMessage[]> {
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toMessage);
    },

    /** The customer's own texts, oldest first: the turns the engine reads. */
    async customerTexts(conversationId: string, limit = 20): Promise<string[]> {
      const rows = await db
        .selectFrom('messages')
        .select('text')
        .where('conversation_id', '=', conversationId)
        .where('author', '=', 'customer')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.text).reverse();
    },

    /** When the customer last wrote in the conversation (for a login's idle time), or null. */
    async lastCustomerMessageAt(conversationId: string): Promise<Date | null> {
      const r = await db
        .selectFrom('messages')
        .select('created_at')
        .where('conversation_id', '=', conversationId)
        .where('author', '=', 'customer')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? new Date(r.created_at) : null;
    },

    async get(conversationId: string, seq: number): Promise<ChatMessage | null> {
      const r = await db
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return r ? toMessage(r) : null;
    },
  };
}
export type MessageRepository = ReturnType<typeof messageRepository>;
