// The hand-set weights that remain: how the ranker (whose best topics are features of the model)
// weighs a topic's fields, and how much earlier turns count in a follow-up. Every decision
// threshold is learned instead: content/training/calibration.json, from `kundesenter calibrate`.

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
  /** Earlier turns count this much (and less the further back) when reading a follow-up. */
  contextWeight: number;
}

export const DEFAULT_TUNING: Readonly<Tuning> = Object.freeze({
  questionWeight: 1,
  keywordWeight: 0.7,
  answerWeight: 0.45,
  coverageShare: 0.5,
  queryInMatch: 0.3,
  unknownWeight: 0.5,
  contextWeight: 0.6,
});
