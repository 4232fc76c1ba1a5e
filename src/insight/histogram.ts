// Durations as histograms, so percentiles over any period are read from the sum of the days'
// histograms instead of averaging daily percentiles (which is wrong across days of unequal
// volume). A bucket is the duration cut to two significant digits, in whole seconds: 0–99 s
// exact, 100–990 s in steps of 10, 1,000–9,900 s in steps of 100, and so on. A percentile is
// reported as its bucket's lower edge: exact below 100 s, and at most 10 % low above (1 % at the
// top of each decade). Fewer than 400 buckets exist below a day, so a day keeps few rows.

/** The bucket (its lower edge, seconds) a duration falls in; negative durations are none. */
export function bucketOf(seconds: number): number | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.floor(seconds);
  if (s < 100) return s;
  const step = 10 ** (Math.floor(Math.log10(s)) - 1);
  return Math.floor(s / step) * step;
}

/**
 * The nearest-rank percentile of a histogram: the smallest bucket at or below which at least
 * `percent` % of the observations lie (integers, so no rounding decides it). Null for an empty
 * histogram. The SQL in queries.ts computes the same with a window sum; this is the reference its
 * tests hold it to.
 */
export function percentile(histogram: ReadonlyMap<number, number> | readonly [number, number][], percent: number): number | null {
  const entries = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [bucket, n] of entries) {
    seen += n;
    if (seen * 100 >= percent * total) return bucket;
  }
  return entries.at(-1)![0];
}
