// Answer-engine benchmark: per-message latency (p50/p99) of the engine and, in the same run, of
// NLP.js trained on the same corpus (the reference); the model's training time, cached start and
// size. Prints its figures; it is not a test. Run on one core: `taskset -c 0 npm run bench`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContentPack } from '../src/content/index.js';
import { createEngine } from '../src/engine/index.js';
import { trainModel } from '../src/engine/model/index.js';
import { trainingTexts } from '../src/engine/model/classifier.js';
import { createReader } from '../src/engine/reading.js';
import { DEFAULT_TUNING } from '../src/engine/tuning.js';
import { readCases, turnsOf } from '../src/evaluation/cases.js';
import { percentile } from './load/stats.js';
import { trainNlpJs } from './nlpjs.js';

const pack = loadContentPack('content');
const messages = readCases('eval/cases.jsonl').map(turnsOf);
const cacheDir = mkdtempSync(join(tmpdir(), 'kundesenter-bench-'));


async function latency(name: string, answer: (turns: string[]) => unknown, rounds: number): Promise<void> {
  for (const m of messages.slice(0, 50)) await answer(m); // warm up the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of messages) {
      const s = performance.now();
      await answer(m);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms  (${times.length} replies)`);
}

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let t = performance.now();
const trained = trainModel(pack, createReader(pack, DEFAULT_TUNING), { cacheDir });
const trainMs = performance.now() - t;
t = performance.now();
const engine = createEngine(pack, { model: trainModel(pack, createReader(pack, DEFAULT_TUNING), { cacheDir }) });
// The same engine without its memo of recent readings: every message read as if new, which is
// what a first turn costs (the bench repeats its messages, which the memo would answer for free).
const cold = createEngine(pack, { model: engine.model, readingsKept: 0 });
const cachedMs = performance.now() - t;
global.gc?.();
const size = trained.classifier.size!;
console.log(
  `model: ${trainingTexts(pack).length} examples, ${trained.classifier.labels.length} labels, ${size.features} features, ${(size.bytes / 1e6).toFixed(1)} MB of weights; ` +
    `trained in ${trainMs.toFixed(0)} ms, engine from the cached artifact in ${cachedMs.toFixed(0)} ms; heap ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB`,
);

// The reference, in the same run: NLP.js on the same corpus.
const { nlp, trainingMs: nlpMs } = await trainNlpJs(pack);
console.log(`NLP.js trained in ${nlpMs.toFixed(0)} ms`);

await latency("engine, every message new", (turns) => cold.reply(turns), 20);
await latency('engine, recent readings kept', (turns) => engine.reply(turns), 20);
await latency('NLP.js (same corpus, reference)', (turns) => nlp.process('no', turns.at(-1)!), 5);
