// Text normalisation shared by the index and the customer's messages: both sides go through the
// same steps, so "gloymt", "gløymt" and "GLØYMT" meet.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g;

/** Lower-cased, NFKC, one kind of hyphen and apostrophe, no control characters, single spaces. */
export function normalise(text: string): string {
  return text
    .replace(LONE_SURROGATE, ' ')
    .normalize('NFKC')
    .replace(CONTROL, ' ')
    .replace(DASHES, '-')
    .replace(QUOTES, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LETTER_FOLD: Record<string, string> = { æ: 'a', ä: 'a', ø: 'o', ö: 'o', å: 'a', é: 'e', è: 'e', ê: 'e', ü: 'u', ó: 'o', ò: 'o', á: 'a', à: 'a', ô: 'o' };

/**
 * Folds a lower-case word to ASCII the way customers without a Norwegian keyboard type it:
 * æ/ae → a, ø/oe → o, å/aa → a. Applied to index and query alike, so the collisions it makes
 * (both "å" and "æ" become "a") cost nothing.
 */
export function fold(word: string): string {
  let out = '';
  for (const ch of word) out += LETTER_FOLD[ch] ?? ch;
  // Until stable: folding "æå" gives "aa", which folds again.
  for (let next = out.replace(/a[ae]/g, 'a').replace(/oe/g, 'o'); next !== out; next = next.replace(/a[ae]/g, 'a').replace(/oe/g, 'o')) out = next;
  return out;
}

/** Splits normalised text into words: letters and digits, keeping inner hyphens and apostrophes. */
export function words(normalised: string): string[] {
  return normalised.match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}
