import { describe, expect, it } from 'vitest';
import { deliversTo, type ChatEvent, type Subscriber } from './events.js';
import type { ChatMessage } from './messages.js';

const customer: Subscriber = { kind: 'customer', conversationId: 'c1' };
const otherCustomer: Subscriber = { kind: 'customer', conversationId: 'c2' };
const watching: Subscriber = { kind: 'advisor', advisorId: 'a1', watching: new Set(['c1']) };
const notWatching: Subscriber = { kind: 'advisor', advisorId: 'a2', watching: new Set() };

const message = { seq: 1, author: 'customer', text: 'hei' } as ChatMessage;
const events: Record<string, ChatEvent> = {
  message: { type: 'message.created', conversationId: 'c1', message },
  note: { type: 'note.created', conversationId: 'c1', note: { id: 'n', conversationId: 'c1', advisorId: 'a1', text: 'intern', createdAt: '' } },
  state: { type: 'conversation.state_changed', conversationId: 'c1', state: 'advisor', advisorId: 'a1', advisorName: 'Kari' },
  customerTyping: { type: 'typing', conversationId: 'c1', author: 'customer' },
  advisorTyping: { type: 'typing', conversationId: 'c1', author: 'advisor' },
  queue: { type: 'queue.changed' },
  callback: {
    type: 'callback.created',
    callback: { id: 'cb', conversationId: 'c1', name: null, phone: '1', email: null, message: 'm', createdAt: '', handledAt: null, handledBy: null },
  },
  signedOut: { type: 'advisor.signed_out', advisorId: 'a1' },
};

describe('deliversTo', () => {
  it('never gives an internal note or a callback request to any customer', () => {
    expect(deliversTo(events.note!, customer)).toBe(false);
    expect(deliversTo(events.note!, otherCustomer)).toBe(false);
    expect(deliversTo(events.callback!, customer)).toBe(false);
  });

  it('gives a customer only their own conversation, and the other side’s typing', () => {
    expect(deliversTo(events.message!, customer)).toBe(true);
    expect(deliversTo(events.message!, otherCustomer)).toBe(false);
    expect(deliversTo(events.state!, customer)).toBe(true);
    expect(deliversTo(events.advisorTyping!, customer)).toBe(true);
    expect(deliversTo(events.customerTyping!, customer)).toBe(false);
  });

  it('gives advisors the conversations they watch, and the queue to all', () => {
    for (const key of ['message', 'note', 'state', 'customerTyping'] as const) {
      expect(deliversTo(events[key]!, watching)).toBe(true);
      expect(deliversTo(events[key]!, notWatching)).toBe(false);
    }
    expect(deliversTo(events.advisorTyping!, watching)).toBe(false);
    expect(deliversTo(events.queue!, notWatching)).toBe(true);
    expect(deliversTo(events.callback!, notWatching)).toBe(true);
  });

  it('tells only the advisor whose sessions ended, never a customer', () => {
    expect(deliversTo(events.signedOut!, watching)).toBe(true);
    expect(deliversTo(events.signedOut!, notWatching)).toBe(false);
    expect(deliversTo(events.signedOut!, customer)).toBe(false);
  });
});
