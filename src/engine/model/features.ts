// What the model sees of a message: character n-grams inside words (typos, inflections,
// compounds, nynorsk/bokmål spellings), the words and word pairs, and the analyser's terms (the
// vocabulary's concepts and stems). Each group is scaled to unit length and weighted, so a long
// word's many n-grams do not outweigh what the words say.
import { fold, words } from '../normalise.js';
import type { Term } from '../analyse.js';

/** A sparse feature vector: feature name → value. */
export type Features = Map<string, number>;

export interface FeatureWeights {
  chars: number;
  words: number;
  pairs: number;
  terms: number;
}

export const DEFAULT_FEATURE_WEIGHTS: Readonly<FeatureWeights> = Object.freeze({ chars: 1, words: 0.8, pairs: 0.5, terms: 0.8 });

const MIN_GRAM = 3;
const MAX_GRAM = 5;

/** `normalised` is the output of normalise(); `terms` the analyser's reading of it. */
export function featurise(normalised: string, terms: readonly Term[], w: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Features {
  const ws = words(normalised).map(fold);
  const chars = new Map<string, number>();
  const unigrams = new Map<string, number>();
  const pairs = new Map<string, number>();
  const concepts = new Map<string, number>();
  const add = (m: Map<string, number>, key: string, v = 1) => m.set(key, (m.get(key) ?? 0) + v);
  for (let i = 0; i < ws.length; i++) {
    const word = /^\d+$/.test(ws[i]!) ? '0' : ws[i]!;
    add(unigrams, `w:${word}`);
    add(pairs, `p:${i === 0 ? '^' : ws[i - 1]}_${word}`);
    const padded = `<${word}>`;
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
      for (let j = 0; j + n <= padded.length; j++) add(chars, `c:${padded.slice(j, j + n)}`);
    }
  }
  if (ws.length) add(pairs, `p:${ws.at(-1)}_$`);
  for (const t of terms) if (t.term) add(concepts, `t:${t.term}`, t.weight);
  const out: Features = new Map();
  merge(out, chars, w.chars);
  merge(out, unigrams, w.words);
  merge(out, pairs, w.pairs);
  merge(out, concepts, w.terms);
  return out;
}

/** Adds `group`, with sub-linear counts, scaled to length `weight`. */
function merge(out: Features, group: Map<string, number>, weight: number): void {
  if (!group.size || weight === 0) return;
  let norm = 0;
  for (const [k, v] of group) {
    const x = Math.log1p(v);
    group.set(k, x);
    norm += x * x;
  }
  const scale = weight / Math.sqrt(norm);
  for (const [k, v] of group) out.set(k, (out.get(k) ?? 0) + v * scale);
}

/** `a` plus `b` scaled by `weight`: a follow-up read together with what came before. */
export function blend(a: Features, b: Features, weight: number): Features {
  const out: Features = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v * weight);
  return out;
}
