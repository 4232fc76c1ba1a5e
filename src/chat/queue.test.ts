import { describe, expect, it } from 'vitest';
import { newConversation, transition, type Conversation } from './conversation.js';
import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, positions } from './queue.js';

const queued = (id: string, minute: number, urgent = false): Conversation => ({
  ...transition(newConversation(id, new Date(0)), { to: 'queued' }, new Date(minute * 60_000)),
  urgent,
});

describe('queue', () => {
  it('serves urgent conversations first, then the longest waiting, then by id', () => {
    const p = positions([queued('c', 3), queued('b', 1), queued('u', 9, true), queued('a', 3)]);
    expect([...p.entries()]).toEqual([
      ['u', 1],
      ['b', 2],
      ['a', 3],
      ['c', 4],
    ]);
  });

  it('estimates the wait from the default until enough conversations were handled', () => {
    expect(estimateWaitSeconds(1, [], 1)).toBe(DEFAULT_HANDLE_SECONDS);
    expect(estimateWaitSeconds(2, [60, 60, 60, 60], 1)).toBe(2 * DEFAULT_HANDLE_SECONDS);
    expect(estimateWaitSeconds(3, [60, 120, 60, 120, 90], 1)).toBe(270);
    expect(estimateWaitSeconds(3, [60, 120, 60, 120, 90], 3)).toBe(90);
    expect(estimateWaitSeconds(1, [], 0)).toBe(DEFAULT_HANDLE_SECONDS);
  });
});
