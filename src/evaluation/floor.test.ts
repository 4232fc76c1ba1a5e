// The answer-quality floor: CI fails when the project's own evaluation set scores below it.
import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { createEngine } from '../engine/index.js';
import { readCases } from './cases.js';
import { formatScore, score } from './score.js';

/** Raise as the engine improves; never lower it to make a change pass. */
const FLOOR = { all: 0.96, urgent: 0.95, errorCodes: 0.97 };
/** The second set (eval/holdout.jsonl), written apart from the first and used as a check on overfitting. */
const HOLDOUT_FLOOR = 0.88;

describe('evaluation set', () => {
  const cases = readCases('eval/cases.jsonl');
  const s = score(createEngine(loadContentPack('content')), cases);
  const rate = (key: string) => {
    const [p, t] = s.groups.get(key) ?? [0, 1];
    return p / t;
  };

  it('has at least 300 cases over every topic', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const covered = new Set(cases.flatMap((c) => c.topics));
    const missing = loadContentPack('content').topics.map((t) => t.id).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  it(`scores at least ${FLOOR.all * 100}% overall`, () => {
    if (rate('all') < FLOOR.all) console.log(formatScore(s));
    expect(rate('all')).toBeGreaterThanOrEqual(FLOOR.all);
    expect(rate('expect:urgent')).toBeGreaterThanOrEqual(FLOOR.urgent);
    expect(rate('error-codes')).toBeGreaterThanOrEqual(FLOOR.errorCodes);
  });
});

describe('second evaluation set', () => {
  it(`scores at least ${HOLDOUT_FLOOR * 100}%`, () => {
    const s = score(createEngine(loadContentPack('content')), readCases('eval/holdout.jsonl'));
    if (s.passed / s.total < HOLDOUT_FLOOR) console.log(formatScore(s));
    expect(s.passed / s.total).toBeGreaterThanOrEqual(HOLDOUT_FLOOR);
  });
});
