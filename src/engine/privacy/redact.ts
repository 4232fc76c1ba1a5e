// The privacy redactor: runs on every customer message before it is stored, logged or matched.
import { Memo } from '../memo.js';
import { findNumbers } from './numbers.js';
import { KINDS, PLACEHOLDER, type PiiKind, type Span } from './pii.js';
import { findSecrets } from './secrets.js';

export type { PiiKind } from './pii.js';

export interface Redacted {
  /** The text with every finding replaced by its placeholder, e.g. "[fødselsnummer]". */
  text: string;
  /** Kinds replaced, each once, in the order of KINDS. */
  found: PiiKind[];
}

/**
 * Texts the redactor found nothing in. One customer message passes it several times (the route,
 * the engine, the storage plugin, earlier turns read again), so a clean text is redacted once and
 * then only looked up. Only clean texts are kept: nothing the redactor would replace stays here.
 */
const clean = new Memo<string, true>(4096);
/** Longer texts are redacted each time: the memo is for messages, not documents. */
const CLEAN_KEPT_LENGTH = 8192;

/**
 * Replaces national identity numbers, card and account numbers and secrets. Numbers go first,
 * so a code that is a fødselsnummer is named as one; the secret pass then sees the placeholder
 * and leaves it. Never throws: if a bug does throw, the whole text is withheld (fail closed).
 */
export function redact(text: string): Redacted {
  const input = typeof text === 'string' ? text : ''; // callers in plain JS may pass anything
  if (clean.peek(input)) return { text: input, found: [] };
  try {
    const found = new Set<PiiKind>();
    const numbersOut = replaceSpans(input, findNumbers(input), found);
    const out = replaceSpans(numbersOut, findSecrets(numbersOut), found);
    if (found.size === 0 && out === input && input.length <= CLEAN_KEPT_LENGTH) clean.set(input, true);
    return { text: out, found: KINDS.filter((k) => found.has(k)) };
  } catch {
    return { text: PLACEHOLDER.secret, found: ['secret'] };
  }
}

/** Replaces spans, merging overlaps (kept under the most specific kind), and records the kinds. */
function replaceSpans(text: string, spans: Span[], found: Set<PiiKind>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (KINDS.indexOf(s.kind) < KINDS.indexOf(last.kind)) last.kind = s.kind;
    } else {
      merged.push({ ...s });
    }
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + PLACEHOLDER[s.kind];
    found.add(s.kind);
    at = s.end;
  }
  return out + text.slice(at);
}
