// A light suffix stripper for nynorsk, bokmål and English. It only has to map a word's inflected
// forms onto one key (passordet/passorda → passord, varslingar/varslinger → varsling); the index and
// the query are stemmed alike, so an odd key is harmless. Forms stemming cannot join (gløymt ~ glemt)
// are the vocabulary's job. Works on folded words (see normalise.ts).

// Longest first. Folding made ø/å/æ into o/a, so these are folded suffixes too.
const SUFFIXES = [
  'heitene', 'hetene', 'ingane', 'ingene', 'ingar', 'inger', 'ingen', 'inga', 'heita', 'heten', 'heit', 'het',
  'ande', 'ende', 'ane', 'ene', 'ast', 'est', 'ing', 'ar', 'er', 'et', 'en', 'ed', 'es', 'a', 'e', 's',
];
const MIN_STEM = 3;

export function stem(word: string): string {
  if (word.length <= MIN_STEM + 1 || /\d/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}
