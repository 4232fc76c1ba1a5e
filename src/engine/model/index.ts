// Trains the engine's model for a content pack: the corpus read the way live messages are
// (redacted, normalised, analysed), the classifier, its calibration and decision policy.
import type { ContentPack } from '../../content/index.js';
import { redact } from '../privacy/redact.js';
import type { Reader } from '../reading.js';
import { corpusHash } from './calibration.js';
import { Classifier, DEFAULT_CLASSIFIER, labelsOf, trainingTexts, type ClassifierOptions, type LabelledText } from './classifier.js';
import type { Features } from './features.js';
import { DEFAULT_POLICY, type Policy } from './policy.js';

export interface Model {
  classifier: Classifier;
  policy: Policy;
  topics: ReadonlySet<string>;
  /** Whether content/training/calibration.json was made for this very corpus. */
  calibrated: boolean;
  trainingMs: number;
}

export type Example = LabelledText & { features: Features };

/** The corpus as features, read exactly as a customer's message would be. */
export function readCorpus(pack: ContentPack, reader: Reader): Example[] {
  return trainingTexts(pack).map((t) => ({ ...t, features: reader.read(redact(t.text).text).features }));
}

export function modelSettings(o: ClassifierOptions = DEFAULT_CLASSIFIER): unknown {
  return { model: o.model, logistic: o.logistic };
}

export function trainModel(pack: ContentPack, reader: Reader, options: Partial<ClassifierOptions> = {}): Model {
  const started = performance.now();
  const labels = labelsOf(pack);
  const examples = readCorpus(pack, reader);
  const c = pack.calibration;
  const base: ClassifierOptions = { ...DEFAULT_CLASSIFIER, ...(c ? { model: c.model, temperature: c.temperature } : {}), ...options };
  const calibrated = !!c && c.corpusHash === corpusHash(labels, examples, modelSettings(base));
  const classifier = Classifier.train(labels, examples, base);
  return {
    classifier,
    policy: c ? { ...c.policy } : { ...DEFAULT_POLICY },
    topics: new Set(pack.topics.map((t) => t.id)),
    calibrated,
    trainingMs: performance.now() - started,
  };
}
