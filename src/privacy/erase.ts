// Deleting a conversation and everything that hangs off it, in one transaction, children first
// (the foreign keys point at the conversation). What stays: the audit log (who did what, with
// ids only — no text of the customer's) and the dashboard's rollups (counts, no personal data).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Deletes these conversations and all their rows; returns how many conversations went. */
export async function eraseConversations(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const orders = trx.selectFrom('action_orders').select('id').where('conversation_id', 'in', ids);
    await trx.deleteFrom('outbox').where('order_id', 'in', orders).execute();
    await trx.deleteFrom('action_orders').where('conversation_id', 'in', ids).execute();
    for (const table of ['customer_identities', 'login_attempts', 'csat', 'feedback', 'callback_requests', 'notes', 'messages'] as const) {
      await trx.deleteFrom(table).where('conversation_id', 'in', ids).execute();
    }
    const r = await trx.deleteFrom('conversations').where('id', 'in', ids).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

/** Everything stored about one conversation, as the customer may ask for it (GDPR art. 15). */
export async function exportConversation(db: Kysely<Database>, id: string) {
  const [conversation, messages, feedback, csat, callbacks, identities, orders] = await Promise.all([
    db.selectFrom('conversations').select(['id', 'state', 'topic', 'created_at', 'closed_at', 'outcome']).where('id', '=', id).executeTakeFirst(),
    db.selectFrom('messages').select(['seq', 'author', 'kind', 'text', 'created_at']).where('conversation_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('feedback').select(['seq', 'helped', 'created_at']).where('conversation_id', '=', id).execute(),
    db.selectFrom('csat').select(['score', 'comment', 'created_at']).where('conversation_id', '=', id).execute(),
    db.selectFrom('callback_requests').select(['name', 'phone', 'email', 'message', 'created_at', 'handled_at']).where('conversation_id', '=', id).execute(),
    db.selectFrom('customer_identities').select(['name', 'acr', 'verified_at', 'ended_at']).where('conversation_id', '=', id).execute(),
    db.selectFrom('action_orders').select(['id', 'action_id', 'fields', 'state', 'created_at', 'settled_at']).where('conversation_id', '=', id).execute(),
  ]);
  if (!conversation) return null;
  return {
    conversation: { id: conversation.id, state: conversation.state, topic: conversation.topic, createdAt: conversation.created_at, closedAt: conversation.closed_at, outcome: conversation.outcome },
    messages: messages.map((m) => ({ seq: m.seq, author: m.author, kind: m.kind, text: m.text, createdAt: m.created_at })),
    feedback: feedback.map((f) => ({ seq: f.seq, helped: f.helped === 1, createdAt: f.created_at })),
    satisfaction: csat.map((c) => ({ score: c.score, comment: c.comment, createdAt: c.created_at })),
    callbackRequests: callbacks.map((c) => ({ name: c.name, phone: c.phone, email: c.email, message: c.message, createdAt: c.created_at, handledAt: c.handled_at })),
    // The identity number is kept encrypted and not given out here: the customer knows it; the name and level show the login.
    logins: identities.map((i) => ({ name: i.name, levelOfAssurance: i.acr, at: i.verified_at, endedAt: i.ended_at })),
    orders: orders.map((o) => ({ id: o.id, action: o.action_id, fields: JSON.parse(o.fields) as unknown, state: o.state, createdAt: o.created_at, settledAt: o.settled_at })),
  };
}
export type ConversationExport = NonNullable<Awaited<ReturnType<typeof exportConversation>>>;
