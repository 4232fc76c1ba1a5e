// The engine's public vocabulary: what it is asked and what it answers.

/** What the engine decided to do with a customer's message. */
export type ReplyKind = 'answer' | 'clarify' | 'handoff';

/** Why the engine chose its reply; shown to advisors and in evaluation reports. */
export type Intent =
  | 'topic' // one help topic fits
  | 'error-code' // a known BID error code
  | 'unknown-code' // a BID code that is not in the bank's list
  | 'ambiguous' // several topics fit about equally
  | 'greeting'
  | 'thanks'
  | 'human' // the customer asks for a person
  | 'not-helped' // the customer says an answer did not help
  | 'out-of-scope' // banking outside BankID (loans, cards, balance …)
  | 'not-covered' // about BankID, but the bank's help has no answer to it
  | 'off-topic' // small talk, general knowledge: nothing to do with the bank
  | 'no-match' // nothing fits
  | 'urgent'; // fraud or risk right now

export interface ClarifyOption {
  /** Topic id the option leads to. */
  topicId: string;
  /** The topic's title, the customer's question. */
  label: string;
}

export interface Reply {
  kind: ReplyKind;
  intent: Intent;
  /** What the customer sees: the bank's approved text, never generated prose. */
  text: string;
  urgent: boolean;
  /** Topic ids whose text the reply is made of. */
  sources: string[];
  options: ClarifyOption[];
  /** Error codes found in the message, normalised (e.g. "14B1"). */
  errorCodes: string[];
  /** The message contained a password, PIN, code or identity number that was redacted. */
  sharedSecret: boolean;
  /** For an urgent reply: the kind of risk understood ("secret-shared", "fake-caller" …) or the rule that fired. */
  urgentKind?: string;
  /** Why this reply: the model's most probable labels (topic ids or intents) with their probabilities. */
  explanation: { label: string; p: number }[];
}

/** The answer engine: pure, synchronous, built once per content pack. */
export interface Engine {
  /**
   * Replies to the customer's latest message. `turns` are the customer's messages in this
   * conversation so far, oldest first, the last being the one to answer; earlier turns are
   * context for follow-ups ("kva gjer eg no?"). Texts should already be redacted.
   */
  reply(turns: readonly string[]): Reply;
  /** How many of the latest turns `reply` reads (the message and the context before it): callers need pass no more. */
  readonly turnsRead: number;
  /** Topics ranked for a free text, for advisors' suggested answers. */
  suggest(text: string, limit?: number): { topicId: string; title: string; answer: string; score: number }[];
}
