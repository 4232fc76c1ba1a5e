import { describe, expect, it } from 'vitest';
import { Memo } from './memo.js';

describe('Memo', () => {
  it('makes a value once, keeps at most its capacity and drops the least recently used', () => {
    let made = 0;
    const memo = new Memo<string, number>(2);
    const make = (k: string) => (made++, k.length);
    expect(memo.get('a', make)).toBe(1);
    expect(memo.get('bb', make)).toBe(2);
    expect(memo.get('a', make)).toBe(1); // "a" is now the most recent
    memo.get('ccc', make); // pushes out "bb"
    expect(made).toBe(3);
    expect(memo.size).toBe(2);
    memo.get('a', make);
    expect(made).toBe(3);
    memo.get('bb', make);
    expect(made).toBe(4);
  });
});
