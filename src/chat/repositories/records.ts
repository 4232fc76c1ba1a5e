// SQL for what hangs off a conversation besides messages: advisors' internal notes, callback
// requests left outside opening hours, and the customer's feedback on bot answers.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CallbackRequestsTable, Database } from '../../db/schema.js';

export interface Note {
  id: string;
  conversationId: string;
  advisorId: string;
  text: string;
  createdAt: string;
}

export interface CallbackRequest {
  id: string;
  conversationId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  message: string;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
}

const toCallback = (r: Selectable<CallbackRequestsTable>): CallbackRequest => ({
  id: r.id,
  conversationId: r.conversation_id,
  name: r.name,
  phone: r.phone,
  email: r.email,
  message: r.message,
  createdAt: r.created_at,
  handledAt: r.handled_at,
  handledBy: r.handled_by,
});

export function noteRepository(db: Kysely<Database>) {
  return {
    async add(conversationId: string, advisorId: string, text: string, at: Date): Promise<Note> {
      // What is returned is what was stored: the redaction plugin has been over the text.
      const r = await db
        .insertInto('notes')
        .values({ id: randomUUID(), conversation_id: conversationId, advisor_id: advisorId, text, created_at: at.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { id: r.id, conversationId: r.conversation_id, advisorId: r.advisor_id, text: r.text, createdAt: r.created_at };
    },
    async list(conversationId: string): Promise<Note[]> {
      const rows = await db.selectFrom('notes').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, conversationId: r.conversation_id, advisorId: r.advisor_id, text: r.text, createdAt: r.created_at }));
    },
  };
}

export function callbackRepository(db: Kysely<Database>) {
  return {
    async add(input: Omit<CallbackRequest, 'id' | 'createdAt' | 'handledAt' | 'handledBy'>, at: Date): Promise<CallbackRequest> {
      const r = await db
        .insertInto('callback_requests')
        .values({
          id: randomUUID(),
          conversation_id: input.conversationId,
          name: input.name,
          phone: input.phone,
          email: input.email,
          message: input.message,
          created_at: at.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCallback(r);
    },
    /** Open requests, oldest first: the callback queue. */
    async open(): Promise<CallbackRequest[]> {
      const rows = await db.selectFrom('callback_requests').selectAll().where('handled_at', 'is', null).orderBy('created_at').execute();
      return rows.map(toCallback);
    },
    async markHandled(id: string, advisorId: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('callback_requests')
        .set({ handled_at: at.toISOString(), handled_by: advisorId })
        .where('id', '=', id)
        .where('handled_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export function feedbackRepository(db: Kysely<Database>) {
  return {
    /** One verdict per answer; a second one replaces the first. */
    async set(conversationId: string, seq: number, helped: boolean, at: Date): Promise<void> {
      await db
        .insertInto('feedback')
        .values({ conversation_id: conversationId, seq, helped: helped ? 1 : 0, created_at: at.toISOString() })
        .onConflict((oc) => oc.columns(['conversation_id', 'seq']).doUpdateSet((eb) => ({ helped: eb.ref('excluded.helped'), created_at: eb.ref('excluded.created_at') })))
        .execute();
    },
    async get(conversationId: string, seq: number): Promise<boolean | null> {
      const r = await db.selectFrom('feedback').select('helped').where('conversation_id', '=', conversationId).where('seq', '=', seq).executeTakeFirst();
      return r ? r.helped === 1 : null;
    },
  };
}

export interface CsatAnswer {
  conversationId: string;
  score: number;
  comment: string | null;
  createdAt: string;
}

export function csatRepository(db: Kysely<Database>) {
  return {
    /** Once per conversation: false when it was already answered. */
    async add(conversationId: string, score: number, comment: string | null, at: Date): Promise<boolean> {
      const r = await db
        .insertInto('csat')
        .values({ conversation_id: conversationId, score, comment, created_at: at.toISOString() })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .returning('conversation_id')
        .executeTakeFirst();
      return r !== undefined;
    },
    async get(conversationId: string): Promise<CsatAnswer | null> {
      const r = await db.selectFrom('csat').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
      return r ? { conversationId: r.conversation_id, score: r.score, comment: r.comment, createdAt: r.created_at } : null;
    },
  };
}
