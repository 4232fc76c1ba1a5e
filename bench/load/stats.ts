// Figures for the load benchmark's table.
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** One timed phase of one server. */
export interface PhaseResult {
  perSecond: number;
  p50: number;
  p99: number;
  p999: number;
  cpuMsPerMessage: number;
  rssMB: number;
  /** Event-loop lag p99 in ms, where the server reports it. */
  lagP99?: number;
  lost: number;
  doubled: number;
}

/** The median of each figure over rounds (lost and doubled: summed — any one is a failure). */
export function medianOf(rounds: readonly PhaseResult[]): PhaseResult {
  const m = (f: (r: PhaseResult) => number | undefined) => {
    const xs = rounds.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  return {
    perSecond: m((r) => r.perSecond)!,
    p50: m((r) => r.p50)!,
    p99: m((r) => r.p99)!,
    p999: m((r) => r.p999)!,
    cpuMsPerMessage: m((r) => r.cpuMsPerMessage)!,
    rssMB: m((r) => r.rssMB)!,
    ...(m((r) => r.lagP99) !== undefined ? { lagP99: m((r) => r.lagP99)! } : {}),
    lost: rounds.reduce((s, r) => s + r.lost, 0),
    doubled: rounds.reduce((s, r) => s + r.doubled, 0),
  };
}
