// The quality check a change of content gets before it is published: the engine built on the
// published content and on the content with the change, each scored on every evaluation set and
// cross-validated on its training corpus; the report shows the difference overall, per topic and
// message by message. CPU-heavy (two models and the folds): it runs in a worker (jobs.ts).
import { createReader } from '../engine/reading.js';
import { createEngine, type Engine, type Reply } from '../engine/index.js';
import { readCorpus } from '../engine/model/index.js';
import { crossValidate } from '../engine/model/crossval.js';
import { DEFAULT_CLASSIFIER, labelsOf } from '../engine/model/classifier.js';
import { DEFAULT_TUNING } from '../engine/tuning.js';
import { readCases, turnsOf, type EvalCase } from '../evaluation/cases.js';
import { evaluationSets, type Floor } from '../evaluation/floors.js';
import { judge } from '../evaluation/score.js';
import { servedPack } from './drafts.js';
import type { ContentFiles } from './files.js';
import { contentPackOf } from './loader.js';
import type { ContentPack } from './types.js';

export interface Rates {
  all: number;
  urgent: number;
  errorCodes: number;
  passed: number;
  total: number;
}

export interface ReplySummary {
  kind: Reply['kind'];
  sources: string[];
  text: string;
}

export interface QualityReport {
  /** Each evaluation set before and after, and whether the change takes it below its floor. */
  sets: { name: string; cases: number; before: Rates; after: Rates; floor: Floor; belowFloor: boolean }[];
  /** Topics whose cases score differently after the change. */
  topics: { topic: string; before: [number, number]; after: [number, number] }[];
  /** Evaluation messages whose reply changed (kind, topics or text), the first ones of them. */
  changed: { set: string; id: string; message: string; before: ReplySummary; after: ReplySummary }[];
  changedCount: number;
  /** Out-of-fold accuracy on the training corpus (folds of writers, never the evaluation sets). */
  crossValidation: { folds: number; before: number; after: number; labels: { label: string; before: number; after: number }[] };
  belowFloor: boolean;
  ms: number;
}

export interface QualityInput {
  before: ContentFiles;
  after: ContentFiles;
  evalDir: string;
  serveDrafts: boolean;
  /** Writers are grouped into this many folds (the calibration holds out each writer; too slow here). */
  folds?: number;
}

const SHOWN_CHANGES = 60;

export function qualityCheck(input: QualityInput): QualityReport {
  const started = performance.now();
  const before = servedPack(contentPackOf(input.before), input.serveDrafts);
  const after = servedPack(contentPackOf(input.after), input.serveDrafts);
  const engines = { before: createEngine(before), after: createEngine(after) };
  const sets: QualityReport['sets'] = [];
  const perTopic = new Map<string, { before: [number, number]; after: [number, number] }>();
  const changed: QualityReport['changed'] = [];
  let changedCount = 0;
  for (const set of evaluationSets(input.evalDir)) {
    let cases: EvalCase[];
    try {
      cases = readCases(set.file);
    } catch {
      continue; // a set that is not there is not scored
    }
    const tally = { before: tallies(), after: tallies() };
    for (const c of cases) {
      const replies = { before: replyOf(engines.before, c), after: replyOf(engines.after, c) };
      for (const side of ['before', 'after'] as const) {
        const ok = !judge(c, replies[side]);
        add(tally[side], c, ok);
        const topic = c.topics[0] ?? `(${c.expect})`;
        const t = perTopic.get(topic) ?? { before: [0, 0], after: [0, 0] };
        t[side][0] += ok ? 1 : 0;
        t[side][1] += 1;
        perTopic.set(topic, t);
      }
      const [b, a] = [summary(replies.before), summary(replies.after)];
      if (JSON.stringify(b) !== JSON.stringify(a)) {
        changedCount++;
        if (changed.length < SHOWN_CHANGES) changed.push({ set: set.name, id: c.id, message: turnsOf(c).join(' ⏎ '), before: b, after: a });
      }
    }
    const rates = { before: ratesOf(tally.before), after: ratesOf(tally.after) };
    const belowFloor = rates.after.all < set.floor.all || rates.after.urgent < set.floor.urgent || rates.after.errorCodes < set.floor.errorCodes;
    sets.push({ name: set.name, cases: cases.length, ...rates, floor: set.floor, belowFloor });
  }
  const cv = { before: crossValidation(before, input.folds ?? 3), after: crossValidation(after, input.folds ?? 3) };
  const labels = [...new Set([...cv.before.perLabel.keys(), ...cv.after.perLabel.keys()])]
    .map((label) => ({ label, before: cv.before.perLabel.get(label) ?? 0, after: cv.after.perLabel.get(label) ?? 0 }))
    .filter((l) => Math.abs(l.before - l.after) >= 0.005)
    .sort((x, y) => x.after - x.before - (y.after - y.before));
  return {
    sets,
    topics: [...perTopic].filter(([, t]) => t.before[0] !== t.after[0] || t.before[1] !== t.after[1]).map(([topic, t]) => ({ topic, ...t })),
    changed,
    changedCount,
    crossValidation: { folds: input.folds ?? 3, before: cv.before.accuracy, after: cv.after.accuracy, labels },
    belowFloor: sets.some((s) => s.belowFloor),
    ms: Math.round(performance.now() - started),
  };
}

function replyOf(engine: Engine, c: EvalCase): Reply {
  return engine.reply(turnsOf(c));
}

function summary(r: Reply): ReplySummary {
  return { kind: r.kind, sources: [...r.sources], text: r.text };
}

type Tally = Record<'all' | 'urgent' | 'errorCodes', [number, number]>;
const tallies = (): Tally => ({ all: [0, 0], urgent: [0, 0], errorCodes: [0, 0] });

function add(t: Tally, c: EvalCase, ok: boolean): void {
  const bump = (k: keyof Tally) => {
    t[k][0] += ok ? 1 : 0;
    t[k][1] += 1;
  };
  bump('all');
  if (c.expect === 'urgent') bump('urgent');
  if (c.topics.length && c.topics.every((x) => x.startsWith('bid-'))) bump('errorCodes');
}

function ratesOf(t: Tally): Rates {
  const rate = ([p, n]: [number, number]) => (n ? p / n : 1);
  return { all: rate(t.all), urgent: rate(t.urgent), errorCodes: rate(t.errorCodes), passed: t.all[0], total: t.all[1] };
}

/** The corpus's writers in `folds` groups, each held out in turn; accuracy overall and per label. */
function crossValidation(pack: ContentPack, folds: number): { accuracy: number; perLabel: Map<string, number> } {
  if (folds < 2) return { accuracy: 0, perLabel: new Map() };
  const labels = labelsOf(pack);
  const examples = readCorpus(pack, createReader(pack, DEFAULT_TUNING)).map((e) => ({ ...e, writer: e.writer === 'content' ? 'content' : `fold ${hash(e.writer) % folds}` }));
  const cv = crossValidate(labels, examples, { ...DEFAULT_CLASSIFIER, ...(pack.calibration ? { model: pack.calibration.model } : {}) });
  const right = new Map<string, [number, number]>();
  let all = 0;
  for (const o of cv.outOfFold) {
    let best = 0;
    for (let i = 1; i < o.logits.length; i++) if (o.logits[i]! > o.logits[best]!) best = i;
    const ok = cv.labels[best] === o.label;
    all += ok ? 1 : 0;
    const r = right.get(o.label) ?? [0, 0];
    r[0] += ok ? 1 : 0;
    r[1] += 1;
    right.set(o.label, r);
  }
  return { accuracy: cv.outOfFold.length ? all / cv.outOfFold.length : 0, perLabel: new Map([...right].map(([l, [p, n]]) => [l, p / n])) };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}
