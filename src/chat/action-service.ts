// Self-service actions, as the content pack declares them (content/actions.yaml): the bot offers
// one under an answer it fits, the customer logs in, confirms what the action needs (the postal
// address from the bank's customer data) and gets the receipt. An order to the bank goes through
// the outbox (src/actions/outbox.ts) — stored with its delivery in one transaction; an action the
// bot cannot do ("queue") hands the conversation to an advisor with the identity confirmed.
import { DateTime } from 'luxon';
import { enqueue } from '../actions/outbox.js';
import type { Order, OrderStore } from '../actions/orders.js';
import type { OutboxRow } from '../actions/outbox.js';
import type { AuditLog } from '../audit/log.js';
import type { ActionDefinition, ActionsFile } from '../content/index.js';
import type { CustomerData, PostalAddress } from '../identity/customer-data.js';
import { CustomerDataError } from '../identity/customer-data.js';
import type { IdentityCipher } from '../identity/keys.js';
import type { StoredIdentity } from '../identity/store.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { publishMessages, type ChatContext } from './context.js';
import type { Conversation } from './conversation.js';
import type { HandoffResult } from './customer-service.js';
import { AppError } from './errors.js';
import type { IdentityService } from './identity-service.js';
import { publicMessage, type ActionOffer, type PublicMessage } from './messages.js';

export const WEBHOOK_TARGET = 'webhook';

export interface ActionDeps {
  db: Kysely<Database>;
  orders: OrderStore;
  audit: AuditLog;
  identity: IdentityService;
  cipher: IdentityCipher;
  customerData: CustomerData;
  /** Approved (or, serving drafts, draft) actions; undefined: none. */
  actions: ActionsFile | undefined;
  /** The customer service's hand-off, for actions only an advisor can do. */
  handoff: (conv: Conversation) => Promise<HandoffResult>;
  /** The outbox rows of an order, for its delivery status. */
  deliveries: (orderId: string) => Promise<OutboxRow[]>;
  /** Orders to the bank need somewhere to go (ORDERS_WEBHOOK_URL). */
  webhookConfigured: boolean;
}

export type FieldValue = { id: string; label: string; value: PostalAddress };

/** What the customer is asked to confirm. */
export type Prepared =
  | { loginNeeded: true; text: string }
  | { loginNeeded: false; action: { id: string; label: string; confirm: string; confirmButton: string }; fields: FieldValue[]; again: string | null };

export interface OrderView {
  id: string;
  actionId: string;
  label: string;
  state: Order['state'];
  requestedBy: string | null;
  createdAt: string;
  settledAt: string | null;
  /** For a "queue" action: why the customer was handed over. */
  reason: string | null;
  delivery: { state: OutboxRow['state']; attempts: number; lastError: string | null; nextAttemptAt: string; deliveredAt: string | null } | null;
}

/** The actions to offer under an answer drawn from these topics (the first topic decides). */
export function actionOffers(actions: ActionsFile | undefined, webhookConfigured: boolean): (sources: readonly string[]) => ActionOffer[] {
  const byTopic = new Map<string, ActionOffer[]>();
  for (const a of actions?.actions ?? []) {
    if (a.delivery === 'webhook' && !webhookConfigured) continue;
    for (const t of a.offerFor) byTopic.set(t, [...(byTopic.get(t) ?? []), { id: a.id, label: a.label }]);
  }
  return (sources) => (sources[0] ? (byTopic.get(sources[0]) ?? []) : []);
}

export function actionService(ctx: ChatContext, deps: ActionDeps) {
  const definitions = deps.actions?.actions ?? [];

  function definition(actionId: string): ActionDefinition {
    const a = definitions.find((d) => d.id === actionId);
    if (!a || (a.delivery === 'webhook' && !deps.webhookConfigured)) throw new AppError('ERR_NOT_FOUND', `there is no action "${actionId}" here`);
    return a;
  }

  async function loggedIn(conv: Conversation): Promise<StoredIdentity> {
    const identity = await deps.identity.current(conv, true);
    if (!identity) throw new AppError('ERR_LOGIN_REQUIRED', 'log in with BankID first (POST /api/conversations/:id/identity/login)');
    return identity;
  }

  async function fieldValues(a: ActionDefinition, identity: StoredIdentity): Promise<FieldValue[]> {
    const out: FieldValue[] = [];
    for (const f of a.fields) {
      let value: PostalAddress | null;
      try {
        value = await deps.customerData.postalAddress(deps.cipher.decrypt(identity.nationalId));
      } catch (e) {
        if (e instanceof CustomerDataError) throw new AppError('ERR_UPSTREAM', 'the bank\'s customer data cannot be reached; try again shortly');
        throw e;
      }
      if (!value) throw new AppError('ERR_ACTION_UNAVAILABLE', 'the bank has no postal address for this customer; an advisor can help');
      out.push({ id: f.id, label: f.label, value });
    }
    return out;
  }

  /** The same person's order of this action within its period, if any. */
  async function previous(a: ActionDefinition, identity: StoredIdentity): Promise<Order | null> {
    if (a.oncePerDays === undefined) return null;
    const since = new Date(ctx.now().getTime() - a.oncePerDays * 86_400_000);
    return deps.orders.latestFor(identity.personHash, a.id, since);
  }

  const againText = (a: ActionDefinition, order: Order) =>
    (a.again ?? '').replace('{date}', DateTime.fromJSDate(order.createdAt, { zone: ctx.schedule.timeZone }).setLocale('nn').toFormat('d. MMMM'));

  async function receipt(conversationId: string, text: string): Promise<PublicMessage> {
    const { messages } = await ctx.repos.messages.append(conversationId, [{ author: 'system', kind: 'receipt', text }], ctx.now());
    await publishMessages(ctx, conversationId, messages);
    return publicMessage(messages[0]!);
  }

  async function view(o: Order): Promise<OrderView> {
    const a = definitions.find((d) => d.id === o.actionId);
    const delivery = (await deps.deliveries(o.id)).at(-1);
    return {
      id: o.id,
      actionId: o.actionId,
      label: a?.label ?? o.actionId,
      state: o.state,
      requestedBy: o.requestedBy,
      createdAt: o.createdAt.toISOString(),
      settledAt: o.settledAt?.toISOString() ?? null,
      reason: a?.delivery === 'queue' ? (a.reason ?? a.label) : null,
      delivery: delivery
        ? { state: delivery.state, attempts: delivery.attempts, lastError: delivery.lastError, nextAttemptAt: delivery.nextAttemptAt.toISOString(), deliveredAt: delivery.deliveredAt?.toISOString() ?? null }
        : null,
    };
  }

  return {
    /** What the customer confirms: the fields looked up for them, and whether this is a repeat. */
    async prepare(conv: Conversation, actionId: string): Promise<Prepared> {
      const a = definition(actionId);
      const identity = await deps.identity.current(conv, true);
      if (!identity) return { loginNeeded: true, text: deps.actions!.login.needed };
      const [fields, before] = await Promise.all([fieldValues(a, identity), previous(a, identity)]);
      return {
        loginNeeded: false,
        action: { id: a.id, label: a.label, confirm: a.confirm, confirmButton: a.confirmButton },
        fields,
        again: before ? againText(a, before) : null,
      };
    },

    /** The customer (or an advisor, `advisorId`) confirmed: the order is placed. */
    async confirm(conv: Conversation, actionId: string, input: { again?: boolean | undefined }, advisorId: string | null = null): Promise<{ order: OrderView; receipt: PublicMessage; handoff?: HandoffResult }> {
      if (conv.state === 'closed') throw new AppError('ERR_CONVERSATION_CLOSED', 'the conversation is closed; start a new one');
      const a = definition(actionId);
      const identity = await loggedIn(conv);
      const before = await previous(a, identity);
      if (before && !input.again) throw new AppError('ERR_CONFIRM_AGAIN', againText(a, before), { orderedAt: before.createdAt.toISOString() });
      const fields = Object.fromEntries((await fieldValues(a, identity)).map((f) => [f.id, f.value]));
      const now = ctx.now();
      const order = await deps.orders.create(
        { conversationId: conv.id, identityId: identity.id, personHash: identity.personHash, actionId: a.id, fields, requestedBy: advisorId, state: a.delivery === 'queue' ? 'queued' : 'requested', createdAt: now },
        a.delivery === 'webhook' ? (trx, o) => enqueue(trx, o.id, WEBHOOK_TARGET, now) : undefined,
      );
      const actor = advisorId ? ({ kind: 'advisor', id: advisorId } as const) : ({ kind: 'customer' } as const);
      await deps.audit.append({ actor, action: 'action.requested', conversationId: conv.id, personHash: identity.personHash, detail: { orderId: order.id, actionId: a.id, delivery: a.delivery } }, now);
      await ctx.bus.publish({ type: 'action.requested', conversationId: conv.id, orderId: order.id, actionId: a.id });
      const shown = await receipt(conv.id, a.receipt);
      const result = { order: await view(order), receipt: shown };
      if (a.delivery === 'queue' && conv.state === 'bot') return { ...result, handoff: await deps.handoff(conv) };
      return result;
    },

    async list(conv: Conversation): Promise<OrderView[]> {
      return Promise.all((await deps.orders.forConversation(conv.id)).map(view));
    },

    /** The webhook's body for an order: what the bank's system needs to carry it out. */
    async render(orderId: string): Promise<string> {
      const order = await deps.orders.get(orderId);
      if (!order) throw new Error(`order ${orderId} is gone`);
      const identity = await deps.identity.byId(order.identityId);
      if (!identity) throw new Error(`the identity of order ${orderId} is gone`);
      return JSON.stringify({
        type: 'action.requested',
        orderId: order.id,
        action: order.actionId,
        createdAt: order.createdAt.toISOString(),
        requestedBy: order.requestedBy ? { kind: 'advisor', id: order.requestedBy } : { kind: 'customer' },
        customer: { nationalId: deps.cipher.decrypt(identity.nationalId), name: identity.name, acr: identity.acr },
        fields: order.fields,
        conversationId: order.conversationId,
      });
    },

    /** The outbox settled a delivery: audit it and tell the console. */
    async settled(e: { orderId: string; result: 'delivered' | 'dead' | 'retrying'; attempts: number; error?: string | undefined }): Promise<void> {
      if (e.result === 'retrying') return;
      const order = await deps.orders.get(e.orderId);
      if (!order) return;
      const action = e.result === 'delivered' ? 'action.delivered' : 'action.failed';
      await deps.audit.append({ actor: { kind: 'system' }, action, conversationId: order.conversationId, personHash: order.personHash, detail: { orderId: order.id, actionId: order.actionId, attempts: e.attempts, ...(e.error ? { error: e.error } : {}) } }, ctx.now());
      await ctx.bus.publish({ type: action, conversationId: order.conversationId, orderId: order.id, actionId: order.actionId });
    },
  };
}
export type ActionService = ReturnType<typeof actionService>;
