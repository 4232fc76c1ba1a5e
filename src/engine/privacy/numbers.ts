// Finds fødselsnummer (and D-, H- and synthetic numbers), card numbers and account numbers.
import { idnr } from '@navikt/fnrvalidator';
import type { PiiKind, Span } from './pii.js';

/**
 * Digit groups joined by separators of any kind, one to three characters: "010190 12345",
 * "1234.56.78903", "4111-1111-1111-1111", "091177 - 07668", "4118/21/38051", a line break.
 * Digits and separators are disjoint, so the scan is linear.
 */
const DIGIT_RUN = /\d+(?:[\s.\-/_\u00a0\u2009\u202f\u2010-\u2015]{1,3}\d+)*/g;

/** The longest number we look for: card numbers have at most 19 digits. */
const MAX_DIGITS = 19;
/** The shortest: account numbers and fødselsnummer have 11 (classify accepts nothing shorter). */
const MIN_DIGITS = 11;

const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Norwegian account number: mod-11 over the first ten digits; remainder 1 means no valid number. */
export function isAccountNumber(digits: string): boolean {
  if (digits.length !== 11) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (ACCOUNT_WEIGHTS[i] ?? 0) * (digits.charCodeAt(i) - 48);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(10) - 48;
}

/** Luhn (mod-10) check used by payment cards. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** fødselsnummer, D-, H- and synthetic (Test Norge) numbers, including the 2032 check-digit rule. */
export function isNationalId(digits: string): boolean {
  try {
    return idnr(digits).status === 'valid';
  } catch {
    return false; // a library bug must not break redaction; the account check still applies
  }
}

function classify(digits: string): PiiKind | null {
  // The fødselsnummer's second check digit is the account check, so the cheap account test
  // comes first and the library is asked only about numbers that pass it.
  if (digits.length === 11) {
    if (isAccountNumber(digits)) return isNationalId(digits) ? 'national-id' : 'account-number';
  } else if (digits.length >= 13 && digits.length <= MAX_DIGITS && isLuhnValid(digits)) {
    return 'card-number';
  }
  return null;
}

/**
 * Every run of whole groups inside a digit run is a candidate ("5 010190 12345" holds the
 * candidate "010190 12345"). All valid candidates are returned; the caller merges overlaps, so no
 * digit of any valid number survives and the merged span takes the most specific kind.
 */
export function findNumbers(text: string): Span[] {
  const spans: Span[] = [];
  // Every URL and message passes through here, most of them with short numbers or none: a run
  // with fewer digits than the shortest number we look for is skipped before anything is built
  // (this ran matchAll twice per run, a tenth of the service's allocation per message).
  const groups: { start: number; digits: string }[] = [];
  for (const run of asciiDigits(text).matchAll(DIGIT_RUN)) {
    const base = run.index;
    const runText = run[0];
    groups.length = 0;
    let total = 0;
    for (let k = 0; k < runText.length; ) {
      if (!isAsciiDigit(runText.charCodeAt(k))) {
        k++;
        continue;
      }
      let end = k + 1;
      while (end < runText.length && isAsciiDigit(runText.charCodeAt(end))) end++;
      groups.push({ start: base + k, digits: runText.slice(k, end) });
      total += end - k;
      k = end;
    }
    if (total < MIN_DIGITS) continue;
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length <= MAX_DIGITS; j++) {
        const g = groups[j]!;
        digits += g.digits;
        const kind = classify(digits);
        if (kind) spans.push({ start: groups[i]!.start, end: g.start + g.digits.length, kind });
      }
    }
  }
  return spans;
}

const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const digitValues = new Map<string, string>();

/**
 * The text with every other script's digit ("１２３", "١٢٣") written as 0–9, one character for
 * one, so positions stay. Astral digits (two UTF-16 units) are left: nobody types a number so.
 */
export function asciiDigits(text: string): string {
  return text.replace(OTHER_DIGIT, (d) => {
    if (d.length !== 1) return d;
    let value = digitValues.get(d);
    if (value === undefined) {
      // Unicode keeps each script's digits 0–9 together: count back to that script's zero.
      const cp = d.charCodeAt(0);
      let k = 0;
      while (k < 9 && /\p{Nd}/u.test(String.fromCharCode(cp - k - 1))) k++;
      value = String(k);
      digitValues.set(d, value);
    }
    return value;
  });
}
