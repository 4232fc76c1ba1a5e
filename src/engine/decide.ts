// The decision between answering, asking back and handing over, from the ranked topics.
// Pure: thresholds are named here and explained, and tuned on the project's evaluation set.
import type { Ranked } from './retrieval.js';

/** Below this the best topic is a guess: hand over (or ask back if a few are close). */
export const MIN_SCORE = 0.3;
/** From this the best topic is an answer, unless another is nearly as good. */
export const ANSWER_SCORE = 0.42;
/** Topics scoring at least this share of the best one are "about equal" and offered together. */
export const CLOSE_RATIO = 0.88;
/** With a clear lead of this share over the runner-up, answer even a mid score. */
export const CLEAR_LEAD = 0.7;
export const MAX_OPTIONS = 4;

export type Decision =
  | { kind: 'answer'; best: Ranked }
  | { kind: 'clarify'; options: Ranked[] }
  | { kind: 'none'; best?: Ranked };

/**
 * A message that names only its subject ("kodebrikka verkar ikkje") fits every topic about that
 * subject; unless it matches one topic's question well, ask which.
 */
export const VAGUE_MATCH = 0.7;

export function decide(ranked: readonly Ranked[], strongTerms = 2): Decision {
  const [best, second] = ranked;
  if (!best || best.score < MIN_SCORE) return { kind: 'none', best };
  if (strongTerms <= 1 && best.questionMatch < VAGUE_MATCH && second) {
    const options = ranked.filter((r) => r.score >= best.score * 0.6).slice(0, MAX_OPTIONS);
    if (options.length >= 2) return { kind: 'clarify', options };
  }
  const close = ranked.filter((r) => r.score >= best.score * CLOSE_RATIO).slice(0, MAX_OPTIONS);
  if (close.length >= 2) return { kind: 'clarify', options: close };
  if (best.score >= ANSWER_SCORE || !second || second.score <= best.score * CLEAR_LEAD) return { kind: 'answer', best };
  return { kind: 'clarify', options: ranked.filter((r) => r.score >= MIN_SCORE).slice(0, MAX_OPTIONS) };
}

/** A confident answer needs no help from earlier turns. */
export function isConfident(decision: Decision): boolean {
  return decision.kind === 'answer' && decision.best.score >= ANSWER_SCORE;
}
