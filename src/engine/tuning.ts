// Every threshold and weight of the engine in one place, with why. Tuned on the project's own
// evaluation set (eval/cases.jsonl); `bench/tune.ts` sweeps them.

export interface Tuning {
  /** How much a term counts by where the topic has it: its questions more than its answer. */
  questionWeight: number;
  keywordWeight: number;
  answerWeight: number;
  /** Share of a topic's score from how much of the message it covers; the rest from how much of its best question the message covers. */
  coverageShare: number;
  /** How much the message's words that a question lacks lower that question's match (0: not at all, 1: a Jaccard overlap). */
  queryInMatch: number;
  /** How much a word the knowledge base never uses counts in a message (filler in a long message should not drown it). */
  unknownWeight: number;
  /** Banking outside BankID is handed over unless a BankID topic, or one of its questions, fits at least this well. */
  inScopeScore: number;
  /** Below this the best topic is a guess: hand over. */
  minScore: number;
  /** From this the best topic is a confident answer. */
  answerScore: number;
  /** Topics scoring at least this share of the best are "about equal": ask which. */
  closeRatio: number;
  /** A mid-score best topic is still answered with this lead over the runner-up. */
  clearLead: number;
  /** A message naming only its subject must match one question this well to be answered. */
  vagueMatch: number;
  maxOptions: number;
  /** Earlier turns count this much when reading a follow-up. */
  contextWeight: number;
}

export const DEFAULT_TUNING: Readonly<Tuning> = Object.freeze({
  questionWeight: 1,
  keywordWeight: 0.7,
  answerWeight: 0.45,
  coverageShare: 0.5,
  queryInMatch: 0.3,
  unknownWeight: 0.5,
  inScopeScore: 0.55,
  minScore: 0.25,
  answerScore: 0.42,
  closeRatio: 0.97,
  clearLead: 0.9,
  vagueMatch: 0.8,
  maxOptions: 4,
  contextWeight: 0.6,
});
