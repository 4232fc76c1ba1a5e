// Answer-engine benchmark: per-message latency (p50/p99), index build time and memory, on the
// bank's content and on a generated knowledge base of 10,000 topics. Prints its figures; it is
// not a test. Run on one core: `taskset -c 0 npm run bench`.
import { performance } from 'node:perf_hooks';
import { loadContentPack, type ContentPack, type Topic } from '../src/content/index.js';
import { createEngine } from '../src/engine/index.js';
import { readCases, turnsOf } from '../src/evaluation/cases.js';

const pack = loadContentPack('content');
const messages = readCases('eval/cases.jsonl').map(turnsOf);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(name: string, p: ContentPack, rounds: number): void {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const engine = createEngine(p);
  const buildMs = performance.now() - t0;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  for (const m of messages.slice(0, 50)) engine.reply(m); // warm up the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of messages) {
      const s = performance.now();
      engine.reply(m);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} topics ${String(p.topics.length).padStart(6)}  build ${buildMs.toFixed(0).padStart(5)} ms  heap ${heapMb.toFixed(1).padStart(6)} MB  ` +
      `answer p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms  (${times.length} replies)`,
  );
}

/** 10,000 topics made from the bank's own, with words shuffled and numbered, so the vocabulary grows realistically. */
function generated(n: number): ContentPack {
  const base = pack.topics.filter((t) => t.kind === 'topic');
  const words = base.flatMap((t) => `${t.title} ${t.phrasings.join(' ')} ${t.answer}`.split(/\s+/)).filter((w) => w.length > 3);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = (k: number) => Array.from({ length: k }, () => words[Math.floor(rand() * words.length)]!).join(' ');
  const topics: Topic[] = [...pack.topics];
  for (let i = 0; i < n - pack.topics.length; i++) {
    const t = base[i % base.length]!;
    topics.push({
      ...t,
      id: `gen-${i}`,
      title: `${pick(5)} emne${i}`,
      phrasings: [pick(6), pick(6), pick(6)],
      keywords: [pick(1), `nøkkel${i}`],
      answer: `${pick(60)} svar${i}`,
      related: [],
    });
  }
  return { ...pack, topics };
}

measure("bank's content", pack, 20);
measure('generated, 10,000 topics', generated(10_000), 2);
