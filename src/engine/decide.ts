// The decision between answering, asking back and handing over, from the ranked topics. Pure;
// the thresholds are in tuning.ts.
import type { Ranked } from './retrieval.js';
import type { Tuning } from './tuning.js';

export type Decision =
  | { kind: 'answer'; best: Ranked }
  | { kind: 'clarify'; options: Ranked[] }
  | { kind: 'none'; best?: Ranked };

/**
 * `specificTerms`: how many words of the message say what the problem is. A message with none
 * ("får ikkje logga inn med BankID") or only its subject ("kodebrikka verkar ikkje") fits every
 * topic about it: unless it matches one topic's question well, ask which.
 */
export function decide(ranked: readonly Ranked[], specificTerms: number, t: Tuning): Decision {
  const [best, second] = ranked;
  if (!best || best.score < t.minScore) return { kind: 'none', best };
  if ((specificTerms === 0 || (specificTerms === 1 && best.questionMatch < t.vagueMatch)) && second) {
    const options = ranked.filter((r) => r.score >= best.score * 0.6).slice(0, t.maxOptions);
    if (options.length >= 2) return { kind: 'clarify', options };
  }
  const close = ranked.filter((r) => r.score >= best.score * t.closeRatio).slice(0, t.maxOptions);
  if (close.length >= 2) return { kind: 'clarify', options: close };
  if (best.score >= t.answerScore || !second || second.score <= best.score * t.clearLead) return { kind: 'answer', best };
  const options = ranked.filter((r) => r.score >= t.minScore).slice(0, t.maxOptions);
  return options.length >= 2 ? { kind: 'clarify', options } : { kind: 'answer', best };
}

/** A confident answer needs no help from earlier turns. */
export function isConfident(decision: Decision, t: Tuning): boolean {
  return decision.kind === 'answer' && decision.best.score >= t.answerScore;
}
