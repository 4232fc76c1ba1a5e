// The API's shapes, in zod: they validate requests and document every route at /docs.
import { contentEdit } from '../content/edits.js';
import { z } from 'zod';
import { conversationStates } from '../chat/conversation.js';
import { authors } from '../chat/messages.js';
import { roles } from '../chat/repositories/advisors.js';
import { redact } from '../engine/privacy/redact.js';
import { handoffReasons } from '../insight/facts.js';

/** Longest message a customer or advisor may send, in characters. */
export const MAX_MESSAGE_LENGTH = 4000;

/** The largest seq either database holds (PostgreSQL's integer column): larger is a 400, not a 500. */
export const MAX_SEQ = 2 ** 31 - 1;

/** PostgreSQL refuses NUL in text and SQLite would keep it: both answer 400 instead. */
const NO_NUL = [(v: string) => !v.includes('\u0000'), 'must not contain NUL characters (\\u0000)'] as const;
const plain = () => z.string().refine(...NO_NUL);

const text = plain().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`);
const seqAfter = z.coerce.number().int().min(0).max(MAX_SEQ, `must be at most ${MAX_SEQ}`).default(0);

/**
 * A phone number to call back: eight digits in Norway (+47 optional), or an international number
 * (+ and 7–15 digits). A card, account or identity number typed in the box is refused, not kept.
 */
const phone = z
  .string()
  .trim()
  .regex(/^(?:(?:\+|00)47[ ]?)?(?:\d[ ]?){7}\d$|^(?:\+|00)(?!47)(?:\d[ ]?){6,14}\d$/, 'must be a phone number like "57 82 97 00" or "+46 8 123 456 78"')
  .refine((v) => redact(v).found.length === 0, 'looks like an identity, card or account number, not a phone number');
const clientMessageId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be 1–100 letters, digits or . _ : - (a UUID is fine)');

export const idParams = z.object({ id: z.uuid('must be a conversation id (UUID)') });
export const callbackParams = z.object({ id: z.uuid('must be a callback request id (UUID)') });
export const afterQuery = z.strictObject({ after: seqAfter });
export const wsQuery = z.strictObject({ token: z.string().min(1).optional(), after: seqAfter });

/** A page of messages: whether more follow, and the `after` that asks for them. */
export const pageFields = { hasMore: z.boolean(), next: z.number().int().nullable() };

export const postMessageBody = z.strictObject({ text, clientMessageId });
export const csatBody = z.strictObject({ score: z.number().int().min(1).max(5), comment: plain().max(1000).optional() });
export const feedbackBody = z.strictObject({ seq: z.number().int().min(1).max(MAX_SEQ), helped: z.boolean() });
export const callbackBody = z
  .strictObject({
    name: plain().trim().min(1).max(200).optional(),
    phone: phone.optional(),
    email: z.email().max(200).optional(),
    message: text,
  })
  .refine((v) => v.phone !== undefined || v.email !== undefined, { message: 'give a phone number or an e-mail address', path: ['phone'] });

/**
 * An advisor's login name: an e-mail address, but one on a local or internal host
 * (admin@localhost, kari@bank) is ours to accept; it is never mailed to.
 */
const accountEmail = plain()
  .trim()
  .max(200)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address such as kari@bank.no or admin@localhost')
  .transform((v) => v.toLowerCase());
export const loginBody = z.strictObject({ email: accountEmail, password: z.string().min(1).max(1000) });
export const noteBody = z.strictObject({ text });
export const closeBody = z.strictObject({ outcome: plain().trim().min(1).max(100) });
const advisorName = plain().trim().min(1, 'must not be empty').max(200);
const password = z.string().min(12, 'must be at least 12 characters').max(1000);
export const advisorParams = z.object({ id: z.uuid('must be an advisor id (UUID)') });
/** The name customers see ("Du snakkar med Kari"); null in an update clears it. */
const displayName = plain().trim().min(1, 'must not be empty').max(60);
export const createAdvisorBody = z.strictObject({ email: accountEmail, name: advisorName, displayName: displayName.optional(), role: z.enum(roles), password });
export const updateAdvisorBody = z
  .strictObject({ name: advisorName.optional(), displayName: displayName.nullable().optional(), role: z.enum(roles).optional(), active: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.displayName !== undefined || v.role !== undefined || v.active !== undefined, {
    message: 'give at least one of name, role, active, displayName',
  });
export const passwordBody = z.strictObject({ password });
/** An advisor account as the API shows it (never the password hash). */
export const advisorAccount = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  displayName: z.string().nullable().optional(),
  role: z.enum(roles),
  active: z.boolean(),
  createdAt: z.string(),
});

const option = z.object({ topicId: z.string(), label: z.string() });
export const publicMessage = z.object({
  seq: z.number().int(),
  author: z.enum(authors),
  kind: z.string(),
  text: z.string(),
  options: z.array(option),
  urgent: z.boolean(),
  sources: z.array(z.string()),
  /** Self-service actions offered under a bot answer (content/actions.yaml). */
  actions: z.array(z.object({ id: z.string(), label: z.string() })),
  clientMessageId: z.string().nullable(),
  createdAt: z.string(),
});
export const advisorMessage = publicMessage.extend({
  replyTo: z.number().nullable(),
  intent: z.string().nullable(),
  errorCodes: z.array(z.string()),
  advisorId: z.string().nullable(),
});
export const state = z.enum(conversationStates);

export const handoffResult = z.union([
  z.object({ state: z.literal('queued'), position: z.number().int(), estimatedWaitSeconds: z.number().int() }),
  z.object({ state: z.literal('advisor') }),
  z.object({
    state: z.literal('closed'),
    opensAt: z.string().nullable(),
    /** The service's clock, so the widget says "i dag" and "i morgon" by the same day as the help page. */
    now: z.string(),
    phone: z.string(),
    callback: z.object({ method: z.literal('POST'), path: z.string() }),
  }),
]);

// Responses the advisor console and the widget read (their types are inferred from these in
// src/web/client/types.ts, so the browser and the server share one description).
export const conversationView = z.object({
  id: z.string(),
  state,
  urgent: z.boolean(),
  topic: z.string().nullable(),
  errorCodes: z.array(z.string()),
  advisorId: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: z.string(),
  queuedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export const callback = z.object({
  id: z.string(),
  conversationId: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
});
export const note = z.object({ id: z.string(), conversationId: z.string(), advisorId: z.string(), text: z.string(), createdAt: z.string() });
export const queueEntry = z.object({
  id: z.string(),
  state,
  position: z.number().nullable(),
  urgent: z.boolean(),
  waitingSince: z.string().nullable(),
  topic: z.string().nullable(),
  errorCodes: z.array(z.string()),
  estimatedWaitSeconds: z.number().nullable(),
  identified: z.boolean(),
  reason: z.string().nullable(),
});
export const loginStatus = z.object({ available: z.boolean(), loggedIn: z.boolean(), name: z.string().nullable(), idleUntil: z.string().nullable() });
export const address = z.object({ name: z.string(), street: z.string(), postcode: z.string(), city: z.string() });
export const prepared = z.union([
  z.object({ loginNeeded: z.literal(true), text: z.string() }),
  z.object({
    loginNeeded: z.literal(false),
    action: z.object({ id: z.string(), label: z.string(), confirm: z.string(), confirmButton: z.string() }),
    fields: z.array(z.object({ id: z.string(), label: z.string(), value: address })),
    /** Set when the same order was placed within its period: confirm with `again: true`. */
    again: z.string().nullable(),
  }),
]);
const delivery = z.object({ state: z.enum(['pending', 'delivered', 'dead']), attempts: z.number(), lastError: z.string().nullable(), nextAttemptAt: z.string(), deliveredAt: z.string().nullable() });
export const orderView = z.object({
  id: z.string(),
  actionId: z.string(),
  label: z.string(),
  state: z.enum(['requested', 'delivered', 'failed', 'queued']),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  reason: z.string().nullable(),
  delivery: delivery.nullable(),
});
export const identityView = z.object({
  name: z.string(),
  maskedNationalId: z.string(),
  acr: z.string(),
  amr: z.array(z.string()).nullable(),
  verifiedAt: z.string(),
  active: z.boolean(),
  endedAt: z.string().nullable(),
  endedReason: z.string().nullable(),
});
export const outboxRow = z.object({
  id: z.string(),
  orderId: z.string(),
  target: z.string(),
  state: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

/** GET /api/insight/dashboard (src/server/routes/insight.ts): the figures for a period of Oslo days. */
const count = z.number().int().min(0);
const seconds = z.number().int().min(0).nullable();
export const dashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  conversations: z.object({
    total: count,
    contained: count,
    containment: z.number().min(0).max(1).describe('contained / total: closed without ever reaching an advisor (nor a callback request) and not abandoned in the queue'),
    perDay: z.array(z.object({ day: z.string(), total: count, contained: count })),
    perHour: z.array(z.object({ hour: z.number().int().min(0).max(23).describe('Europe/Oslo, of the conversation\'s start'), total: count })),
  }),
  handoffReasons: z.array(z.object({ reason: z.enum(handoffReasons), total: count, perDay: z.array(z.object({ day: z.string(), total: count })) })),
  unanswered: z
    .array(z.object({ text: z.string(), count, exampleConversationId: z.string().nullable().describe('null once the conversations have been deleted') }))
    .describe('Top 50 questions that led to a not-covered / no-match hand-over or a "Nei", grouped by their set of content words'),
  answers: z.array(z.object({ topicId: z.string(), yes: count, no: count, noRate: z.number().min(0).max(1) })).describe('Feedback per topic (the answer\'s first source), worst first'),
  queue: z.object({
    waitP50Seconds: seconds.describe('queued → claimed; two significant digits, rounded down'),
    waitP90Seconds: seconds,
    abandoned: count,
    callbacksLeft: count,
    callbacksDone: count,
  }),
  advisors: z.array(z.object({ advisorId: z.string(), name: z.string(), conversations: count, handleP50Seconds: seconds.describe('claimed → closed; two significant digits') })),
  csat: z.object({
    responses: count,
    average: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number().int().min(1).max(5), count })),
    comments: z.array(z.object({ score: z.number().int(), comment: z.string(), at: z.string(), conversationId: z.string() })).describe('The newest 100; gone with their conversations'),
  }),
});

// ---- Content operations (/api/content, editors and admins; src/content/DESIGN.md) ----

export const contentItemKinds = ['topic', 'error-code', 'messages', 'bank', 'file'] as const;
export const contentDraft = z.object({
  id: z.uuid(),
  path: z.string(),
  version: z.number().int(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  summary: z.string(),
  updatedAt: z.string(),
  /** A quality check was run on this very text of the draft. */
  checked: z.boolean(),
});
export const contentItem = z.object({
  kind: z.enum(contentItemKinds),
  /** Topic or error-code id; "messages", "bank", or the file's path for kind "file". */
  id: z.string(),
  path: z.string(),
  title: z.string(),
  /** As published; null for files without one. */
  status: z.enum(['approved', 'draft', 'retired']).nullable(),
  /** The open draft of the item's file, if any (one per file at a time). */
  draft: contentDraft.nullable(),
});
export const contentOverview = z.object({ release: z.number().int(), items: z.array(contentItem), drafts: z.array(contentDraft) });
export const topicFields = z.object({
  title: z.string(),
  category: z.string(),
  phrasings: z.object({ nn: z.array(z.string()), nb: z.array(z.string()), en: z.array(z.string()) }),
  keywords: z.array(z.string()),
  related: z.array(z.string()),
  answer: z.string(),
  status: z.enum(['approved', 'draft', 'retired']),
});
export const errorCodeFields = z.object({ codes: z.array(z.string()), meaning: z.string(), solution: z.string(), keywords: z.array(z.string()), status: z.enum(['approved', 'draft', 'retired']) });
export const messagesFields = z.object({ texts: z.record(z.string(), z.string()), status: z.enum(['approved', 'draft']) });
export const bankFields = z.object({ phone: z.string(), openingHours: z.string(), specialDays: z.array(z.object({ date: z.string(), hours: z.string(), note: z.string().optional() })) });
export const fileFields = z.object({ body: z.string() });
export const contentFields = z.union([topicFields, errorCodeFields, messagesFields, bankFields, fileFields]);
export const contentItemResult = z.object({
  item: contentItem,
  /** What the editor edits: the open draft's text if there is one, else the published. */
  fields: contentFields,
  /** As published (null: the item is new in the open draft). */
  published: contentFields.nullable(),
});
export const trainingMessage = z.object({ path: z.string(), label: z.string(), text: z.string(), lang: z.string(), kind: z.string().optional() });
export const trainingQuery = z.strictObject({
  q: plain().max(200).optional(),
  label: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const trainingResult = z.object({ total: z.number().int(), messages: z.array(trainingMessage) });
export const contentVersion = z.object({
  id: z.uuid(),
  path: z.string(),
  version: z.number().int(),
  state: z.enum(['draft', 'approved', 'rejected', 'withdrawn']),
  basedOn: z.number().int().nullable(),
  release: z.number().int().nullable(),
  summary: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  overrideReason: z.string().nullable(),
  /** The file is removed in this version. */
  removed: z.boolean(),
});
const rates = z.object({ all: z.number(), urgent: z.number(), errorCodes: z.number(), passed: z.number().int(), total: z.number().int() });
const replySummary = z.object({ kind: z.string(), sources: z.array(z.string()), text: z.string() });
export const qualityReport = z.object({
  sets: z.array(z.object({ name: z.string(), cases: z.number().int(), before: rates, after: rates, floor: z.object({ all: z.number(), urgent: z.number(), errorCodes: z.number() }), belowFloor: z.boolean() })),
  topics: z.array(z.object({ topic: z.string(), before: z.tuple([z.number(), z.number()]), after: z.tuple([z.number(), z.number()]) })),
  changed: z.array(z.object({ set: z.string(), id: z.string(), message: z.string(), before: replySummary, after: replySummary })),
  changedCount: z.number().int(),
  crossValidation: z.object({ folds: z.number().int(), before: z.number(), after: z.number(), labels: z.array(z.object({ label: z.string(), before: z.number(), after: z.number() })) }),
  belowFloor: z.boolean(),
  ms: z.number(),
});
export const contentVersionResult = z.object({
  version: contentVersion,
  /** Unified diff of the published text (the version it was made from) → this version. */
  diff: z.string(),
  quality: qualityReport.nullable(),
  /** This instance is running the quality check now. */
  checking: z.boolean(),
  /** The quality check failed (message); run it again. */
  checkError: z.string().nullable(),
  /** The one asking may approve or reject (a second person: not the author). */
  canDecide: z.boolean(),
});
export const contentHistoryQuery = z.strictObject({ path: z.string().min(1).max(80) });
export const contentHistory = z.object({ versions: z.array(contentVersion) });
export const versionParams = z.object({ id: z.uuid('must be a content version id (UUID)') });
export const summaryText = plain().trim().min(1, 'say in a few words what changed and why').max(500);
export const approveBody = z.strictObject({ comment: plain().trim().max(1000).optional(), overrideReason: plain().trim().min(10, 'say why this may go live below the floor (at least 10 characters)').max(1000).optional() });
export const rejectBody = z.strictObject({ comment: plain().trim().min(1, 'tell the author why').max(1000) });
export const rollbackBody = z.strictObject({ path: z.string().min(1).max(80), version: z.number().int().min(1), summary: summaryText });
export const previewResult = z.object({ text: z.string(), title: z.string() });
export { contentEdit };
export const draftBody = z.strictObject({ edit: contentEdit, summary: summaryText });
export const previewBody = z.strictObject({ edit: contentEdit });
