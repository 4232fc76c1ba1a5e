// What the redactor finds, and the text that takes its place.

export type PiiKind = 'national-id' | 'card-number' | 'account-number' | 'secret';

/** Replacement text per kind (nynorsk, as the customer and advisor see it). */
export const PLACEHOLDER: Readonly<Record<PiiKind, string>> = Object.freeze({
  'national-id': '[fødselsnummer]',
  'card-number': '[kortnummer]',
  'account-number': '[kontonummer]',
  secret: '[hemmeleg]',
});

/**
 * Kinds from most to least specific. When two findings overlap, the span covers both and takes
 * the earlier kind: every valid fødselsnummer also passes the account check, so it must win.
 */
export const KINDS: readonly PiiKind[] = ['national-id', 'card-number', 'account-number', 'secret'];

/** A finding: the half-open range [start, end) of the text to replace. */
export interface Span {
  start: number;
  end: number;
  kind: PiiKind;
}

export const isPlaceholder = (s: string): boolean =>
  KINDS.some((k) => PLACEHOLDER[k] === s);

/**
 * Nothing left but placeholders from an earlier pass and punctuation or control characters
 * ("[hemmeleg]'[kortnummer]"): a second pass must leave it as it is.
 */
export const isOnlyPlaceholders = (s: string): boolean => {
  let rest = s;
  for (const k of KINDS) rest = rest.split(PLACEHOLDER[k]).join('');
  return rest.length < s.length && !/[\p{L}\p{N}]/u.test(rest);
};
