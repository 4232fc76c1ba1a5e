import { describe, expect, it } from 'vitest';
import { conversationFacts, type RawConversation, type RawMessage } from './facts.js';

const conv = (over: Partial<RawConversation> = {}): RawConversation => ({
  id: 'c',
  createdAt: '2026-03-10T08:00:00.000Z',
  state: 'closed',
  outcome: 'idle',
  advisorId: null,
  queuedAt: null,
  claimedAt: null,
  closedAt: '2026-03-10T09:00:00.000Z',
  ...over,
});
let seq = 0;
const msg = (author: string, kind: string, over: Partial<RawMessage> = {}): RawMessage => ({ conversationId: 'c', seq: ++seq, author, kind, text: '', replyTo: null, intent: null, sources: [], ...over });
const none = { feedback: [], csat: [], callbacks: [] };

describe('what a conversation counts as', () => {
  it('is contained when closed by the bot alone', () => {
    expect(conversationFacts(conv(), [msg('customer', 'text', { text: 'Eg har gløymt passordet' })], none)).toMatchObject({ contained: true, handoff: null, language: 'nn', hour: 9 });
  });

  it('is not contained once an advisor had it, even after a transfer back cleared claimed_at', () => {
    seq = 0;
    const m = [msg('customer', 'text'), msg('bot', 'handoff', { intent: 'human', replyTo: 1 }), msg('system', 'queued'), msg('system', 'claimed'), msg('system', 'queued')];
    expect(conversationFacts(conv({ queuedAt: '2026-03-10T08:30:00.000Z', outcome: 'spam' }), m, none)).toMatchObject({ contained: false, handoff: 'human' });
  });

  it('is not contained with a callback request, nor when abandoned in the queue, nor while open', () => {
    expect(conversationFacts(conv(), [], { ...none, callbacks: [{ conversationId: 'c', handled: false }] }).contained).toBe(false);
    expect(conversationFacts(conv({ outcome: 'abandoned', queuedAt: '2026-03-10T08:30:00.000Z' }), [], none)).toMatchObject({ contained: false, abandoned: true, handoff: 'other' });
    expect(conversationFacts(conv({ state: 'bot', closedAt: null }), [], none).contained).toBe(false);
  });

  it('takes the hand-over reason from the bot’s last hand-over before the queue', () => {
    seq = 0;
    const m = [
      msg('customer', 'text'),
      msg('bot', 'handoff', { intent: 'not-covered', replyTo: 1 }),
      msg('customer', 'text'),
      msg('bot', 'handoff', { intent: 'off-topic', replyTo: 3 }),
      msg('system', 'queued'),
      msg('bot', 'handoff', { intent: 'urgent' }),
    ];
    expect(conversationFacts(conv({ queuedAt: '2026-03-10T08:30:00.000Z' }), m, none).handoff).toBe('other'); // off-topic is not in the list
    expect(conversationFacts(conv({ queuedAt: '2026-03-10T08:30:00.000Z' }), m.slice(0, 2).concat(m[4]!), none).handoff).toBe('not-covered');
  });

  it('lists each unanswered question once, from a not-covered / no-match hand-over or a "Nei"', () => {
    seq = 0;
    const m = [
      msg('customer', 'text', { text: 'første' }),
      msg('bot', 'handoff', { intent: 'no-match', replyTo: 1 }),
      msg('customer', 'text', { text: 'andre' }),
      msg('bot', 'answer', { intent: 'topic', sources: ['t1', 't2'], replyTo: 3 }),
      msg('customer', 'text', { text: 'tredje' }),
      msg('bot', 'handoff', { intent: 'human', replyTo: 5 }),
    ];
    const f = conversationFacts(conv(), m, { ...none, feedback: [{ conversationId: 'c', seq: 4, helped: false }, { conversationId: 'c', seq: 2, helped: false }] });
    expect(f.unanswered).toEqual(['første', 'andre']);
    expect(f.votes).toEqual([{ topicId: 't1', helped: false }]); // the no-match reply has no topic
  });

  it('measures the wait and the handling, and ignores times that run backwards', () => {
    const f = conversationFacts(conv({ advisorId: 'a', queuedAt: '2026-03-10T08:00:00.000Z', claimedAt: '2026-03-10T08:01:30.000Z', closedAt: '2026-03-10T08:11:30.000Z' }), [], none);
    expect(f).toMatchObject({ waitSeconds: 90, handled: { advisorId: 'a', seconds: 600 } });
    expect(conversationFacts(conv({ advisorId: 'a', queuedAt: '2026-03-10T09:00:00.000Z', claimedAt: '2026-03-10T08:00:00.000Z', closedAt: '2026-03-10T07:00:00.000Z' }), [], none)).toMatchObject({ waitSeconds: null, handled: null });
  });
});
