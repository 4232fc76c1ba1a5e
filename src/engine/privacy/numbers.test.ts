import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiiKind, Span } from './pii.js';
import { asciiDigits, findNumbers, isAccountNumber, isLuhnValid, isNationalId } from './numbers.js';

/** The scan as first written (two matchAll per run, every run tried): the rewrite must agree with it. */
function reference(text: string): Span[] {
  const classify = (digits: string): PiiKind | null => {
    if (digits.length === 11) {
      if (isAccountNumber(digits)) return isNationalId(digits) ? 'national-id' : 'account-number';
    } else if (digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) return 'card-number';
    return null;
  };
  const spans: Span[] = [];
  for (const run of asciiDigits(text).matchAll(/\d+(?:[\s.\-/_\u00a0\u2009\u202f\u2010-\u2015]{1,3}\d+)*/g)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ start: run.index + g.index, digits: g[0] }));
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length <= 19; j++) {
        digits += groups[j]!.digits;
        const kind = classify(digits);
        if (kind) spans.push({ start: groups[i]!.start, end: groups[j]!.start + groups[j]!.digits.length, kind });
      }
    }
  }
  return spans;
}

// Pieces that make numbers, near-numbers and the separators between them likely.
const pieces = ['0', '1', '4', '7', '9', '15068712375', '4111 1111 1111 1111', '1234.56.78903', '010190', '12345', '86011117947', ' ', '.', '-', '/', '_', '\u00a0', '\u2010', '  ', ' - ', 'a', 'kort', '\n', '١', '１', '٣'];
const texts = fc.oneof(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')), fc.string({ maxLength: 60 }));

describe('findNumbers', () => {
  it('finds exactly what the first scan found, on any text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(findNumbers(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the numbers in the usual ways of writing them, and nothing in short ones', () => {
    expect(findNumbers('fnr 150687 12375 og kort 4111-1111-1111-1111').map((s) => s.kind)).toContain('card-number');
    expect(findNumbers('BID-14B1, kode 1234, 0193b2c4-5d6e-7f80')).toEqual([]);
  });
});
