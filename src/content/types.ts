import type { ActionsFile, BankFacts, Calibration, Messages, TrainingExample, Vocabulary } from './schema.js';

/** One help topic: a question and the bank's approved answer. Error codes are topics too. */
export interface Topic {
  kind: 'topic' | 'error-code';
  id: string;
  /** The customer's question. */
  title: string;
  category: string;
  /** Other ways customers ask it, in nynorsk, bokmål and English. */
  phrasings: string[];
  keywords: string[];
  /** The bank's answer, Markdown. */
  answer: string;
  /** For error codes: what the error means and what to do, as on the bank's table. */
  meaning?: string;
  solution?: string;
  status: 'approved' | 'draft' | 'retired';
  reviewed: string;
  related: string[];
  /** Error codes this topic answers, upper case without "BID-" (e.g. "14B1"). */
  codes: string[];
}

export interface ContentPack {
  bank: BankFacts;
  messages: Messages;
  vocabulary: Vocabulary;
  topics: Topic[];
  /** Customer messages the engine's model learns from (content/training/); empty when the folder is absent. */
  training: TrainingExample[];
  /** The model's calibration for this corpus (content/training/calibration.json), if made. */
  calibration: Calibration | undefined;
  /** content/actions.yaml: login texts and self-service actions; absent, the chat has neither. */
  actions: ActionsFile | undefined;
}
