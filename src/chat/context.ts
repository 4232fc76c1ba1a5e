// What the chat services are given: storage, the engine, the hours, the event bus and a clock.
import type { Engine } from '../engine/types.js';
import type { Conversation } from './conversation.js';
import type { EventBus } from './events.js';
import type { ActionOffer, ChatMessage } from './messages.js';
import type { Schedule } from './opening-hours.js';
import { estimateWaitSeconds, positions } from './queue.js';
import { shownName } from './repositories/advisors.js';
import type { Repositories } from './repositories/index.js';
import type { ChatTexts } from './texts.js';

export interface ChatContext {
  repos: Repositories;
  engine: Engine;
  schedule: Schedule;
  bus: EventBus;
  now: () => Date;
  bank: { phone: string };
  /** The service's notices, in the bank's words. */
  texts: ChatTexts;
  /** Removes identity numbers, card numbers and codes from customer text before it is stored. */
  redact: (text: string) => { text: string };
  /** Self-service actions to offer under an answer from these topics (content/actions.yaml); none if absent. */
  offers?: (sources: readonly string[]) => ActionOffer[];
  /** Which of these conversations are logged in with BankID, and why an action handed them over (for the queue). */
  identified?: (conversationIds: readonly string[]) => Promise<Map<string, { reason: string | null }>>;
}

export interface QueueSnapshot {
  /** Position (1-based) of each queued conversation. */
  positions: Map<string, number>;
  waitFor(position: number): number;
}

/** The queue as it is now: one read of the queue, the recent handling times and the staff. */
export async function queueSnapshot(ctx: ChatContext): Promise<QueueSnapshot> {
  const [queued, handled, advisors] = await Promise.all([
    ctx.repos.conversations.queue(),
    ctx.repos.conversations.recentHandleSeconds(),
    ctx.repos.sessions.activeAdvisors(ctx.now()),
  ]);
  return { positions: positions(queued), waitFor: (p) => estimateWaitSeconds(p, handled, advisors) };
}

/** The name of the advisor who has the conversation (or had it, once closed); null in the bot or the queue. */
export async function advisorNameOf(ctx: ChatContext, conv: Conversation): Promise<string | null> {
  const advisor = conv.advisorId ? await ctx.repos.advisors.byId(conv.advisorId) : null;
  return advisor ? shownName(advisor) : null;
}

export async function publishMessages(ctx: ChatContext, conversationId: string, messages: readonly ChatMessage[]): Promise<void> {
  for (const message of messages) await ctx.bus.publish({ type: 'message.created', conversationId, message });
}

/** `hasMore` and the `after` that asks for the next page (null on the last one). */
export function nextPage(page: { messages: readonly ChatMessage[]; hasMore: boolean }): { hasMore: boolean; next: number | null } {
  return { hasMore: page.hasMore, next: page.hasMore ? (page.messages.at(-1)?.seq ?? null) : null };
}
