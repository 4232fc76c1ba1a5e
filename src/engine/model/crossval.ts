// Cross-validation on the training corpus: each writer (persona batch) held out in turn, so the
// figures say how the model does on a voice it has never read. From the out-of-fold predictions:
// the softmax temperature (calibration) and the policy's thresholds.
import { Classifier, type ClassProbability, type ClassifierOptions, type LabelledText } from './classifier.js';
import type { Features } from './features.js';
import { softmax } from './logistic.js';
import { decideFrom, URGENT_PREFIX, type ModelDecision, type Policy } from './policy.js';

export interface Fold {
  heldOut: string;
  examples: number;
  accuracy: number;
}

export interface OutOfFold {
  label: string;
  logits: Float64Array;
}

export interface CrossValidation {
  folds: Fold[];
  outOfFold: OutOfFold[];
  labels: readonly string[];
}

/** Writers with fewer examples than this are pooled into one fold. */
const MIN_FOLD = 100;

export function crossValidate(
  labels: readonly string[],
  examples: readonly (LabelledText & { features: Features })[],
  options: ClassifierOptions,
): CrossValidation {
  const writers = new Map<string, number>();
  for (const e of examples) writers.set(e.writer, (writers.get(e.writer) ?? 0) + 1);
  const foldOf = (w: string) => (w === 'content' ? undefined : (writers.get(w) ?? 0) >= MIN_FOLD ? w : 'small writers');
  const folds = [...new Set(examples.map((e) => foldOf(e.writer)).filter((f): f is string => f !== undefined))].sort();
  const outOfFold: OutOfFold[] = [];
  const report: Fold[] = [];
  for (const held of folds) {
    const train = examples.filter((e) => foldOf(e.writer) !== held);
    const test = examples.filter((e) => foldOf(e.writer) === held);
    const model = Classifier.train(labels, train, { ...options, temperature: 1 });
    let right = 0;
    for (const e of test) {
      const logits = model.logits(e.features);
      outOfFold.push({ label: e.label, logits });
      if (labels[argmax(logits)] === e.label) right++;
    }
    report.push({ heldOut: held, examples: test.length, accuracy: right / test.length });
  }
  return { folds: report, outOfFold, labels };
}

function argmax(v: Float64Array): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

/** The temperature that minimises the out-of-fold negative log-likelihood (golden-section search). */
export function fitTemperature(cv: CrossValidation): number {
  const nll = (t: number) => {
    let sum = 0;
    for (const o of cv.outOfFold) {
      const p = softmax(Float64Array.from(o.logits), t);
      sum -= Math.log(Math.max(1e-12, p[cv.labels.indexOf(o.label)]!));
    }
    return sum / cv.outOfFold.length;
  };
  let lo = 0.2;
  let hi = 5;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.round(((lo + hi) / 2) * 1000) / 1000;
}

/** Expected calibration error over ten bins of the top probability. */
export function calibrationError(cv: CrossValidation, temperature: number): { ece: number; bins: { from: number; count: number; confidence: number; accuracy: number }[] } {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, count: 0, confidence: 0, accuracy: 0 }));
  for (const o of cv.outOfFold) {
    const p = softmax(Float64Array.from(o.logits), temperature);
    const top = argmax(p);
    const bin = bins[Math.min(9, Math.floor(p[top]! * 10))]!;
    bin.count++;
    bin.confidence += p[top]!;
    bin.accuracy += cv.labels[top] === o.label ? 1 : 0;
  }
  let ece = 0;
  for (const b of bins) {
    if (!b.count) continue;
    ece += (b.count / cv.outOfFold.length) * Math.abs(b.confidence / b.count - b.accuracy / b.count);
    b.confidence /= b.count;
    b.accuracy /= b.count;
  }
  return { ece, bins };
}

/**
 * What a decision is worth for a message of `label`. A confident wrong answer costs more than a
 * hand-over, and a missed urgent case far more than anything else.
 */
export function utility(label: string, d: ModelDecision, isTopic: (l: string) => boolean): number {
  const urgent = label.startsWith(URGENT_PREFIX);
  if (urgent) return d.kind === 'urgent' ? 1 : -20;
  if (d.kind === 'urgent') return -3; // a false alarm sends a calm customer to the urgent queue
  if (label === 'vague') return d.kind === 'intent' && d.label === 'vague' ? 1 : d.kind === 'clarify' ? 0.8 : -0.3;
  if (isTopic(label)) {
    if (d.kind === 'answer') return d.topic === label ? 1 : -2;
    if (d.kind === 'clarify') return d.topics.includes(label) ? 0.3 : -0.5;
    return -0.3;
  }
  if (d.kind === 'answer') return -2;
  if (d.kind === 'clarify') return -1;
  if (d.kind === 'intent') return d.label === label ? 1 : 0.5; // handed over either way
  return ['greeting', 'thanks'].includes(label) ? -0.5 : 0.5; // unsure → a hand-over
}

export interface PolicyChoice {
  policy: Policy;
  outcome: { answeredRight: number; answeredWrong: number; clarified: number; handedOver: number; urgentRecall: number; falseAlarms: number };
}

/**
 * The thresholds with the best total utility on the out-of-fold predictions, false alarms ≤ 2 %.
 * Each point of the grid is judged by the mean utility of its neighbourhood (one step either way
 * on every threshold), so the choice sits on a plateau rather than on a spike that a few
 * examples more or less would move.
 */
export function choosePolicy(cv: CrossValidation, temperature: number, isTopic: (l: string) => boolean, base: Policy): PolicyChoice {
  const probs = cv.outOfFold.map((o) => {
    const p = softmax(Float64Array.from(o.logits), temperature);
    const all = cv.labels.map((label, i) => ({ label, p: p[i]! })).sort((a, b) => b.p - a.p);
    // The search below runs thousands of policies: keep the labels that can matter, with the
    // urgent kinds summed into one entry (the policy sums them anyway).
    const urgent = all.filter((r) => r.label.startsWith(URGENT_PREFIX));
    const rest = all.filter((r) => !r.label.startsWith(URGENT_PREFIX)).slice(0, 8);
    const ranked = [...rest, { label: urgent[0]!.label, p: urgent.reduce((s, r) => s + r.p, 0) }].sort((a, b) => b.p - a.p);
    return { label: o.label, ranked };
  });
  const grid = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);
  const axes = {
    urgentAt: grid(0.05, 0.5, 0.05),
    answerAt: grid(0.3, 0.9, 0.05),
    clarifyAt: grid(0.3, 0.8, 0.1),
    intentAt: grid(0.3, 0.7, 0.1),
    optionRatio: [0.05, 0.1, 0.2, 0.35],
  };
  const names = Object.keys(axes) as (keyof typeof axes)[];
  const sizes = names.map((n) => axes[n].length);
  const points: { at: number[]; policy: Policy; utility: number; feasible: boolean; outcome: PolicyChoice['outcome'] }[] = [];
  const index = (at: readonly number[]) => at.reduce((i, a, d) => i * sizes[d]! + a, 0);
  const visit = (at: number[]) => {
    if (at.length < names.length) {
      for (let i = 0; i < sizes[at.length]!; i++) visit([...at, i]);
      return;
    }
    const policy = { ...base } as Policy;
    names.forEach((n, d) => (policy[n] = axes[n][at[d]!]!));
    const { utility: u, outcome, falseAlarmRate } = judge(probs, policy, isTopic);
    points[index(at)] = { at, policy, utility: u, feasible: falseAlarmRate <= 0.02, outcome };
  };
  visit([]);
  let best: PolicyChoice | undefined;
  let bestUtility = -Infinity;
  for (const point of points) {
    if (!point.feasible) continue;
    let sum = 0;
    let n = 0;
    const around = (d: number, at: number[]) => {
      if (d === names.length) {
        sum += points[index(at)]!.utility;
        n++;
        return;
      }
      for (const step of [-1, 0, 1]) {
        const i = point.at[d]! + step;
        if (i >= 0 && i < sizes[d]!) around(d + 1, [...at, i]);
      }
    };
    around(0, []);
    if (sum / n > bestUtility) {
      bestUtility = sum / n;
      best = { policy: point.policy, outcome: point.outcome };
    }
  }
  return best ?? { policy: base, outcome: { answeredRight: 0, answeredWrong: 0, clarified: 0, handedOver: 0, urgentRecall: 0, falseAlarms: 0 } };
}

function judge(probs: readonly { label: string; ranked: ClassProbability[] }[], policy: Policy, isTopic: (l: string) => boolean) {
  let utilitySum = 0;
  const outcome = { answeredRight: 0, answeredWrong: 0, clarified: 0, handedOver: 0, urgentRecall: 0, falseAlarms: 0 };
  let urgentTotal = 0;
  for (const { label, ranked } of probs) {
    const d = decideFrom(ranked, isTopic, policy);
    utilitySum += utility(label, d, isTopic);
    if (label.startsWith(URGENT_PREFIX)) {
      urgentTotal++;
      if (d.kind === 'urgent') outcome.urgentRecall++;
    } else if (d.kind === 'urgent') outcome.falseAlarms++;
    if (d.kind === 'answer') outcome[d.topic === label ? 'answeredRight' : 'answeredWrong']++;
    else if (d.kind === 'clarify') outcome.clarified++;
    else if (d.kind !== 'urgent') outcome.handedOver++;
  }
  const nonUrgent = probs.length - urgentTotal;
  const falseAlarmRate = outcome.falseAlarms / Math.max(1, nonUrgent);
  return {
    utility: utilitySum,
    falseAlarmRate,
    outcome: { ...outcome, urgentRecall: outcome.urgentRecall / Math.max(1, urgentTotal), falseAlarms: falseAlarmRate },
  };
}
