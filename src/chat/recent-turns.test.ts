import { describe, expect, it } from 'vitest';
import { RecentTurns } from './recent-turns.js';

describe('RecentTurns', () => {
  it('answers only at the seq it was kept at, with the latest texts', () => {
    const t = new RecentTurns(2);
    t.keep('c', ['a', 'b'], 'c', 4, 5, 6);
    expect(t.at('c', 6)).toEqual(['b', 'c']);
    expect(t.at('c', 7)).toBeUndefined(); // something was written since
    expect(t.at('other', 6)).toBeUndefined();
  });

  it('forgets a conversation when another message came between the read and the store', () => {
    const t = new RecentTurns(3);
    t.keep('c', ['a'], 'b', 2, 3, 4);
    t.keep('c', ['a', 'b'], 'c', 4, 6, 7); // seq 5 was someone else's
    expect(t.at('c', 7)).toBeUndefined();
  });

  it('keeps a bounded number of conversations', () => {
    const t = new RecentTurns(1, 2);
    for (const id of ['a', 'b', 'c']) t.keep(id, [], id, 0, 1, 2);
    expect(t.at('a', 2)).toBeUndefined();
    expect(t.at('c', 2)).toEqual(['c']);
  });
});
