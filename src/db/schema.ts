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

export interface Database {
  conversations: ConversationsTable;
  messages: MessagesTable;
  notes: NotesTable;
  advisors: AdvisorsTable;
  sessions: SessionsTable;
  callback_requests: CallbackRequestsTable;
  feedback: FeedbackTable;
}
