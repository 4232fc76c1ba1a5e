// From the classifier's probabilities to what the engine does: answer one topic, ask back among a
// few, or hand over with the reason. The thresholds come from cross-validation on the training
// corpus (calibration.json), never from an evaluation set.
import type { ClassProbability } from './classifier.js';

export interface Policy {
  /** The most probable topic is answered from this probability. */
  answerAt: number;
  /** Topics within this share of the best are "close": asked back together. */
  optionRatio: number;
  /** Close topics are asked back when together at least this probable. */
  clarifyAt: number;
  /** A message is urgent from this probability of any urgent kind (recall first: low). */
  urgentAt: number;
  /** A non-topic label (not-covered, out-of-scope, human …) is acted on from this probability. */
  intentAt: number;
  maxOptions: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({ answerAt: 0.5, optionRatio: 0.35, clarifyAt: 0.45, urgentAt: 0.25, intentAt: 0.4, maxOptions: 4 });

export type ModelDecision =
  | { kind: 'urgent'; urgentKind: string; p: number }
  | { kind: 'answer'; topic: string; p: number }
  | { kind: 'clarify'; topics: string[]; p: number }
  | { kind: 'intent'; label: string; p: number }
  | { kind: 'unsure'; p: number };

export const URGENT_PREFIX = 'urgent:';

/** `ranked`: every label, most probable first; `isTopic` tells topics from the other labels. */
export function decideFrom(ranked: readonly ClassProbability[], isTopic: (label: string) => boolean, p: Policy): ModelDecision {
  const urgent = ranked.filter((r) => r.label.startsWith(URGENT_PREFIX));
  const urgentP = urgent.reduce((s, r) => s + r.p, 0);
  if (urgent.length && urgentP >= p.urgentAt) return { kind: 'urgent', urgentKind: urgent[0]!.label.slice(URGENT_PREFIX.length), p: urgentP };
  const top = ranked[0]!;
  const topics = ranked.filter((r) => isTopic(r.label));
  const best = topics[0];
  if (!isTopic(top.label) && top.p >= p.intentAt && !top.label.startsWith(URGENT_PREFIX)) return { kind: 'intent', label: top.label, p: top.p };
  if (best && best.p >= p.answerAt) return { kind: 'answer', topic: best.label, p: best.p };
  if (best) {
    const close = topics.filter((r) => r.p >= best.p * p.optionRatio).slice(0, p.maxOptions);
    const together = close.reduce((s, r) => s + r.p, 0);
    if (close.length >= 2 && together >= p.clarifyAt) return { kind: 'clarify', topics: close.map((r) => r.label), p: together };
  }
  return { kind: 'unsure', p: top.p };
}

/** Confident enough to stand alone, without reading earlier turns. */
export function standsAlone(d: ModelDecision): boolean {
  // "vague" ("kva gjer eg no?") and "not-helped" mean something only after what came before.
  return d.kind === 'urgent' || d.kind === 'answer' || (d.kind === 'intent' && d.label !== 'not-helped' && d.label !== 'vague');
}
