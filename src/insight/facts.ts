// One day's figures from the day's raw rows, as a pure function: what each conversation counts
// as (its language, contained or not, why it was handed over, how long it waited …) and the sums
// the rollup tables keep. rollup.ts reads the rows and stores the result; the rules are here.
//
// A conversation belongs to the day (and hour) it began, in Europe/Oslo, with everything that
// happened in it later — its close, hand-over, feedback, satisfaction score, callback — so each
// raw row is counted on exactly one day, and deleting a conversation touches one day only.
import { bucketOf } from './histogram.js';
import { osloHour } from './days.js';
import { conversationLanguage, type RolledLanguage } from './language.js';
import { questionKey, questionText } from './similar.js';

export const handoffReasons = ['human', 'not-covered', 'out-of-scope', 'urgent', 'not-helped', 'no-match', 'other'] as const;
export type HandoffReason = (typeof handoffReasons)[number];

/** Bot intents whose hand-over marks the question as one the assistant could not answer. */
const UNANSWERED_INTENTS = new Set(['not-covered', 'no-match']);
/** System messages that mean the conversation left the bot for a person (or tried to, after hours). */
const HANDED_OVER = new Set(['queued', 'closed-hours']);

export interface RawConversation {
  id: string;
  createdAt: string;
  state: string;
  outcome: string | null;
  advisorId: string | null;
  queuedAt: string | null;
  claimedAt: string | null;
  closedAt: string | null;
}

export interface RawMessage {
  conversationId: string;
  seq: number;
  author: string;
  kind: string;
  /** Customer messages only (the others' texts are not read). */
  text: string;
  replyTo: number | null;
  /** Bot messages: what the engine understood. */
  intent: string | null;
  sources: readonly string[];
}

export interface RawDay {
  conversations: readonly RawConversation[];
  /** Customer and bot messages, and the system messages `queued`, `closed-hours` and `claimed`. */
  messages: readonly RawMessage[];
  feedback: readonly { conversationId: string; seq: number; helped: boolean }[];
  csat: readonly { conversationId: string; score: number }[];
  callbacks: readonly { conversationId: string; handled: boolean }[];
}

/** What one conversation counts as. */
export interface ConversationFacts {
  id: string;
  language: RolledLanguage;
  hour: number;
  contained: boolean;
  abandoned: boolean;
  handoff: HandoffReason | null;
  waitSeconds: number | null;
  handled: { advisorId: string; seconds: number } | null;
  callbacksLeft: number;
  callbacksDone: number;
  csat: number | null;
  /** Customer questions the assistant had no answer for (a not-covered / no-match hand-over, or "Nei"). */
  unanswered: string[];
  /** Votes on bot answers, by the answer's first source (topic id). */
  votes: { topicId: string; helped: boolean }[];
}

const seconds = (from: string | null, to: string | null): number | null => (from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : null);

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

const asReason = (intent: string | null): HandoffReason =>
  intent !== null && (handoffReasons as readonly string[]).includes(intent) ? (intent as HandoffReason) : 'other';

/**
 * The rules, per conversation:
 * - contained: closed, never with an advisor (never claimed, no `claimed` message — a transfer back
 *   to the queue clears `claimed_at`, the message stays), no callback request left (an advisor
 *   calls back), and not abandoned in the queue (outcome `abandoned`);
 * - handed over: it reached the queue (`queued_at`, or a `queued` / `closed-hours` message); the
 *   reason is the intent of the bot's last hand-over reply before that, or `other` (the customer
 *   pressed the button after an answer, an action handed over, an off-topic reply …);
 * - wait: `queued_at` → `claimed_at` of its last time in the queue; handling: `claimed_at` →
 *   `closed_at`, counted for the advisor who had it at the close;
 * - unanswered: the customer messages a not-covered / no-match hand-over replied to, or whose bot
 *   reply got "Nei" (feedback helped = 0), each message once.
 */
export function conversationFacts(c: RawConversation, messages: readonly RawMessage[], raw: Pick<RawDay, 'feedback' | 'csat' | 'callbacks'>): ConversationFacts {
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  const customer = sorted.filter((m) => m.author === 'customer');
  const bySeq = new Map(sorted.map((m) => [m.seq, m]));
  const callbacks = raw.callbacks;
  const claimed = c.claimedAt !== null || sorted.some((m) => m.author === 'system' && m.kind === 'claimed');
  const abandoned = c.state === 'closed' && c.outcome === 'abandoned';

  const handedAt = sorted.find((m) => m.author === 'system' && HANDED_OVER.has(m.kind));
  let handoff: HandoffReason | null = null;
  if (handedAt || c.queuedAt !== null) {
    const before = sorted.filter((m) => m.author === 'bot' && m.kind === 'handoff' && (!handedAt || m.seq < handedAt.seq));
    handoff = asReason(before.at(-1)?.intent ?? null);
  }

  const wait = seconds(c.queuedAt, c.claimedAt);
  const handle = seconds(c.claimedAt, c.closedAt);

  const unanswered = new Set<number>();
  const votes: ConversationFacts['votes'] = [];
  for (const m of sorted) {
    if (m.author === 'bot' && m.kind === 'handoff' && UNANSWERED_INTENTS.has(m.intent ?? '') && m.replyTo !== null) unanswered.add(m.replyTo);
  }
  for (const f of raw.feedback) {
    const answer = bySeq.get(f.seq);
    if (!answer || answer.author !== 'bot') continue;
    if (answer.sources[0] !== undefined) votes.push({ topicId: answer.sources[0], helped: f.helped });
    if (!f.helped && answer.replyTo !== null) unanswered.add(answer.replyTo);
  }

  return {
    id: c.id,
    language: conversationLanguage(customer.map((m) => m.text)),
    hour: osloHour(c.createdAt),
    contained: c.state === 'closed' && !claimed && callbacks.length === 0 && !abandoned,
    abandoned,
    handoff,
    waitSeconds: wait !== null && wait >= 0 ? wait : null,
    handled: c.advisorId !== null && c.state === 'closed' && handle !== null && handle >= 0 ? { advisorId: c.advisorId, seconds: handle } : null,
    callbacksLeft: callbacks.length,
    callbacksDone: callbacks.filter((cb) => cb.handled).length,
    csat: raw.csat[0]?.score ?? null,
    unanswered: [...unanswered]
      .sort((a, b) => a - b)
      .map((seq) => bySeq.get(seq))
      .filter((m): m is RawMessage => m?.author === 'customer')
      .map((m) => m.text),
    votes,
  };
}

/** The rows the rollup tables get for one day (without the day, which the caller adds). */
export interface DayRollup {
  conversations: { language: RolledLanguage; hour: number; conversations: number; contained: number; abandoned: number; handedOff: number; callbacksLeft: number; callbacksDone: number }[];
  handoffs: { language: RolledLanguage; reason: HandoffReason; conversations: number }[];
  unanswered: { language: RolledLanguage; key: string; text: string; n: number; exampleConversationId: string }[];
  answers: { language: RolledLanguage; topicId: string; yes: number; no: number }[];
  waits: { language: RolledLanguage; bucket: number; n: number }[];
  handling: { language: RolledLanguage; advisorId: string; bucket: number; n: number }[];
  csat: { language: RolledLanguage; score: number; n: number }[];
  /** Raw rows read, for the rollup's marker. */
  counts: { conversations: number; callbacks: number; open: number };
}

/** Adds `by` to the counter under `key`, creating it with `init` first. */
function tally<T>(map: Map<string, T>, key: string, init: () => T, add: (t: T) => void): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = init()));
  add(t);
}

/** Newest first, so the example of a question is the latest conversation it was asked in. */
export const newestFirst = (a: RawConversation, b: RawConversation): number => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1);

/**
 * A day's sums, added to a page of conversations at a time, so a long day is rolled up in slices
 * between which the server goes on serving. Pages must come in `newestFirst` order (and each page
 * in it), as `aggregateDay` takes them, for the same result.
 */
export class DayTally {
  private readonly conversations = new Map<string, DayRollup['conversations'][number]>();
  private readonly handoffs = new Map<string, DayRollup['handoffs'][number]>();
  private readonly questions = new Map<string, { language: RolledLanguage; key: string; n: number; exampleConversationId: string; texts: Map<string, number> }>();
  private readonly answers = new Map<string, DayRollup['answers'][number]>();
  private readonly waits = new Map<string, DayRollup['waits'][number]>();
  private readonly handling = new Map<string, DayRollup['handling'][number]>();
  private readonly scores = new Map<string, DayRollup['csat'][number]>();
  private readonly counts = { conversations: 0, callbacks: 0, open: 0 };

  /** `page`: some of the day's conversations, each with all of its rows. */
  add(page: RawDay): void {
    const messages = groupBy(page.messages, (m) => m.conversationId);
    const feedback = groupBy(page.feedback, (f) => f.conversationId);
    const csat = groupBy(page.csat, (r) => r.conversationId);
    const callbacks = groupBy(page.callbacks, (r) => r.conversationId);
    this.counts.conversations += page.conversations.length;
    this.counts.callbacks += page.callbacks.length;
    for (const c of [...page.conversations].sort(newestFirst)) {
      this.count(c, conversationFacts(c, messages.get(c.id) ?? [], { feedback: feedback.get(c.id) ?? [], csat: csat.get(c.id) ?? [], callbacks: callbacks.get(c.id) ?? [] }));
    }
  }

  private count(c: RawConversation, f: ConversationFacts): void {
    const language = f.language;
    if (c.state !== 'closed') this.counts.open++;
    tally(this.conversations, `${language}|${f.hour}`, () => ({ language, hour: f.hour, conversations: 0, contained: 0, abandoned: 0, handedOff: 0, callbacksLeft: 0, callbacksDone: 0 }), (t) => {
      t.conversations++;
      t.contained += f.contained ? 1 : 0;
      t.abandoned += f.abandoned ? 1 : 0;
      t.handedOff += f.handoff ? 1 : 0;
      t.callbacksLeft += f.callbacksLeft;
      t.callbacksDone += f.callbacksDone;
    });
    if (f.handoff) {
      const reason = f.handoff;
      tally(this.handoffs, `${language}|${reason}`, () => ({ language, reason, conversations: 0 }), (t) => t.conversations++);
    }
    for (const text of f.unanswered) {
      const key = questionKey(text);
      const shown = questionText(text);
      tally(this.questions, `${language}|${key}`, () => ({ language, key, n: 0, exampleConversationId: c.id, texts: new Map() }), (t) => {
        t.n++;
        t.texts.set(shown, (t.texts.get(shown) ?? 0) + 1);
      });
    }
    for (const v of f.votes) {
      tally(this.answers, `${language}|${v.topicId}`, () => ({ language, topicId: v.topicId, yes: 0, no: 0 }), (t) => (v.helped ? t.yes++ : t.no++));
    }
    const wait = f.waitSeconds === null ? null : bucketOf(f.waitSeconds);
    if (wait !== null) tally(this.waits, `${language}|${wait}`, () => ({ language, bucket: wait, n: 0 }), (t) => t.n++);
    const handled = f.handled;
    const handle = handled ? bucketOf(handled.seconds) : null;
    if (handled && handle !== null) {
      tally(this.handling, `${language}|${handled.advisorId}|${handle}`, () => ({ language, advisorId: handled.advisorId, bucket: handle, n: 0 }), (t) => t.n++);
    }
    const score = f.csat;
    if (score !== null) tally(this.scores, `${language}|${score}`, () => ({ language, score, n: 0 }), (t) => t.n++);
  }

  result(): DayRollup {
    return {
      conversations: [...this.conversations.values()],
      handoffs: [...this.handoffs.values()],
      unanswered: [...this.questions.values()].map(({ texts, ...q }) => ({
        ...q,
        // The wording asked most often that day (the first of those when tied).
        text: [...texts].reduce((best, t) => (t[1] > best[1] ? t : best))[0],
      })),
      answers: [...this.answers.values()],
      waits: [...this.waits.values()],
      handling: [...this.handling.values()],
      csat: [...this.scores.values()],
      counts: { ...this.counts },
    };
  }
}

/** A whole day's figures at once (the rules' tests; `rollUp` adds page by page). */
export function aggregateDay(raw: RawDay): DayRollup {
  const day = new DayTally();
  day.add(raw);
  return day.result();
}
