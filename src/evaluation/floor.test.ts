// The answer-quality floor: CI fails when an evaluation set scores below it. The floors read the
// kept-apart sets (holdout and the blind sets), which are never trained on; see eval/README.md.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { createEngine } from '../engine/index.js';
import { readCases } from './cases.js';
import { formatScore, score } from './score.js';

/** Raise as the engine improves; never lower it to make a change pass. */
const FLOORS: Record<string, { all: number; urgent: number; errorCodes: number }> = {
  'cases.jsonl': { all: 0.97, urgent: 1, errorCodes: 0.97 },
  'holdout.jsonl': { all: 0.95, urgent: 1, errorCodes: 0.95 },
};
/** Every blind set, once recorded, holds at least its first-time floor. */
const BLIND_FLOOR = { all: 0.92, urgent: 0.95, errorCodes: 0.9 };

const pack = loadContentPack('content');
const engine = createEngine(pack);
const sets = [
  ...Object.keys(FLOORS).map((f) => ({ file: `eval/${f}`, floor: FLOORS[f]! })),
  ...readdirSync('eval/blind')
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => ({ file: `eval/blind/${f}`, floor: BLIND_FLOOR })),
];

describe('evaluation floors', () => {
  it('the tuning set has at least 300 cases over every topic', () => {
    const cases = readCases('eval/cases.jsonl');
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const covered = new Set(cases.flatMap((c) => c.topics));
    expect(pack.topics.map((t) => t.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('no evaluation message is in the training corpus', () => {
    const trained = new Set(pack.training.map((e) => e.text.trim().toLowerCase()));
    const leaked = sets.flatMap(({ file }) => readCases(file).flatMap((c) => (c.turns ?? [c.message ?? '']).filter((m) => trained.has(m.trim().toLowerCase()) && m.length > 12)));
    expect(leaked).toEqual([]);
  });

  for (const { file, floor } of sets) {
    it(`${file}: at least ${floor.all * 100}% overall, ${floor.urgent * 100}% urgent, ${floor.errorCodes * 100}% error codes`, () => {
      const s = score(engine, readCases(file));
      const rate = (key: string) => {
        const [p, t] = s.groups.get(key) ?? [1, 1];
        return p / t;
      };
      if (rate('all') < floor.all || rate('expect:urgent') < floor.urgent) console.log(formatScore(s));
      expect(rate('all')).toBeGreaterThanOrEqual(floor.all);
      expect(rate('expect:urgent')).toBeGreaterThanOrEqual(floor.urgent);
      expect(rate('error-codes')).toBeGreaterThanOrEqual(floor.errorCodes);
    });
  }
});
