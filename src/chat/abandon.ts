// Closing conversations whose customer has gone: `queued → closed` "when abandoned", and bot
// conversations left idle, which simply end. The deadline lives in the database
// (`customer_seen_at`, refreshed by every request with the token and by an open WebSocket), so a
// restart forgets nobody; the server calls `sweepAbandoned` on an interval.
//
// Not swept: conversations an advisor has claimed (state `advisor`), and any with an open callback
// request — the customer left a message and contact details, and waits for an advisor to call.
import { transition, type Conversation, type ConversationState } from './conversation.js';
import { publishMessages, type ChatContext } from './context.js';

/** Presence is written at most this often per conversation; "last seen" is at most this stale. */
export const PRESENCE_RESOLUTION_MS = 60_000;

export interface SweepOptions {
  /** A queued customer unseen this long has left the queue (env ABANDON_AFTER_MINUTES). */
  queuedAfterMinutes?: number;
  /** A bot conversation unseen this long is over; a day leaves room to come back to it. */
  botAfterMinutes?: number;
  /** Most conversations closed per state in one sweep; the rest wait for the next. */
  limit?: number;
}

export interface SweepResult {
  /** Queued conversations closed with outcome `abandoned`. */
  abandoned: string[];
  /** Bot conversations closed with outcome `idle`. */
  idle: string[];
}

/** The outcome a swept conversation gets, by the state it was swept from. */
const OUTCOME = { queued: 'abandoned', bot: 'idle' } as const satisfies Partial<Record<ConversationState, string>>;

/**
 * Closes every queued conversation whose customer has not been seen for `queuedAfterMinutes`, and
 * every bot conversation unseen for `botAfterMinutes`, each with one system message. Safe to run
 * on several instances at once: the close is one conditional UPDATE, so each conversation is
 * closed, announced and counted by exactly one sweeper — and not at all if the customer came back
 * (or an advisor claimed it, or a callback request arrived) since it was read.
 */
export async function sweepAbandoned(
  ctx: ChatContext,
  now: Date,
  { queuedAfterMinutes = 15, botAfterMinutes = 24 * 60, limit = 500 }: SweepOptions = {},
): Promise<SweepResult> {
  const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const abandoned = await sweep(ctx, now, 'queued', minutesBefore(queuedAfterMinutes), limit);
  const idle = await sweep(ctx, now, 'bot', minutesBefore(botAfterMinutes), limit);
  // One refresh of every waiting customer's position, however many left.
  if (abandoned.length) await ctx.bus.publish({ type: 'queue.changed' });
  return { abandoned, idle };
}

async function sweep(ctx: ChatContext, now: Date, state: keyof typeof OUTCOME, seenBefore: Date, limit: number): Promise<string[]> {
  const closed: string[] = [];
  for (const conv of await ctx.repos.conversations.unattended(state, seenBefore, limit)) {
    if (await close(ctx, conv, OUTCOME[state], seenBefore, now)) closed.push(conv.id);
  }
  return closed;
}

async function close(ctx: ChatContext, conv: Conversation, outcome: string, seenBefore: Date, now: Date): Promise<boolean> {
  const next = transition(conv, { to: 'closed', outcome }, now);
  if (!(await ctx.repos.conversations.saveIfUnattended(next, conv.state, seenBefore))) return false;
  const { messages } = await ctx.repos.messages.append(conv.id, [{ author: 'system', kind: 'abandoned', text: ctx.texts.abandoned() }], now);
  await ctx.bus.publish({ type: 'conversation.state_changed', conversationId: conv.id, state: 'closed', advisorId: null, advisorName: null });
  await publishMessages(ctx, conv.id, messages);
  return true;
}
