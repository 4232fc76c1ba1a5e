import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  canTransition,
  conversationStates,
  newConversation,
  transition,
  type ConversationState,
} from './conversation.js';
import { AppError } from './errors.js';

const t0 = new Date('2026-11-24T09:00:00Z');
const t1 = new Date('2026-11-24T09:01:00Z');
const t2 = new Date('2026-11-24T09:05:00Z');
const t3 = new Date('2026-11-24T09:20:00Z');

describe('conversation lifecycle', () => {
  it('allows exactly the transitions of the issue, plus transfer back to the queue', () => {
    const allowed = conversationStates.flatMap((from) =>
      conversationStates.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      ['bot->queued', 'bot->closed', 'queued->advisor', 'queued->closed', 'advisor->closed', 'advisor->queued'].sort(),
    );
  });

  it('records a timestamp for each step of the happy path', () => {
    let c = newConversation('c1', t0);
    expect(c.state).toBe('bot');
    c = transition(c, { to: 'queued' }, t1);
    expect(c).toMatchObject({ state: 'queued', queuedAt: t1, claimedAt: null });
    c = transition(c, { to: 'advisor', advisorId: 'a1' }, t2);
    expect(c).toMatchObject({ state: 'advisor', advisorId: 'a1', claimedAt: t2 });
    c = transition(c, { to: 'closed', outcome: 'solved' }, t3);
    expect(c).toMatchObject({ state: 'closed', outcome: 'solved', closedAt: t3, createdAt: t0 });
  });

  it('a transfer back to the queue clears the advisor and restarts the wait', () => {
    let c = transition(newConversation('c1', t0), { to: 'queued' }, t1);
    c = transition(c, { to: 'advisor', advisorId: 'a1' }, t2);
    c = transition(c, { to: 'queued' }, t3);
    expect(c).toMatchObject({ state: 'queued', advisorId: null, claimedAt: null, queuedAt: t3 });
  });

  it('does not mutate the conversation it is given', () => {
    const c = newConversation('c1', t0);
    transition(c, { to: 'queued' }, t1);
    expect(c.state).toBe('bot');
    expect(c.queuedAt).toBeNull();
  });

  it.each<[ConversationState, ConversationState, string]>([
    ['bot', 'advisor', 'ERR_INVALID_TRANSITION'],
    ['queued', 'bot', 'ERR_INVALID_TRANSITION'],
    ['advisor', 'bot', 'ERR_INVALID_TRANSITION'],
    ['closed', 'queued', 'ERR_CONVERSATION_CLOSED'],
    ['closed', 'closed', 'ERR_CONVERSATION_CLOSED'],
  ])('refuses %s -> %s with %s', (from, to, code) => {
    expect(() => assertTransition(from, to)).toThrowError(AppError);
    try {
      assertTransition(from, to);
    } catch (e) {
      expect((e as AppError).code).toBe(code);
      expect((e as AppError).message).toContain(`"${from}"`);
    }
  });
});
