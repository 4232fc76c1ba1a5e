// The chat service's JSON shapes as the browser sees them, inferred from the zod schemas that
// validate and document them on the server (src/server/schemas.ts), so the two cannot drift.
// `import type` only: no server code enters a bundle. Only src/server/schemas.ts is imported,
// never a route file — those pull in Fastify and Node, which the browser's type check lacks.
// Shapes that a route writes inline are put together here from the schemas they are made of.
// (Besides schemas.ts, only the plain catalogues its schemas use, such as the languages.)
import type { z } from 'zod';
import type { languageFilters } from '../../insight/language.js';
import type * as schemas from '../../server/schemas.js';

type Schemas = typeof schemas;
/** The JSON a schema describes, by the schema's name in src/server/schemas.ts. */
type Wire<K extends keyof Schemas> = Schemas[K] extends z.ZodType ? z.infer<Schemas[K]> : never;
/** What a request body's schema accepts. */
type Input<K extends keyof Schemas> = Schemas[K] extends z.ZodType ? z.input<Schemas[K]> : never;

export type ConversationState = Wire<'state'>;
export type PublicMessage = Wire<'publicMessage'>;
export type Author = PublicMessage['author'];
export type ClarifyOption = PublicMessage['options'][number];
/** What advisors see besides: what the bot understood. */
export type AdvisorMessage = Wire<'advisorMessage'>;
export type HandoffResult = Wire<'handoffResult'>;

/** GET /api/conversations/:id/messages */
export type MessagesResult = { [K in keyof Schemas['pageFields']]: z.infer<Schemas['pageFields'][K]> } & {
  state: ConversationState;
  /** The advisor who has the conversation (or had it, once closed); null in the bot or the queue. */
  advisorName: string | null;
  messages: PublicMessage[];
};

/** POST /api/conversations/:id/messages */
export interface PostResult {
  message: PublicMessage;
  replies: PublicMessage[];
  handoff?: HandoffResult;
}

/** GET /api/conversations/:id/identity */
export type LoginStatus = Wire<'loginStatus'>;
export type PostalAddress = Wire<'address'>;
/** POST …/actions/:actionId/prepare */
export type PreparedAction = Wire<'prepared'>;
export type OrderView = Wire<'orderView'>;

/** GET /api/advisor/conversations/:id/identity */
export interface IdentityDetails {
  identity: Wire<'identityView'> | null;
  orders: OrderView[];
  actions: PublicMessage['actions'];
}

export type Advisor = Wire<'advisorAccount'>;
export type Role = Advisor['role'];
/** What an admin may change about an account (PATCH /api/admin/advisors/:id). */
export type AdvisorChange = Input<'updateAdvisorBody'>;
/** POST /api/admin/advisors */
export type NewAdvisor = Input<'createAdvisorBody'>;

/** GET /api/advisor/queue and GET /api/advisor/conversations/:id */
export type QueueEntry = Wire<'queueEntry'>;
export type CallbackRequest = Wire<'callback'>;
export type Note = Wire<'note'>;
export type ConversationView = Wire<'conversationView'>;
/** GET /api/admin/deliveries: an order's delivery to the bank. */
export type Delivery = Wire<'outboxRow'>;

/**
 * GET /api/admin/audit. Written here: its schema (src/server/routes/identity.ts) takes the action
 * catalogue from src/audit/log.ts, which is Node code; the console shows any action it gets.
 */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: 'customer' | 'advisor' | 'system'; id: string | null };
  action: string;
  conversationId: string | null;
  detail: Record<string, unknown>;
  reason: string | null;
}

/**
 * Frames the server pushes over the WebSocket. Written here: the server's `ServerFrame`
 * (src/server/realtime.ts) is a TypeScript type beside Node code, with `unknown` payloads; the
 * payloads here are the schemas' types.
 */
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

/** GET /api/insight/dashboard: the figures for a period of Oslo days (admins and analysts). */
export type Dashboard = Wire<'dashboardSchema'>;
export type HandoffReason = Dashboard['handoffReasons'][number]['reason'];
/** The dashboard's language filter: `all`, or the language inferred from the customer's words. */
export type LanguageFilter = (typeof languageFilters)[number];

// ---- The content editor at /agent/innhald (editors and admins; GET/POST /api/content/…) ----
/** GET /api/content: every item of the pack, each with its open draft, and all open drafts. */
export type ContentOverview = Wire<'contentOverview'>;
export type ContentItem = Wire<'contentItem'>;
export type ContentItemKind = ContentItem['kind'];
export type ItemStatus = NonNullable<ContentItem['status']>;
export type ContentDraft = Wire<'contentDraft'>;
/** GET /api/content/items/:kind/:id */
export type ContentItemResult = Wire<'contentItemResult'>;
export type TopicFields = Wire<'topicFields'>;
export type ErrorCodeFields = Wire<'errorCodeFields'>;
export type MessagesFields = Wire<'messagesFields'>;
export type BankFields = Wire<'bankFields'>;
export type FileFields = Wire<'fileFields'>;
/** GET /api/content/training */
export type TrainingResult = Wire<'trainingResult'>;
export type TrainingMessage = Wire<'trainingMessage'>;
/** GET /api/content/versions/:id */
export type ContentVersionResult = Wire<'contentVersionResult'>;
export type ContentVersion = Wire<'contentVersion'>;
export type QualityReport = Wire<'qualityReport'>;
/** GET /api/content/history?path= */
export type ContentHistory = Wire<'contentHistory'>;
/** What an editor changes (POST /api/content/drafts and /preview). */
export type ContentEdit = Input<'contentEdit'>;
export type DraftBody = Input<'draftBody'>;
export type PreviewBody = Input<'previewBody'>;
export type PreviewResult = Wire<'previewResult'>;
export type ApproveBody = Input<'approveBody'>;
export type RejectBody = Input<'rejectBody'>;
export type RollbackBody = Input<'rollbackBody'>;
