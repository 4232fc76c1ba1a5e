// Whether a message is in English: by its function words, which short chat messages always have
// ("my", "the", "is", "how") and Norwegian ones never share. Used only to say, in English, that
// the bank's answers are in Norwegian.
import { words } from './normalise.js';

const ENGLISH = new Set(['i', 'my', 'me', 'the', 'is', 'are', 'was', 'how', 'what', 'why', 'when', 'where', 'can', 'could', 'do', 'does', "doesn't", "don't", "can't", "i'm", 'it', 'its', "it's", 'not', 'have', 'has', 'with', 'and', 'to', 'of', 'on', 'get', 'got', 'please', 'help', 'you', 'your', 'this', 'that', 'there', 'should', 'would', 'will', 'keeps', 'just']);
const NORWEGIAN = new Set(['eg', 'jeg', 'æ', 'e', 'ikkje', 'ikke', 'itj', 'kva', 'hva', 'ka', 'korleis', 'hvordan', 'kossen', 'er', 'har', 'og', 'på', 'til', 'med', 'min', 'mi', 'mitt', 'mine', 'det', 'den', 'ein', 'en', 'eit', 'et', 'som', 'for', 'kan', 'må', 'får', 'fekk', 'fikk', 'no', 'nå', 'meg', 'deg', 'du', 'dykk', 'dere', 'ho', 'hun', 'han', 'bankid-en', 'appen', 'kodebrikka', 'kodebrikken']);

export function isEnglish(normalised: string): boolean {
  let en = 0;
  let no = 0;
  for (const w of words(normalised)) {
    if (ENGLISH.has(w)) en++;
    if (NORWEGIAN.has(w)) no++;
  }
  return en >= 2 && en > no * 2;
}
