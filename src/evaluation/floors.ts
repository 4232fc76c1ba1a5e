// The answer-quality floors, read by CI (floor.test.ts) and by the quality check an approval of
// changed content runs (src/content/quality.ts). Raise as the engine improves; never lower one to
// make a change pass.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Floor {
  all: number;
  urgent: number;
  errorCodes: number;
}

const FLOORS: Record<string, Floor> = {
  'cases.jsonl': { all: 0.97, urgent: 1, errorCodes: 0.97 },
  'holdout.jsonl': { all: 0.95, urgent: 1, errorCodes: 0.95 },
};
/** Every blind set, once recorded, holds at least its first-time floor. */
const BLIND_FLOOR: Floor = { all: 0.92, urgent: 0.95, errorCodes: 0.9 };

/** The evaluation sets in `dir` (eval/) with their floors: the tuning set, holdout, then the blind sets. */
export function evaluationSets(dir = 'eval'): { name: string; file: string; floor: Floor }[] {
  let blind: string[] = [];
  try {
    blind = readdirSync(join(dir, 'blind')).filter((f) => f.endsWith('.jsonl')).sort();
  } catch {
    // an installation without the blind sets checks against the others
  }
  return [
    ...Object.keys(FLOORS).map((f) => ({ name: f.replace(/\.jsonl$/, ''), file: join(dir, f), floor: FLOORS[f]! })),
    ...blind.map((f) => ({ name: f.replace(/\.jsonl$/, ''), file: join(dir, 'blind', f), floor: BLIND_FLOOR })),
  ];
}
