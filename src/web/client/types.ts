// The chat service's JSON shapes as the browser sees them (see src/server/schemas.ts, which
// validates them on the server; the e2e tests run both against each other).

export type ConversationState = 'bot' | 'queued' | 'advisor' | 'closed';
export type Author = 'customer' | 'bot' | 'advisor' | 'system';

export interface ClarifyOption {
  topicId: string;
  label: string;
}

export interface PublicMessage {
  seq: number;
  author: Author;
  /** text | answer | clarify | handoff | queued | closed-hours | claimed | transferred | closed | callback */
  kind: string;
  text: string;
  options: ClarifyOption[];
  urgent: boolean;
  sources: string[];
  /** Self-service actions offered under a bot answer ("Bestill ny kodebrikke"). */
  actions: { id: string; label: string }[];
  clientMessageId: string | null;
  createdAt: string;
}

/** GET /api/conversations/:id/identity */
export interface LoginStatus {
  available: boolean;
  loggedIn: boolean;
  name: string | null;
  idleUntil: string | null;
}

export interface PostalAddress {
  name: string;
  street: string;
  postcode: string;
  city: string;
}

/** POST …/actions/:actionId/prepare */
export type PreparedAction =
  | { loginNeeded: true; text: string }
  | {
      loginNeeded: false;
      action: { id: string; label: string; confirm: string; confirmButton: string };
      fields: { id: string; label: string; value: PostalAddress }[];
      again: string | null;
    };

export interface OrderView {
  id: string;
  actionId: string;
  label: string;
  state: 'requested' | 'delivered' | 'failed' | 'queued';
  requestedBy: string | null;
  createdAt: string;
  settledAt: string | null;
  reason: string | null;
  delivery: { state: 'pending' | 'delivered' | 'dead'; attempts: number; lastError: string | null; nextAttemptAt: string; deliveredAt: string | null } | null;
}

/** GET /api/advisor/conversations/:id/identity */
export interface IdentityDetails {
  identity: {
    name: string;
    maskedNationalId: string;
    acr: string;
    amr: string[] | null;
    verifiedAt: string;
    active: boolean;
    endedAt: string | null;
    endedReason: string | null;
  } | null;
  orders: OrderView[];
  actions: { id: string; label: string }[];
}

/** What advisors see besides: what the bot understood. */
export interface AdvisorMessage extends PublicMessage {
  replyTo: number | null;
  intent: string | null;
  errorCodes: string[];
  advisorId: string | null;
}

export type HandoffResult =
  | { state: 'queued'; position: number; estimatedWaitSeconds: number }
  | { state: 'advisor' }
  | { state: 'closed'; opensAt: string | null; now: string; phone: string; callback: { method: 'POST'; path: string } };

/** GET /api/conversations/:id/messages */
export interface MessagesResult {
  state: ConversationState;
  /** The advisor who has the conversation (or had it, once closed); null in the bot or the queue. */
  advisorName: string | null;
  messages: PublicMessage[];
  /** More messages follow this page: ask again with `after=next`. */
  hasMore: boolean;
  next: number | null;
}

export interface PostResult {
  message: PublicMessage;
  replies: PublicMessage[];
  handoff?: HandoffResult;
}

/** Frames the server pushes over the WebSocket (src/server/realtime.ts). */
export type ServerFrame =
  | { type: 'message'; conversationId: string; message: AdvisorMessage }
  | { type: 'synced'; conversationId: string; lastSeq: number }
  /** advisorName: who has the conversation (customers get no advisorId); advisors get advisorId too. */
  | { type: 'state'; conversationId: string; state: ConversationState; advisorName: string | null; advisorId?: string | null }
  | { type: 'queue'; conversationId: string; position: number; estimatedWaitSeconds: number }
  | { type: 'queue.changed' }
  | { type: 'typing'; conversationId: string; author: 'customer' | 'advisor' }
  | { type: 'note'; conversationId: string; note: Note }
  | { type: 'callback'; callback: CallbackRequest }
  /** To advisors: the conversation's identity or actions changed. */
  | { type: 'details'; conversationId: string; what: 'identity' | 'actions' }
  | { type: 'pong' }
  | { type: 'error'; error: { code: string; message: string } };

export type Role = 'advisor' | 'admin';

export interface Advisor {
  id: string;
  email: string;
  name: string;
  /** The name customers see ("Du snakkar med Kari"); null: `name`. */
  displayName?: string | null;
  role: Role;
  /** False for an account an admin has deactivated. */
  active: boolean;
  createdAt: string;
}

/** What an admin may change about an account (PATCH /api/admin/advisors/:id). */
export interface AdvisorChange {
  name?: string;
  /** null: customers see the account's name again. */
  displayName?: string | null;
  role?: Role;
  active?: boolean;
}

export interface QueueEntry {
  id: string;
  state: ConversationState;
  position: number | null;
  urgent: boolean;
  waitingSince: string | null;
  topic: string | null;
  errorCodes: string[];
  estimatedWaitSeconds: number | null;
  /** Logged in with BankID in this conversation. */
  identified: boolean;
  /** Why an action handed the customer over, if one did. */
  reason: string | null;
}

export interface CallbackRequest {
  id: string;
  conversationId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  message: string;
  createdAt: string;
}

export interface Note {
  id: string;
  conversationId: string;
  advisorId: string;
  text: string;
  createdAt: string;
}

export interface ConversationView {
  id: string;
  state: ConversationState;
  urgent: boolean;
  topic: string | null;
  errorCodes: string[];
  advisorId: string | null;
  outcome: string | null;
  createdAt: string;
  queuedAt: string | null;
  claimedAt: string | null;
  closedAt: string | null;
}
