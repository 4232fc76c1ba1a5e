// What a stored message is, for every author.
import type { ClarifyOption } from '../engine/types.js';

export const authors = ['customer', 'bot', 'advisor', 'system'] as const;
export type Author = (typeof authors)[number];

/** customer and advisor write "text"; the bot answers, clarifies or hands off; the system informs. */
export type MessageKind =
  | 'text'
  | 'answer'
  | 'clarify'
  | 'handoff'
  | 'queued'
  | 'closed-hours'
  | 'claimed'
  | 'transferred'
  | 'closed'
  | 'callback'
  /** Closed by the sweeper: the customer had not been seen for a while. */
  | 'abandoned'
  /** Logging in with BankID: done, ended, or refused (the text says why). */
  | 'identified'
  | 'logged-out'
  | 'login-failed'
  /** An action was ordered (or handed to an advisor): the content pack's receipt. */
  | 'receipt';

/** A self-service action the bot offers under its answer (content/actions.yaml). */
export interface ActionOffer {
  id: string;
  label: string;
}

export interface MessageDraft {
  author: Author;
  kind: MessageKind;
  text: string;
  clientMessageId?: string | null;
  options?: ClarifyOption[];
  urgent?: boolean;
  sources?: string[];
  /** What the bot understood, for the advisor: intent and error codes. */
  intent?: string | null;
  errorCodes?: string[];
  advisorId?: string | null;
  actions?: ActionOffer[];
  /** Store as a reply to this seq (the default for every draft after the first in one append). */
  replyTo?: number | null;
}

export interface ChatMessage {
  seq: number;
  author: Author;
  kind: MessageKind;
  text: string;
  clientMessageId: string | null;
  /** The customer message this bot or system message answers. */
  replyTo: number | null;
  options: ClarifyOption[];
  urgent: boolean;
  sources: string[];
  intent: string | null;
  errorCodes: string[];
  advisorId: string | null;
  actions: ActionOffer[];
  createdAt: string;
}

/** The message as the customer sees it: no internals of the bot. */
export function publicMessage(m: ChatMessage) {
  return {
    seq: m.seq,
    author: m.author,
    kind: m.kind,
    text: m.text,
    options: m.options,
    urgent: m.urgent,
    sources: m.sources,
    actions: m.actions,
    clientMessageId: m.clientMessageId,
    createdAt: m.createdAt,
  };
}
export type PublicMessage = ReturnType<typeof publicMessage>;
