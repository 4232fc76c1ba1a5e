// One catalogue of events, read by the WebSocket hub (and any future webhook or audit log), and
// one function that decides who receives each.
import type { ConversationState } from './conversation.js';
import type { ChatMessage } from './messages.js';
import type { CallbackRequest, Note } from './repositories/records.js';

export type ChatEvent =
  | { type: 'message.created'; conversationId: string; message: ChatMessage }
  | { type: 'note.created'; conversationId: string; note: Note }
  /**
   * `advisorId` and `advisorName`: the advisor who has the conversation after the change (both
   * null unless it moved to an advisor, or closed in an advisor's hands). Customers get the name only.
   */
  | { type: 'conversation.state_changed'; conversationId: string; state: ConversationState; advisorId: string | null; advisorName: string | null }
  | { type: 'typing'; conversationId: string; author: 'customer' | 'advisor' }
  | { type: 'queue.changed' }
  | { type: 'callback.created'; callback: CallbackRequest }
  /** The customer logged in with BankID (`name`), or out (null). */
  | { type: 'customer.identified'; conversationId: string; name: string | null }
  /** An action was ordered or handed to an advisor; its delivery to the bank went through, or failed for good. */
  | { type: 'action.requested'; conversationId: string; orderId: string; actionId: string }
  | { type: 'action.delivered'; conversationId: string; orderId: string; actionId: string }
  | { type: 'action.failed'; conversationId: string; orderId: string; actionId: string }
  /** The advisor's sessions were ended (deactivated, or a new password): their sockets close too. */
  | { type: 'advisor.signed_out'; advisorId: string }
  /** Content was published (release): every instance loads it (src/content/live.ts); no socket hears it. */
  | { type: 'content.published'; release: number };

export type EventType = ChatEvent['type'];

/** Who is connected: a customer to one conversation, or an advisor watching some. */
export type Subscriber =
  | { kind: 'customer'; conversationId: string }
  | { kind: 'advisor'; advisorId: string; watching: ReadonlySet<string> };

/** The only place that decides who receives an event. Internal notes never reach a customer. */
export function deliversTo(event: ChatEvent, to: Subscriber): boolean {
  if (to.kind === 'customer') {
    switch (event.type) {
      case 'message.created':
      case 'conversation.state_changed':
        return event.conversationId === to.conversationId;
      case 'typing':
        return event.conversationId === to.conversationId && event.author === 'advisor';
      case 'queue.changed':
        return true; // turned into this customer's own position by the hub
      case 'note.created':
      case 'callback.created':
      case 'advisor.signed_out':
      case 'customer.identified':
      case 'action.requested':
      case 'action.delivered':
      case 'action.failed':
      case 'content.published':
        return false; // the customer hears of these through system messages
    }
  }
  switch (event.type) {
    case 'queue.changed':
    case 'callback.created':
      return true;
    case 'typing':
      return event.author === 'customer' && to.watching.has(event.conversationId);
    case 'advisor.signed_out':
      return event.advisorId === to.advisorId;
    case 'content.published':
      return false;
    case 'message.created':
    case 'note.created':
    case 'conversation.state_changed':
    case 'customer.identified':
    case 'action.requested':
    case 'action.delivered':
    case 'action.failed':
      return to.watching.has(event.conversationId);
  }
}

/** Carries events between the services and every instance's sockets. */
export interface EventBus {
  publish(event: ChatEvent): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(handler: (event: ChatEvent) => void): () => void;
  /** Resolves when the bus can carry events (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
