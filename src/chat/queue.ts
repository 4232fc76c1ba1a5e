// The queue's two numbers the customer sees: place and estimated wait.
import type { Conversation } from './conversation.js';

/** Seconds an advisor spends on a conversation, assumed until enough have been closed. */
export const DEFAULT_HANDLE_SECONDS = 300;
/** Closed conversations needed before their average replaces the default. */
export const MIN_SAMPLES = 5;

/** First served first: urgent, then longest waiting, then id (a stable tie-break). */
export function compareQueued(a: Conversation, b: Conversation): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  const ta = a.queuedAt?.getTime() ?? 0;
  const tb = b.queuedAt?.getTime() ?? 0;
  if (ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** 1-based positions of the queued conversations. */
export function positions(queued: readonly Conversation[]): Map<string, number> {
  return new Map([...queued].sort(compareQueued).map((c, i) => [c.id, i + 1]));
}

/**
 * Wait for the conversation at `position`: the conversations up to and including it, each taking
 * the average handling time, shared among the advisors signed in (at least one).
 */
export function estimateWaitSeconds(position: number, handleSeconds: readonly number[], advisors: number): number {
  const average =
    handleSeconds.length >= MIN_SAMPLES ? handleSeconds.reduce((s, x) => s + x, 0) / handleSeconds.length : DEFAULT_HANDLE_SECONDS;
  return Math.round((position * average) / Math.max(1, advisors));
}
