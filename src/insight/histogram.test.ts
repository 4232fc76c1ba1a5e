import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, percentile } from './histogram.js';

describe('duration histograms', () => {
  it('cuts a duration to two significant digits', () => {
    expect([0, 0.9, 5, 45, 99, 100, 137, 999, 1234, 59_999, 86_400].map(bucketOf)).toEqual([0, 0, 5, 45, 99, 100, 130, 990, 1200, 59_000, 86_000]);
    expect([-1, NaN, Infinity].map(bucketOf)).toEqual([null, null, null]);
  });

  it('is at most 10 % below the duration, and exact below 100 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => {
        const b = bucketOf(s)!;
        expect(b).toBeLessThanOrEqual(s);
        if (s < 100) expect(b).toBe(s);
        else expect(s - b).toBeLessThan(0.1 * b + 1e-9);
      }),
    );
  });

  it('reads the nearest-rank percentile of the summed histogram', () => {
    expect(percentile([[5, 1], [20, 1], [45, 1], [130, 1]], 50)).toBe(20);
    expect(percentile([[5, 1], [20, 1], [45, 1], [130, 1]], 90)).toBe(130);
    expect(percentile([], 50)).toBeNull();
    // Against sorting every observation
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 200 }), fc.constantFrom(50, 90, 99), (xs, p) => {
        const h = new Map<number, number>();
        for (const x of xs) h.set(bucketOf(x)!, (h.get(bucketOf(x)!) ?? 0) + 1);
        const sorted = xs.map((x) => bucketOf(x)!).sort((a, b) => a - b);
        expect(percentile(h, p)).toBe(sorted[Math.ceil((p / 100) * sorted.length) - 1]);
      }),
    );
  });
});
