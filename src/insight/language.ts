// The language of a conversation, for the dashboard's filter. Nothing stores it (the engine only
// asks whether a message is English, to add a word in English under its Norwegian answer), so it
// is inferred when a day is rolled up, from the customer's own first messages:
//   1. English, by the engine's own detector (src/engine/language.ts), as the engine decides it;
//   2. else nynorsk or bokmål, by the words that tell them apart ("eg"/"jeg", "ikkje"/"ikke",
//      "kva"/"hva" …): the one with more of them wins;
//   3. a message with no such word ("BID-14B1", "hei") says nothing, and the next one is read, up
//      to `MESSAGES_READ`; a conversation that never says is 'und' (undetermined). It counts in
//      'all' only, so nn + nb + en may be less than all.
import { isEnglish } from '../engine/language.js';
import { normalise, words } from '../engine/normalise.js';

export const languages = ['nn', 'nb', 'en'] as const;
export type Language = (typeof languages)[number];
/** What a rollup row holds: a language, or undetermined. */
export type RolledLanguage = Language | 'und';
export const languageFilters = ['all', ...languages] as const;
export type LanguageFilter = (typeof languageFilters)[number];

/** How many of the customer's first messages are read for a language. */
export const MESSAGES_READ = 3;

// Written forms only one of the two standards uses (with the spellings of keyboards without æøå).
const NYNORSK = new Set([
  'eg', 'ikkje', 'kva', 'korleis', 'kvifor', 'korfor', 'kven', 'kvar', 'kor', 'ein', 'eit', 'berre', 'frå', 'fraa', 'gløymt', 'gloymt',
  'gløymd', 'gløymde', 'fekk', 'heime', 'noko', 'nokon', 'nokre', 'mykje', 'sjølv', 'sjolv', 'dykk', 'dykkar', 'vere', 'vore', 'ho', 'òg',
  'treng', 'kjem', 'seier', 'verkar', 'skjønar', 'hjå', 'byrja', 'ynskjer', 'difor', 'enno', 'blei', 'vart',
]);
const BOKMAL = new Set([
  'jeg', 'ikke', 'hva', 'hvordan', 'hvorfor', 'hvem', 'hvor', 'hvilken', 'hvis', 'bare', 'fra', 'glemt', 'glemte', 'fikk', 'hjemme', 'noe',
  'noen', 'mye', 'selv', 'dere', 'deres', 'være', 'vært', 'hun', 'også', 'trenger', 'kommer', 'sier', 'virker', 'skjønner',
  'hos', 'begynte', 'ønsker', 'derfor', 'ennå', 'ble',
]);

/** nn, nb or en for one message, or null when it does not say. */
export function messageLanguage(text: string): Language | null {
  const normalised = normalise(text);
  if (isEnglish(normalised)) return 'en';
  let nn = 0;
  let nb = 0;
  for (const w of words(normalised)) {
    if (NYNORSK.has(w)) nn++;
    if (BOKMAL.has(w)) nb++;
  }
  return nn > nb ? 'nn' : nb > nn ? 'nb' : null;
}

/** The conversation's language from the customer's messages, oldest first. */
export function conversationLanguage(customerTexts: readonly string[]): RolledLanguage {
  for (const text of customerTexts.slice(0, MESSAGES_READ)) {
    const found = messageLanguage(text);
    if (found) return found;
  }
  return 'und';
}
