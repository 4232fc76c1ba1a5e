// Reads a message once for every part of the engine: normalised text, error codes, the
// vocabulary's intents, the analyser's terms, the ranker's view, and the model's features.
import type { ContentPack } from '../content/index.js';
import { Analyser, type Term } from './analyse.js';
import { findErrorCodes, type FoundCodes } from './error-codes.js';
import { IntentRecogniser, type IntentMatch } from './intents.js';
import { DEFAULT_FEATURE_WEIGHTS, featurise, type FeatureWeights, type Features } from './model/features.js';
import { normalise } from './normalise.js';
import { TopicIndex, type Ranked } from './retrieval.js';
import type { Tuning } from './tuning.js';

/** Messages are read up to this length; the rest cannot change which answer fits. */
export const MAX_READ = 2000;
/** The ranker's top topics become features of the model, so it learns how far to trust them. */
const RANKER_FEATURES = 3;

export interface Reading {
  normalised: string;
  codes: FoundCodes;
  intents: IntentMatch;
  terms: Term[];
  ranked: Ranked[];
  features: Features;
}

export interface Reader {
  read(text: string): Reading;
  index: TopicIndex;
}

export function createReader(pack: ContentPack, tuning: Tuning, weights: FeatureWeights & { ranker: number } = { ...DEFAULT_FEATURE_WEIGHTS, ranker: 0.6 }): Reader {
  const analyser = new Analyser(pack.vocabulary);
  const index = new TopicIndex(pack.topics, analyser, tuning);
  const recogniser = new IntentRecogniser(pack.vocabulary.intents);
  const knownCodes = new Set(pack.topics.flatMap((t) => t.codes));
  return {
    index,
    read(text) {
      const normalised = normalise(text.slice(0, MAX_READ));
      const terms = analyser.analyse(normalised);
      const ranked = index.rank(terms);
      const features = featurise(normalised, terms, weights);
      for (const r of ranked.slice(0, RANKER_FEATURES)) features.set(`r:${r.topic.id}`, r.score * weights.ranker);
      return { normalised, codes: findErrorCodes(normalised, knownCodes), intents: recogniser.recognise(normalised), terms, ranked, features };
    },
  };
}
