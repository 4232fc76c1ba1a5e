// Sweeps the engine's tuning over the project's own evaluation set and prints the best settings.
// Usage: npx tsx bench/tune.ts [cases.jsonl]. The external set is not used here: it stays a check.
import { loadContentPack } from '../src/content/index.js';
import { createEngine } from '../src/engine/index.js';
import { DEFAULT_TUNING, type Tuning } from '../src/engine/tuning.js';
import { readCases } from '../src/evaluation/cases.js';
import { score } from '../src/evaluation/score.js';

const pack = loadContentPack('content');
const cases = (process.argv.length > 2 ? process.argv.slice(2) : ['eval/cases.jsonl']).flatMap((f) => readCases(f));
const grid: Partial<Record<keyof Tuning, number[]>> = {
  unknownWeight: [0.1, 0.25, 0.5, 1],
  queryInMatch: [0.3, 0.5],
  minScore: [0.2, 0.25],
  vagueMatch: [0.7, 0.8],
};
const keys = Object.keys(grid) as (keyof Tuning)[];
const results: { tuning: Partial<Tuning>; passed: number }[] = [];
function walk(i: number, acc: Partial<Tuning>): void {
  if (i === keys.length) {
    results.push({ tuning: acc, passed: score(createEngine(pack, acc), cases).passed });
    return;
  }
  for (const v of grid[keys[i]!]!) walk(i + 1, { ...acc, [keys[i]!]: v });
}
walk(0, {});
results.sort((a, b) => b.passed - a.passed);
console.log(`default: ${score(createEngine(pack, DEFAULT_TUNING), cases).passed}/${cases.length}`);
for (const r of results.slice(0, 10)) console.log(`${r.passed}/${cases.length}`, JSON.stringify(r.tuning));
