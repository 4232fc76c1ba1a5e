// Turns text into weighted terms: the vocabulary's concepts where it knows the word or phrase,
// otherwise the word's stem; unknown words are tried as compounds and as typos of known words.
import type { Vocabulary } from '../content/index.js';
import { FuzzyDictionary } from './fuzzy.js';
import { fold, normalise, words } from './normalise.js';
import { stem } from './stem.js';

export interface Term {
  term: string;
  /** 1 for a word as written; less for a guessed typo or a compound part. */
  weight: number;
}

const MAX_PHRASE = 5;
/** Weight of a weak concept (see the vocabulary's `weak`). */
const WEAK = 0.35;
/** Trust in a guessed reading of a word, by how it was found. */
const WEIGHT = { compound: 0.9, typo1: 0.8, typo2: 0.6 } as const;

/** "eg er 15", "på 12", "i'm 16", "15 år gammal": the customer's (or a child's) age. */
const AGE = /(?:^|\s)(?:er|e|på|pa|am|i'm|im|aged?|is)\s+(?:berre|bare|bærre|only|just|snart|nesten)?\s*(\d{1,2})(?!\d)|(?:^|\s)(\d{1,2})\s*(?:år|ar|years?)\s*(?:gammal|gammel|old)/g;

export class Analyser {
  private readonly phrases = new Map<string, string>();
  private readonly stopwords: Set<string>;
  private readonly weak: Set<string>;
  private readonly known = new Set<string>();
  private fuzzy: FuzzyDictionary | undefined;
  /** Folded surface word → its term, for typo correction. */
  private readonly surface = new Map<string, string>();

  constructor(vocabulary: Vocabulary) {
    for (const [concept, forms] of Object.entries(vocabulary.concepts)) {
      for (const form of forms) {
        const key = foldedWords(form).join(' ');
        if (key && !this.phrases.has(key)) this.phrases.set(key, concept);
        if (!key.includes(' ')) {
          const stemKey = stem(key);
          if (!this.phrases.has(`~${stemKey}`)) this.phrases.set(`~${stemKey}`, concept);
        }
      }
      this.known.add(concept);
    }
    this.stopwords = new Set(vocabulary.stopwords.map((w) => fold(normalise(w))));
    this.weak = new Set(vocabulary.weak);
  }

  /** Registers words of the knowledge base, so later queries can be corrected towards them. */
  learn(text: string): void {
    for (const word of foldedWords(text)) {
      if (this.stopwords.has(word) || /^\d+$/.test(word)) continue;
      const term = this.single(word, false)?.term;
      if (term) {
        this.known.add(term);
        if (!this.surface.has(word)) this.surface.set(word, term);
      }
    }
    this.fuzzy = undefined;
  }

  /** Freezes the learned vocabulary: builds the typo dictionary. */
  seal(): void {
    for (const key of this.phrases.keys()) {
      if (!key.startsWith('~') && !key.includes(' ') && !this.surface.has(key)) this.surface.set(key, this.phrases.get(key)!);
    }
    this.fuzzy = new FuzzyDictionary(this.surface.keys());
  }

  isKnown(term: string): boolean {
    return this.known.has(term);
  }

  analyse(text: string): Term[] {
    const normalised = normalise(text);
    const out: Term[] = [];
    for (const age of ages(normalised)) out.push({ term: age < 18 ? 'under18' : 'vaksen', weight: 1 });
    const ws = foldedWords(normalised);
    for (let i = 0; i < ws.length; ) {
      let matched = 0;
      for (let n = Math.min(MAX_PHRASE, ws.length - i); n >= 2; n--) {
        const concept = this.phrases.get(ws.slice(i, i + n).join(' '));
        if (concept) {
          out.push({ term: concept, weight: 1 });
          matched = n;
          break;
        }
      }
      if (matched) {
        i += matched;
        continue;
      }
      out.push(...this.word(ws[i]!));
      i++;
    }
    return out.map((t) => (this.weak.has(t.term) ? { ...t, weight: t.weight * WEAK } : t));
  }

  private word(word: string): Term[] {
    if (/^\d+$/.test(word)) return [];
    const direct = this.single(word, true);
    if (direct) return direct.term ? [direct] : [];
    if (word.includes('-') || word.includes("'")) {
      // "bankid-passordet": the parts, unless the joined word is known ("id-kort" → legitimasjon).
      const joined = word.replace(/['-]/g, '');
      const asOne = this.single(joined, true);
      if (asOne?.term && this.known.has(asOne.term)) return [asOne];
      return word.split(/['-]/).filter(Boolean).flatMap((part) => this.word(part));
    }
    const split = this.compound(word);
    if (split) return split;
    const typo = this.fuzzy?.closest(word);
    if (typo) return [{ term: this.surface.get(typo.word)!, weight: typo.distance === 1 ? WEIGHT.typo1 : WEIGHT.typo2 }];
    return [{ term: stem(word), weight: 1 }];
  }

  /**
   * A word found as it is: a vocabulary form, a stop word (term ''), or a stem the knowledge base
   * uses. `requireKnown` false when learning, where every stem is new.
   */
  private single(word: string, requireKnown: boolean): Term | undefined {
    const concept = this.phrases.get(word);
    if (concept) return { term: concept, weight: 1 };
    if (this.stopwords.has(word)) return { term: '', weight: 0 };
    const s = stem(word);
    const byStem = this.phrases.get(`~${s}`);
    if (byStem) return { term: byStem, weight: 1 };
    if (!requireKnown || this.known.has(s)) return { term: s, weight: 1 };
    return undefined;
  }

  /** "bankidpassord" → bankid + passord, when both parts are known words (with a linking s or e). */
  private compound(word: string): Term[] | undefined {
    if (word.length < 7) return undefined;
    let best: Term[] | undefined;
    let bestBalance = 0;
    for (let i = 3; i <= word.length - 3; i++) {
      const right = this.single(word.slice(i), true);
      if (!right?.term || !this.known.has(right.term)) continue;
      for (const left of [word.slice(0, i), word.slice(0, i - 1)]) {
        if (left.length < 3 || (left.length === i - 1 && !/[se]$/.test(word.slice(0, i)))) continue;
        const l = this.single(left, true);
        if (!l?.term || !this.known.has(l.term)) continue;
        const balance = Math.min(left.length, word.length - i);
        if (balance > bestBalance) {
          bestBalance = balance;
          best = [
            { term: l.term, weight: WEIGHT.compound },
            { term: right.term, weight: WEIGHT.compound },
          ];
        }
      }
    }
    return best;
  }
}

function foldedWords(text: string): string[] {
  return words(normalise(text)).map(fold);
}

function ages(normalised: string): number[] {
  const out: number[] = [];
  for (const m of normalised.matchAll(AGE)) {
    const n = Number(m[1] ?? m[2]);
    if (n >= 6 && n <= 99) out.push(n);
  }
  return out;
}
