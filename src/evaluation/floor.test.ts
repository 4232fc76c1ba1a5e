// The answer-quality floor: CI fails when an evaluation set scores below it. The floors read the
// kept-apart sets (holdout and the blind sets), which are never trained on; see eval/README.md.
import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { createEngine } from '../engine/index.js';
import { readCases } from './cases.js';
import { evaluationSets } from './floors.js';
import { formatScore, score } from './score.js';

const pack = loadContentPack('content');
const engine = createEngine(pack);
const sets = evaluationSets('eval');

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
