// When two unanswered questions are "the same": they have the same set of content words, whatever
// their order, case, accents, inflection and function words. The key is built by the engine's own
// text steps, so it meets customers' spellings as the engine does:
//   normalise (NFKC, lower case, one kind of dash) → words (split at hyphens unless a code) → fold (æ/ae → a, ø/oe → o, å/aa → a)
//   → drop function words and greetings → stem (passordet → passord) → unique → sorted → joined.
// "Kvifor får eg ikkje logga inn på BankID?" and "bankid logga inn ikkje, kvifor" share a key;
// "BankID på ny mobil" and "ny mobil" do not (a token set, not a similarity score: cheap, exact to
// test, and the same on every instance). A text of function words only is keyed by those words.
import { fold, normalise, words } from '../engine/normalise.js';
import { stem } from '../engine/stem.js';

/** Longest text kept for a question (characters); the redactor has already been over it. */
export const MAX_QUESTION = 300;

// Folded, as the words are when they are looked up.
const FUNCTION_WORDS = new Set(
  [
    // nynorsk and bokmål
    'eg', 'jeg', 'e', 'æ', 'du', 'han', 'ho', 'hun', 'vi', 'me', 'de', 'dei', 'dykk', 'dere', 'meg', 'deg', 'seg', 'oss', 'min', 'mi', 'mitt', 'mine',
    'din', 'di', 'ditt', 'dine', 'sin', 'si', 'sitt', 'sine', 'det', 'den', 'dette', 'denne', 'desse', 'disse', 'ein', 'en', 'eit', 'et', 'ei',
    'og', 'eller', 'men', 'så', 'som', 'at', 'om', 'på', 'til', 'i', 'av', 'for', 'med', 'frå', 'fra', 'ved', 'hjå', 'hos', 'er', 'var', 'vere',
    'være', 'har', 'hadde', 'kan', 'må', 'skal', 'vil', 'får', 'fekk', 'fikk', 'blir', 'vert', 'no', 'nå', 'då', 'da', 'kva', 'hva', 'kvifor',
    'hvorfor', 'korleis', 'hvordan', 'kor', 'hvor', 'kven', 'hvem', 'berre', 'bare', 'òg', 'også', 'ikkje', 'ikke', 'ja', 'nei', 'hei', 'hallo',
    'takk', 'god', 'dag', 'morgon', 'morgen', 'kveld', 'heisann', 'hjelp', 'hjelpe', 'lurer', 'spørsmål',
    // English
    'i', 'my', 'me', 'the', 'a', 'an', 'is', 'are', 'was', 'to', 'of', 'and', 'or', 'on', 'in', 'it', 'its', 'can', 'do', 'does', 'how', 'what',
    'why', 'not', "don't", "can't", 'have', 'has', 'with', 'hi', 'hello', 'please', 'help', 'thanks',
  ].map(fold),
);

/** The question as the dashboard shows it: normalised (lower case, single spaces), at most MAX_QUESTION. */
export function questionText(text: string): string {
  const n = normalise(text);
  return n.length > MAX_QUESTION ? `${n.slice(0, MAX_QUESTION - 1)}…` : n;
}

/** The grouping key: the sorted set of the question's content-word stems. */
export function questionKey(text: string): string {
  const stems = new Set<string>();
  // Compounds written with a hyphen ("bankid-appen") meet the same words written apart; a code
  // with digits in it ("bid-14b1") is one word.
  const parts = words(normalise(text)).flatMap((w) => (/\d/.test(w) ? [w] : w.split('-')));
  const all = new Set<string>();
  for (const w of parts) {
    const folded = fold(w);
    if (folded) all.add(folded);
    if (folded.length < 2 || FUNCTION_WORDS.has(folded)) continue;
    stems.add(stem(folded));
  }
  // Only function words ("kva no?"): their own set; no words at all ("?!"): the text.
  const key = [...(stems.size ? stems : all)].sort().join(' ');
  return (key || questionText(text)).slice(0, MAX_QUESTION);
}
