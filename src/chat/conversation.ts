// The conversation lifecycle in one place: states, the transition table, and a timestamp per step.
//
//   bot ──► queued ──► advisor ──► closed
//    │        │  ▲        │
//    │        │  └────────┘  (an advisor transfers it back to the queue)
//    └────────┴──► closed     (solved by the bot, or abandoned while waiting)
import { AppError } from './errors.js';

export const conversationStates = ['bot', 'queued', 'advisor', 'closed'] as const;
export type ConversationState = (typeof conversationStates)[number];

export const transitions: Readonly<Record<ConversationState, readonly ConversationState[]>> = Object.freeze({
  bot: ['queued', 'closed'],
  queued: ['advisor', 'closed'],
  advisor: ['queued', 'closed'],
  closed: [],
});

export interface Conversation {
  id: string;
  state: ConversationState;
  /** The bot saw fraud or risk right now; urgent conversations are served first. */
  urgent: boolean;
  /** What the bot understood last: the topic id and the error codes it found. */
  topic: string | null;
  errorCodes: string[];
  advisorId: string | null;
  outcome: string | null;
  createdAt: Date;
  /** When the conversation last entered the queue (reset by a transfer back). */
  queuedAt: Date | null;
  claimedAt: Date | null;
  closedAt: Date | null;
  /**
   * When the customer was last seen (any request with the token, an open WebSocket), at most a
   * minute stale. Presence, not lifecycle: `transition` keeps it, and saving a conversation never
   * writes it (only the repository's `touchCustomer` does), so a save cannot move it back.
   */
  customerSeenAt: Date | null;
  /** The seq of the latest message when this was read (only appending messages moves it). */
  lastSeq: number;
}

export function canTransition(from: ConversationState, to: ConversationState): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: ConversationState, to: ConversationState): void {
  if (!canTransition(from, to)) {
    const allowed = transitions[from];
    throw new AppError(
      from === 'closed' ? 'ERR_CONVERSATION_CLOSED' : 'ERR_INVALID_TRANSITION',
      `a conversation in state "${from}" cannot move to "${to}"` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is closed)'),
    );
  }
}

export type TransitionInput =
  | { to: 'queued' }
  | { to: 'advisor'; advisorId: string }
  | { to: 'closed'; outcome: string };

/** Returns the conversation after the step, with that step's timestamp set; `at` is the clock. */
export function transition(conv: Conversation, input: TransitionInput, at: Date): Conversation {
  assertTransition(conv.state, input.to);
  switch (input.to) {
    case 'queued':
      return { ...conv, state: 'queued', queuedAt: at, advisorId: null, claimedAt: null };
    case 'advisor':
      return { ...conv, state: 'advisor', advisorId: input.advisorId, claimedAt: at };
    case 'closed':
      return { ...conv, state: 'closed', outcome: input.outcome, closedAt: at };
  }
}

export function newConversation(id: string, at: Date): Conversation {
  return {
    id,
    state: 'bot',
    urgent: false,
    topic: null,
    errorCodes: [],
    advisorId: null,
    outcome: null,
    createdAt: at,
    queuedAt: null,
    claimedAt: null,
    closedAt: null,
    customerSeenAt: at, // the customer has just opened it
    lastSeq: 0,
  };
}
