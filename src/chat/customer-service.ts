// The customer's side of a conversation: write, get answers, ask for a person, leave a message.
import { randomUUID } from 'node:crypto';
import type { Reply } from '../engine/types.js';
import { PRESENCE_RESOLUTION_MS } from './abandon.js';
import { AppError } from './errors.js';
import { newConversation, transition, type Conversation, type ConversationState } from './conversation.js';
import { advisorNameOf, nextPage, publishMessages, queueSnapshot, type ChatContext } from './context.js';
import { publicMessage, type ChatMessage, type MessageDraft, type PublicMessage } from './messages.js';
import { isOpenAt, nextOpening, openingTimes, type OpeningTimes } from './opening-hours.js';
import { RecentTurns } from './recent-turns.js';
import type { CallbackRequest } from './repositories/records.js';
import { hashToken, newToken, tokenMatches } from './tokens.js';

/** Bot intents that hand over at once: the customer asked for a person, was not helped, or is at risk. */
const AUTO_HANDOFF: ReadonlySet<Reply['intent']> = new Set(['human', 'not-helped', 'urgent']);

export type HandoffResult =
  | { state: 'queued'; position: number; estimatedWaitSeconds: number }
  | { state: 'advisor' }
  | { state: 'closed'; opensAt: string | null; now: string; phone: string; callback: { method: 'POST'; path: string } };

export interface PostResult {
  message: PublicMessage;
  replies: PublicMessage[];
  handoff?: HandoffResult;
}

export function customerService(ctx: ChatContext) {
  const { repos } = ctx;
  /** The turns the engine reads before the latest: kept from the last message, so most messages read none back. */
  const recent = new RecentTurns(ctx.engine.turnsRead - 1);

  /** The conversation with what the bot understood of `reply` added. */
  function understood(conv: Conversation, reply: Pick<Reply, 'urgent' | 'urgentKind' | 'sources' | 'errorCodes'>): Conversation {
    return {
      ...conv,
      urgent: conv.urgent || reply.urgent,
      // Once urgent, the conversation stays about the risk: the advisor sees which kind.
      topic: conv.topic?.startsWith('urgent:') ? conv.topic : reply.urgent && reply.urgentKind ? `urgent:${reply.urgentKind}` : (reply.sources[0] ?? conv.topic),
      errorCodes: [...new Set([...conv.errorCodes, ...reply.errorCodes])],
    };
  }

  async function understand(conv: Conversation, reply: Pick<Reply, 'urgent' | 'urgentKind' | 'sources' | 'errorCodes'>): Promise<Conversation> {
    const next = understood(conv, reply);
    // A state change by someone else in between wins; the understanding is then left as it was.
    return (await repos.conversations.save(next, conv.state)) ? next : conv;
  }

  async function append(conv: Conversation, drafts: MessageDraft[]): Promise<ChatMessage[]> {
    const { messages, duplicate } = await repos.messages.append(conv.id, drafts, ctx.now());
    if (!duplicate) await publishMessages(ctx, conv.id, messages);
    return messages;
  }

  async function handoff(conv: Conversation, replyTo: number | null = null): Promise<{ result: HandoffResult; messages: ChatMessage[] }> {
    if (conv.state === 'advisor') return { result: { state: 'advisor' }, messages: [] };
    if (conv.state === 'closed') throw new AppError('ERR_CONVERSATION_CLOSED', 'the conversation is closed; start a new one');
    const now = ctx.now();
    if (conv.state === 'bot' && !isOpenAt(ctx.schedule, now)) {
      const opensAt = nextOpening(ctx.schedule, now);
      const messages = await append(conv, [
        { author: 'system', kind: 'closed-hours', text: ctx.texts.closedHours(ctx.bank.phone, opensAt, ctx.schedule.timeZone, now), replyTo },
      ]);
      return { result: closedResult(conv, now), messages };
    }
    let messages: ChatMessage[] = [];
    if (conv.state === 'bot') {
      const queued = transition(conv, { to: 'queued' }, now);
      if (!(await repos.conversations.save(queued, 'bot'))) return handoff(await load(conv.id), replyTo);
      await ctx.bus.publish({ type: 'conversation.state_changed', conversationId: conv.id, state: 'queued', advisorId: null, advisorName: null });
      await ctx.bus.publish({ type: 'queue.changed' });
    }
    const snapshot = await queueSnapshot(ctx);
    const position = snapshot.positions.get(conv.id);
    if (position === undefined) return handoff(await load(conv.id), replyTo); // claimed meanwhile
    const estimatedWaitSeconds = snapshot.waitFor(position);
    if (conv.state === 'bot') {
      messages = await append(conv, [{ author: 'system', kind: 'queued', text: ctx.texts.queued(position, estimatedWaitSeconds), replyTo }]);
    }
    return { result: { state: 'queued', position, estimatedWaitSeconds }, messages };
  }

  function closedResult(conv: Conversation, now: Date): HandoffResult {
    const opensAt = nextOpening(ctx.schedule, now);
    return {
      state: 'closed',
      opensAt: opensAt?.toISOString() ?? null,
      now: now.toISOString(),
      phone: ctx.bank.phone,
      callback: { method: 'POST', path: `/api/conversations/${conv.id}/callback` },
    };
  }

  /**
   * A retry of a message that is already stored. The first try may have stopped anywhere after
   * storing it (a database error, kill -9): before publishing, or before the hand-off its reply
   * promised. Finish what it began, and answer as the first try would have.
   */
  async function resume(conv: Conversation, stored: ChatMessage[]): Promise<PostResult> {
    const [message, ...replies] = stored;
    const result: PostResult = { message: publicMessage(message!), replies: replies.map(publicMessage) };
    const bot = replies.find((r) => r.author === 'bot');
    if (!bot || bot.kind !== 'handoff' || !bot.intent || !AUTO_HANDOFF.has(bot.intent as Reply['intent'])) return result;
    const current = await load(conv.id);
    const handedOver = replies.some((r) => r.author === 'system' && (r.kind === 'queued' || r.kind === 'closed-hours'));
    if (current.state === 'bot' && !handedOver) {
      await publishMessages(ctx, conv.id, stored); // subscribers dedupe by seq
      const understood = await understand(current, { urgent: bot.urgent, urgentKind: undefined, sources: bot.sources, errorCodes: bot.errorCodes });
      const h = await handoff(understood, message!.seq);
      return { ...result, replies: [...result.replies, ...h.messages.map(publicMessage)], handoff: h.result };
    }
    if (current.state === 'closed') return result;
    const handoffResult = current.state === 'bot' ? closedResult(current, ctx.now()) : (await handoff(current)).result;
    return { ...result, handoff: handoffResult };
  }

  async function load(id: string): Promise<Conversation> {
    const conv = await repos.conversations.get(id);
    if (!conv) throw new AppError('ERR_NOT_FOUND', `conversation ${id} does not exist`);
    return conv;
  }

  /**
   * The customer is here: records it for the abandonment sweeper (abandon.ts). Decided from the
   * row just read, so most requests cost no write; at most one a minute does.
   */
  async function seen(conv: Conversation): Promise<Conversation> {
    const now = ctx.now();
    if (conv.state === 'closed') return conv;
    if (conv.customerSeenAt && now.getTime() - conv.customerSeenAt.getTime() < PRESENCE_RESOLUTION_MS) return conv;
    const wrote = await repos.conversations.touchCustomer(conv.id, now, PRESENCE_RESOLUTION_MS);
    return wrote ? { ...conv, customerSeenAt: now } : conv;
  }

  return {
    async create(): Promise<{ id: string; token: string }> {
      const token = newToken();
      const conv = newConversation(randomUUID(), ctx.now());
      await repos.conversations.create(conv, hashToken(token));
      return { id: conv.id, token };
    },

    /**
     * The conversation this bearer token opens: 401 without a token, 403 with another's. Every
     * request the customer makes with the token (send, poll, hand-off, open the WebSocket …) goes
     * through here, so this is also where the customer counts as seen.
     */
    async authorize(id: string, token: string | undefined): Promise<Conversation> {
      if (!token) throw new AppError('ERR_UNAUTHORIZED', 'this route needs the conversation token as "Authorization: Bearer <token>"');
      const found = await repos.conversations.withTokenHash(id);
      if (found === null) throw new AppError('ERR_NOT_FOUND', `conversation ${id} does not exist`);
      if (!tokenMatches(token, found.tokenHash)) throw new AppError('ERR_FORBIDDEN', 'this token does not open this conversation');
      return seen(found.conversation);
    },

    async post(conv: Conversation, input: { text: string; clientMessageId: string }): Promise<PostResult> {
      if (conv.state === 'closed') throw new AppError('ERR_CONVERSATION_CLOSED', 'the conversation is closed; start a new one');
      const text = ctx.redact(input.text).text;
      const customer: MessageDraft = { author: 'customer', kind: 'text', text, clientMessageId: input.clientMessageId };
      let reply: Reply | null = null;
      let earlier: readonly string[] = [];
      if (conv.state === 'bot') {
        // Only the turns the engine reads: the cost of a message does not grow with the conversation.
        earlier = recent.at(conv.id, conv.lastSeq) ?? (conv.lastSeq === 0 ? [] : await repos.messages.customerTexts(conv.id, ctx.engine.turnsRead - 1));
        reply = ctx.engine.reply([...earlier, text]);
      }
      const drafts: MessageDraft[] = [customer];
      if (reply) {
        drafts.push({
          author: 'bot',
          kind: reply.kind,
          text: reply.text,
          options: reply.options,
          urgent: reply.urgent,
          sources: reply.sources,
          intent: reply.intent,
          errorCodes: reply.errorCodes,
          // An answer the customer could act on at once ("order a new code chip") offers it.
          actions: reply.kind === 'answer' && !reply.urgent ? (ctx.offers?.(reply.sources) ?? []) : [],
        });
      }
      // The bot's understanding is stored in the same transaction as the messages: one commit.
      const next = reply ? understood(conv, reply) : undefined;
      const stored = await repos.messages.append(conv.id, drafts, ctx.now(), next && { urgent: next.urgent, topic: next.topic, errorCodes: next.errorCodes, whileState: conv.state });
      const { messages, duplicate } = stored;
      const [message, ...replies] = messages;
      if (!message) throw new AppError('ERR_INTERNAL', 'the message was not stored');
      if (duplicate) return resume(conv, messages);
      if (reply) recent.keep(conv.id, earlier, message.text, conv.lastSeq, message.seq, messages.at(-1)!.seq);
      await publishMessages(ctx, conv.id, messages);
      let result: PostResult = { message: publicMessage(message), replies: replies.map(publicMessage) };
      if (reply) {
        // A state change by someone else in between wins; the understanding is then left as it was.
        const current = stored.understood ? next! : conv;
        if (reply.kind === 'handoff' && AUTO_HANDOFF.has(reply.intent)) {
          const h = await handoff(current, message.seq);
          result = { ...result, replies: [...result.replies, ...h.messages.map(publicMessage)], handoff: h.result };
        }
      }
      return result;
    },

    /** The messages after `after`, the state, and the name of the advisor who has (or, closed, had) the conversation. */
    async messages(conv: Conversation, after: number): Promise<{ state: ConversationState; advisorName: string | null; messages: PublicMessage[]; hasMore: boolean; next: number | null }> {
      const [advisorName, page] = await Promise.all([advisorNameOf(ctx, conv), repos.messages.page(conv.id, after)]);
      return { state: conv.state, advisorName, messages: page.messages.map(publicMessage), ...nextPage(page) };
    },

    async handoff(conv: Conversation): Promise<HandoffResult> {
      return (await handoff(conv)).result;
    },

    async leaveCallback(
      conv: Conversation,
      input: { name?: string | undefined; phone?: string | undefined; email?: string | undefined; message: string },
    ): Promise<CallbackRequest> {
      if (conv.state === 'closed') throw new AppError('ERR_CONVERSATION_CLOSED', 'the conversation is closed; start a new one');
      const callback = await repos.callbacks.add(
        {
          conversationId: conv.id,
          name: input.name ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          message: ctx.redact(input.message).text,
        },
        ctx.now(),
      );
      await append(conv, [{ author: 'system', kind: 'callback', text: ctx.texts.callback() }]);
      await ctx.bus.publish({ type: 'callback.created', callback });
      return callback;
    },

    async feedback(conv: Conversation, input: { seq: number; helped: boolean }): Promise<void> {
      const m = await repos.messages.get(conv.id, input.seq);
      if (!m) throw new AppError('ERR_NOT_FOUND', `message ${input.seq} does not exist in this conversation`);
      if (m.author !== 'bot') throw new AppError('ERR_VALIDATION', `message ${input.seq} is not a bot answer; feedback is for bot answers`);
      await repos.feedback.set(conv.id, input.seq, input.helped, ctx.now());
    },

    /**
     * "Kor nøgd var du?": asked once, after an advisor closed the conversation (a bot-only one is
     * measured by the answers' Ja/Nei instead). The comment is free text: stored redacted.
     */
    async csat(conv: Conversation, input: { score: number; comment?: string | undefined }): Promise<void> {
      if (conv.state !== 'closed' || !conv.advisorId) throw new AppError('ERR_INVALID_TRANSITION', 'satisfaction is asked once an advisor has closed the conversation');
      const comment = input.comment?.trim() ? ctx.redact(input.comment.trim()).text : null;
      if (!(await repos.csat.add(conv.id, input.score, comment, ctx.now()))) throw new AppError('ERR_ALREADY_ANSWERED', 'this conversation has already been rated');
    },

    /** The customer leaves: the conversation closes from bot or queue (not from an advisor's hands). */
    async close(conv: Conversation): Promise<{ state: ConversationState }> {
      if (conv.state === 'closed') return { state: 'closed' };
      const closed = transition(conv, { to: 'closed', outcome: conv.state === 'queued' ? 'abandoned' : 'customer-left' }, ctx.now());
      if (!(await repos.conversations.save(closed, conv.state))) throw new AppError('ERR_INVALID_TRANSITION', 'the conversation changed meanwhile; try again');
      await append(closed, [{ author: 'system', kind: 'closed', text: ctx.texts.closed() }]);
      await ctx.bus.publish({ type: 'conversation.state_changed', conversationId: conv.id, state: 'closed', advisorId: null, advisorName: null });
      if (conv.state === 'queued') await ctx.bus.publish({ type: 'queue.changed' });
      return { state: 'closed' };
    },

    /** Open now or not, the next closing and opening, the zone they are told in, and the clock they were read by. */
    openingHours(): OpeningTimes & { timeZone: string; now: Date } {
      const now = ctx.now();
      return { ...openingTimes(ctx.schedule, now), timeZone: ctx.schedule.timeZone, now };
    },

    async typing(conv: Conversation): Promise<void> {
      await ctx.bus.publish({ type: 'typing', conversationId: conv.id, author: 'customer' });
    },
  };
}
export type CustomerService = ReturnType<typeof customerService>;
