// The customer's latest texts per conversation, as stored, kept by the instance that stored them,
// so the next message need not read them back. Each entry carries the conversation's last seq
// when it was kept: it is used only while the conversation row read for the request still has
// that seq, so a message written meanwhile (an advisor, a hand-off, another instance) sends the
// reader back to the database. Bounded: least recently used out first.
import { Memo } from '../engine/memo.js';

/** Conversations kept; a few short texts each. */
const CONVERSATIONS_KEPT = 10_000;

interface Kept {
  lastSeq: number;
  texts: readonly string[];
}

export class RecentTurns {
  private readonly kept: Memo<string, Kept>;

  constructor(
    /** How many texts a conversation keeps (the turns the engine reads before the latest). */
    private readonly turns: number,
    capacity = CONVERSATIONS_KEPT,
  ) {
    this.kept = new Memo(capacity);
  }

  /** The texts, oldest first, if they are known to be the latest at `lastSeq`; else undefined. */
  at(conversationId: string, lastSeq: number): readonly string[] | undefined {
    const k = this.kept.peek(conversationId);
    return k?.lastSeq === lastSeq ? k.texts : undefined;
  }

  /**
   * `earlier` were the latest texts at `readAt`, and `text` was then stored with seqs up to
   * `lastSeq`. Kept only when nothing else was stored in between (`firstSeq` follows `readAt`).
   */
  keep(conversationId: string, earlier: readonly string[], text: string, readAt: number, firstSeq: number, lastSeq: number): void {
    if (firstSeq !== readAt + 1) return void this.kept.delete(conversationId);
    this.kept.set(conversationId, { lastSeq, texts: [...earlier, text].slice(-this.turns) });
  }
}
