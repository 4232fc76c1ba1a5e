// SQL for the orders customers (or advisors on their behalf) place through the chat's actions.
// An order to the bank is stored with its outbox row in one transaction (outbox.ts), so it is
// either both ordered and on its way, or neither.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ActionOrdersTable, Database } from '../db/schema.js';

export type OrderState = 'requested' | 'delivered' | 'failed' | 'queued';

export interface Order {
  id: string;
  conversationId: string;
  identityId: string;
  personHash: string;
  actionId: string;
  fields: Record<string, unknown>;
  /** Null: the customer; else the advisor who ordered on the customer's behalf. */
  requestedBy: string | null;
  state: OrderState;
  createdAt: Date;
  settledAt: Date | null;
}

const toOrder = (r: Selectable<ActionOrdersTable>): Order => ({
  id: r.id,
  conversationId: r.conversation_id,
  identityId: r.identity_id,
  personHash: r.person_hash,
  actionId: r.action_id,
  fields: JSON.parse(r.fields) as Record<string, unknown>,
  requestedBy: r.requested_by,
  state: r.state as OrderState,
  createdAt: new Date(r.created_at),
  settledAt: r.settled_at ? new Date(r.settled_at) : null,
});

export function orderStore(db: Kysely<Database>) {
  return {
    /** Stores the order; `alongside` runs in the same transaction (the outbox row). */
    async create(
      o: Omit<Order, 'id' | 'settledAt'>,
      alongside?: (trx: Transaction<Database>, order: Order) => Promise<unknown>,
    ): Promise<Order> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('action_orders')
          .values({
            id: randomUUID(),
            conversation_id: o.conversationId,
            identity_id: o.identityId,
            person_hash: o.personHash,
            action_id: o.actionId,
            fields: JSON.stringify(o.fields),
            requested_by: o.requestedBy,
            state: o.state,
            created_at: o.createdAt.toISOString(),
            settled_at: o.state === 'queued' ? o.createdAt.toISOString() : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const order = toOrder(r);
        await alongside?.(trx, order);
        return order;
      });
    },

    /** The actions that handed these conversations to an advisor (state "queued"), latest last. */
    async handedOver(conversationIds: readonly string[]): Promise<{ conversationId: string; actionId: string }[]> {
      if (conversationIds.length === 0) return [];
      const rows = await db.selectFrom('action_orders').select(['conversation_id', 'action_id']).where('conversation_id', 'in', conversationIds).where('state', '=', 'queued').orderBy('created_at').execute();
      return rows.map((r) => ({ conversationId: r.conversation_id, actionId: r.action_id }));
    },

    async get(id: string): Promise<Order | null> {
      const r = await db.selectFrom('action_orders').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toOrder(r) : null;
    },

    async forConversation(conversationId: string): Promise<Order[]> {
      const rows = await db.selectFrom('action_orders').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toOrder);
    },

    /** The person's latest order of this action since `since` (not failed), for "once per period". */
    async latestFor(personHash: string, actionId: string, since: Date): Promise<Order | null> {
      const r = await db
        .selectFrom('action_orders')
        .selectAll()
        .where('person_hash', '=', personHash)
        .where('action_id', '=', actionId)
        .where('created_at', '>=', since.toISOString())
        .where('state', '<>', 'failed')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toOrder(r) : null;
    },
  };
}
export type OrderStore = ReturnType<typeof orderStore>;
