// Table types for Kysely. One schema serves SQLite and PostgreSQL, so it keeps to what both
// store alike: text ids (UUIDs made by the app), integers for booleans (0/1), timestamps as ISO
// 8601 text in UTC (fixed width, so text order is time order), and JSON as text.

export interface ConversationsTable {
  id: string;
  token_hash: string;
  state: string;
  urgent: number;
  topic: string | null;
  error_codes: string;
  advisor_id: string | null;
  outcome: string | null;
  /** The last seq handed out; the row lock on it serialises writers of one conversation. */
  last_seq: number;
  created_at: string;
  queued_at: string | null;
  claimed_at: string | null;
  closed_at: string | null;
  /**
   * When the customer last showed a sign of life (a request with the token, an open WebSocket),
   * at most a minute stale; the abandonment sweeper reads it. Written by `touchCustomer` only.
   */
  customer_seen_at: string | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  author: string;
  kind: string;
  text: string;
  client_message_id: string | null;
  /** For bot and system replies: the seq of the customer message they answer. */
  reply_to: number | null;
  /** JSON: options, urgent, sources, intent, errorCodes, advisorId. */
  meta: string;
  created_at: string;
}

export interface NotesTable {
  id: string;
  conversation_id: string;
  advisor_id: string;
  text: string;
  created_at: string;
}

export interface AdvisorsTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  /** 1, or 0 for an account an admin has deactivated (it cannot log in; its sessions are gone). */
  active: number;
  /** The name customers see; null: the account's name. */
  display_name: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: string;
  advisor_id: string;
  created_at: string;
  expires_at: string;
}

export interface CallbackRequestsTable {
  id: string;
  conversation_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  message: string;
  created_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

export interface FeedbackTable {
  conversation_id: string;
  seq: number;
  helped: number;
  created_at: string;
}

/** One "Logg inn med BankID": what the callback must match, used once. */
export interface LoginAttemptsTable {
  /** SHA-256 of the `state` sent to the provider. */
  id: string;
  conversation_id: string;
  code_verifier: string;
  nonce: string;
  /** The page the customer returns to (this service's or a WIDGET_ORIGINS page). */
  return_to: string;
  created_at: string;
  used_at: string | null;
}

/** Who a conversation is logged in as; the latest row counts, until it ends. */
export interface CustomerIdentitiesTable {
  id: string;
  conversation_id: string;
  /** HMAC-SHA256 of the identity number under IDENTITY_HASH_KEY: finds a person's rows. */
  person_hash: string;
  /** AES-256-GCM ciphertext of the identity number ("v1.<key id>.<iv>.<ciphertext+tag>"). */
  national_id: string;
  name: string;
  acr: string;
  /** JSON array of methods (BID, BIM, BIS), or null. */
  amr: string | null;
  issuer: string;
  verified_at: string;
  /** The customer's last use of the login (an action, a look at it); with their last message, the idle clock. */
  last_active_at: string;
  ended_at: string | null;
  /** logout | replaced | idle */
  ended_reason: string | null;
}

export interface ActionOrdersTable {
  /** Also the idempotency key the bank receives. */
  id: string;
  conversation_id: string;
  identity_id: string;
  person_hash: string;
  /** An action id of the content pack (content/actions.yaml). */
  action_id: string;
  /** JSON of the confirmed fields (e.g. the postal address). */
  fields: string;
  /** Null: the customer; else the advisor who did it on the customer's behalf. */
  requested_by: string | null;
  /** requested | delivered | failed | queued (handed to an advisor) */
  state: string;
  created_at: string;
  settled_at: string | null;
}

/** Deliveries of orders to the bank, until acknowledged. */
export interface OutboxTable {
  id: string;
  order_id: string;
  /** Where it goes: "webhook". */
  target: string;
  /** pending | delivered | dead */
  state: string;
  attempts: number;
  next_attempt_at: string;
  /** An instance delivering it holds it until then; after, another may take it. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Append-only (triggers refuse update and delete). */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  conversation_id: string | null;
  person_hash: string | null;
  /** JSON: what the action was about (order id, action id, delivery status …), never an identity number. */
  detail: string;
  /** Why, as the person wrote it (revealing an identity number needs one). */
  reason: string | null;
}

/** "Kor nøgd var du?" after an advisor closed the conversation: once per conversation. */
export interface CsatTable {
  conversation_id: string;
  /** 1–5 */
  score: number;
  comment: string | null;
  created_at: string;
}

// The dashboard's rollups (migration 007, src/insight/DESIGN.md): counts per Europe/Oslo day
// ('YYYY-MM-DD') and language ('nn' | 'nb' | 'en' | 'und'); they outlive the raw rows.

/** Which days are rolled up, from how many raw rows; a sealed day is never recomputed. */
export interface InsightRollupsTable {
  day: string;
  rolled_at: string;
  conversations: number;
  callbacks: number;
  /** Conversations of the day not yet closed when it was rolled up: it is rolled up again later. */
  open_conversations: number;
  /** 1 once raw rows of the day have been deleted: recomputing would lose them. */
  sealed: number;
}

export interface InsightConversationsTable {
  day: string;
  language: string;
  /** 0–23, Europe/Oslo, of the conversation's start. */
  hour: number;
  conversations: number;
  contained: number;
  abandoned: number;
  handed_off: number;
  callbacks_left: number;
  callbacks_done: number;
}

export interface InsightHandoffsTable {
  day: string;
  language: string;
  /** human | not-covered | out-of-scope | urgent | not-helped | no-match | other */
  reason: string;
  conversations: number;
}

export interface InsightUnansweredTable {
  day: string;
  language: string;
  /** The token-set key questions are grouped by (src/insight/similar.ts). */
  question_key: string;
  /** The question as stored (redacted), normalised. */
  text: string;
  n: number;
  example_conversation_id: string | null;
}

export interface InsightAnswersTable {
  day: string;
  language: string;
  topic_id: string;
  yes_votes: number;
  no_votes: number;
}

/** Queue waits (queued → claimed): how many fell in each bucket (its lower edge, seconds). */
export interface InsightWaitsTable {
  day: string;
  language: string;
  bucket: number;
  n: number;
}

/** Handling times (claimed → closed) per advisor, as a histogram like the waits'. */
export interface InsightHandlingTable {
  day: string;
  language: string;
  advisor_id: string;
  bucket: number;
  n: number;
}

export interface InsightCsatTable {
  day: string;
  language: string;
  score: number;
  n: number;
}

/** Versions of the content pack's files (migration 009). */
export interface ContentVersionsTable {
  id: string;
  path: string;
  version: number;
  body: string | null;
  state: string;
  based_on: number | null;
  release: number | null;
  summary: string;
  author_id: string | null;
  created_at: string;
  updated_at: string;
  reviewer_id: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  quality: string | null;
  override_reason: string | null;
}

export interface Database {
  conversations: ConversationsTable;
  messages: MessagesTable;
  notes: NotesTable;
  advisors: AdvisorsTable;
  sessions: SessionsTable;
  callback_requests: CallbackRequestsTable;
  feedback: FeedbackTable;
  login_attempts: LoginAttemptsTable;
  customer_identities: CustomerIdentitiesTable;
  action_orders: ActionOrdersTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  csat: CsatTable;
  insight_rollups: InsightRollupsTable;
  insight_conversations: InsightConversationsTable;
  insight_handoffs: InsightHandoffsTable;
  insight_unanswered: InsightUnansweredTable;
  insight_answers: InsightAnswersTable;
  insight_waits: InsightWaitsTable;
  insight_handling: InsightHandlingTable;
  insight_csat: InsightCsatTable;
  content_versions: ContentVersionsTable;
}
