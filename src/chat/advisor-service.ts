// The advisor's side: the queue, the whole transcript with what the bot understood, claiming,
// writing, internal notes, transfer back to the queue, closing, and callback requests.
import { AppError } from './errors.js';
import { transition, type Conversation, type ConversationState, type TransitionInput } from './conversation.js';
import { advisorNameOf, nextPage, publishMessages, queueSnapshot, type ChatContext } from './context.js';
import type { ChatMessage, MessageDraft } from './messages.js';
import { shownName, type Advisor } from './repositories/advisors.js';
import type { CallbackRequest, Note } from './repositories/records.js';

export interface QueueEntry {
  id: string;
  state: ConversationState;
  /** Place in the queue; null for conversations this advisor already has. */
  position: number | null;
  urgent: boolean;
  waitingSince: string | null;
  topic: string | null;
  errorCodes: string[];
  estimatedWaitSeconds: number | null;
  /** Logged in with BankID in this conversation: "identitet stadfesta". */
  identified: boolean;
  /** Why an action handed the customer over ("Vil opne sperra BankID"), if one did. */
  reason: string | null;
}

/**
 * Who works conversations (the queue, transcripts, claims, messages, notes, callbacks): advisors
 * and admins. An analyst reads the dashboard only, an editor changes content only: transcripts and callback requests hold
 * customers' words and numbers, which the figures do not need.
 */
export function assertWorksConversations(advisor: Pick<Advisor, 'role'>): void {
  if (advisor.role !== 'advisor' && advisor.role !== 'admin') {
    throw new AppError('ERR_FORBIDDEN', `an ${advisor.role} account does not work conversations (analysts read /api/insight, editors change /api/content)`);
  }
}

export function advisorService(ctx: ChatContext) {
  const { repos } = ctx;

  async function load(id: string): Promise<Conversation> {
    const conv = await repos.conversations.get(id);
    if (!conv) throw new AppError('ERR_NOT_FOUND', `conversation ${id} does not exist`);
    return conv;
  }

  function assertOwner(advisor: Advisor, conv: Conversation): void {
    if (conv.state === 'closed') throw new AppError('ERR_CONVERSATION_CLOSED', 'the conversation is closed');
    if (conv.state !== 'advisor') throw new AppError('ERR_INVALID_TRANSITION', `the conversation is "${conv.state}"; claim it first`);
    if (conv.advisorId !== advisor.id && advisor.role !== 'admin') {
      throw new AppError('ERR_NOT_YOUR_CONVERSATION', 'another advisor has this conversation');
    }
  }

  /** Moves the conversation, or fails if someone else moved it first. `advisorName`: who has it after a claim. */
  async function move(conv: Conversation, input: TransitionInput, system: MessageDraft, advisorName: string | null = null): Promise<Conversation> {
    const next = transition(conv, input, ctx.now());
    if (!(await repos.conversations.save(next, conv.state))) {
      throw new AppError('ERR_INVALID_TRANSITION', 'someone else changed this conversation first; reload the queue');
    }
    const { messages } = await repos.messages.append(conv.id, [system], ctx.now());
    await ctx.bus.publish({
      type: 'conversation.state_changed',
      conversationId: conv.id,
      state: next.state,
      advisorId: next.advisorId,
      advisorName: next.state === 'queued' ? null : advisorName,
    });
    await publishMessages(ctx, conv.id, messages);
    if (conv.state === 'queued' || next.state === 'queued') await ctx.bus.publish({ type: 'queue.changed' });
    return next;
  }

  return {
    async queue(advisor: Advisor): Promise<{ conversations: QueueEntry[]; callbacks: CallbackRequest[] }> {
      assertWorksConversations(advisor);
      const [snapshot, queued, mine, callbacks] = await Promise.all([
        queueSnapshot(ctx),
        repos.conversations.queue(),
        repos.conversations.assignedTo(advisor.id),
        repos.callbacks.open(),
      ]);
      const identified = (await ctx.identified?.([...queued, ...mine].map((c) => c.id))) ?? new Map<string, { reason: string | null }>();
      const entry = (c: Conversation, position: number | null): QueueEntry => ({
        id: c.id,
        state: c.state,
        position,
        urgent: c.urgent,
        waitingSince: c.queuedAt?.toISOString() ?? null,
        topic: c.topic,
        errorCodes: c.errorCodes,
        estimatedWaitSeconds: position === null ? null : snapshot.waitFor(position),
        identified: identified.has(c.id),
        reason: identified.get(c.id)?.reason ?? null,
      });
      const waiting = queued.map((c) => entry(c, snapshot.positions.get(c.id) ?? null)).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      return { conversations: [...waiting, ...mine.map((c) => entry(c, null))], callbacks };
    },

    /** The whole transcript, what the bot understood, the internal notes and callback requests. */
    async view(by: Advisor, id: string): Promise<{ conversation: Conversation; messages: ChatMessage[]; notes: Note[]; callbacks: CallbackRequest[] }> {
      assertWorksConversations(by);
      const conversation = await load(id);
      const [messages, notes, callbacks] = await Promise.all([
        repos.messages.after(id, 0, 10_000),
        repos.notes.list(id),
        repos.callbacks.open(),
      ]);
      return { conversation, messages, notes, callbacks: callbacks.filter((c) => c.conversationId === id) };
    },

    async messagesAfter(by: Advisor, id: string, after: number): Promise<{ messages: ChatMessage[]; hasMore: boolean; next: number | null }> {
      assertWorksConversations(by);
      await load(id);
      const page = await repos.messages.page(id, after);
      return { messages: page.messages, ...nextPage(page) };
    },

    async claim(advisor: Advisor, id: string): Promise<Conversation> {
      assertWorksConversations(advisor);
      const conv = await load(id);
      if (conv.state === 'advisor' && conv.advisorId === advisor.id) return conv;
      return move(
        conv,
        { to: 'advisor', advisorId: advisor.id },
        { author: 'system', kind: 'claimed', text: ctx.texts.claimed(shownName(advisor)), advisorId: advisor.id },
        shownName(advisor),
      );
    },

    async send(advisor: Advisor, id: string, input: { text: string; clientMessageId: string }): Promise<{ message: ChatMessage }> {
      assertWorksConversations(advisor);
      const conv = await load(id);
      assertOwner(advisor, conv);
      const { messages, duplicate } = await repos.messages.append(
        id,
        [{ author: 'advisor', kind: 'text', text: input.text, clientMessageId: input.clientMessageId, advisorId: advisor.id }],
        ctx.now(),
      );
      if (!duplicate) await publishMessages(ctx, id, messages);
      return { message: messages[0]! };
    },

    async note(advisor: Advisor, id: string, text: string): Promise<Note> {
      assertWorksConversations(advisor);
      await load(id);
      const note = await repos.notes.add(id, advisor.id, text, ctx.now());
      await ctx.bus.publish({ type: 'note.created', conversationId: id, note });
      return note;
    },

    async transfer(advisor: Advisor, id: string): Promise<Conversation> {
      assertWorksConversations(advisor);
      const conv = await load(id);
      assertOwner(advisor, conv);
      return move(conv, { to: 'queued' }, { author: 'system', kind: 'transferred', text: ctx.texts.transferred() });
    },

    /**
     * Sends every conversation an advisor holds back to the queue, each with the "transferred"
     * notice (their account was deactivated: nobody would answer those customers). Returns the ids.
     */
    async releaseAll(advisorId: string): Promise<string[]> {
      const released: string[] = [];
      for (const conv of await repos.conversations.assignedTo(advisorId)) {
        try {
          await move(conv, { to: 'queued' }, { author: 'system', kind: 'transferred', text: ctx.texts.transferred() });
          released.push(conv.id);
        } catch (e) {
          // Closed or transferred by someone else meanwhile: nothing left to release.
          if (!(e instanceof AppError && e.code === 'ERR_INVALID_TRANSITION')) throw e;
        }
      }
      return released;
    },

    async close(advisor: Advisor, id: string, outcome: string): Promise<Conversation> {
      assertWorksConversations(advisor);
      const conv = await load(id);
      // The rule (README, "Security"): an advisor closes the conversations they have; one that
      // nobody has (with the bot, or queued) only an admin closes, e.g. spam in the queue.
      if (conv.state === 'advisor') assertOwner(advisor, conv);
      else if (conv.state !== 'closed' && advisor.role !== 'admin') {
        throw new AppError('ERR_FORBIDDEN', 'take the conversation first; only an admin closes one that nobody has');
      }
      return move(conv, { to: 'closed', outcome }, { author: 'system', kind: 'closed', text: ctx.texts.closed() }, await advisorNameOf(ctx, conv));
    },

    async typing(advisor: Advisor, id: string): Promise<void> {
      assertWorksConversations(advisor);
      const conv = await load(id);
      assertOwner(advisor, conv);
      await ctx.bus.publish({ type: 'typing', conversationId: id, author: 'advisor' });
    },

    async handleCallback(advisor: Advisor, callbackId: string): Promise<void> {
      assertWorksConversations(advisor);
      if (!(await repos.callbacks.markHandled(callbackId, advisor.id, ctx.now()))) {
        throw new AppError('ERR_NOT_FOUND', `no open callback request ${callbackId}`);
      }
    },
  };
}
export type AdvisorService = ReturnType<typeof advisorService>;
