// Trains the engine's model for a content pack: the corpus read the way live messages are
// (redacted, normalised, analysed), the classifier, its calibration and decision policy.
import type { ContentPack } from '../../content/index.js';
import { redact } from '../privacy/redact.js';
import type { Reader } from '../reading.js';
import { defaultCacheDir, loadModel, modelKey, saveModel } from './cache.js';
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
  /** Loaded from the artifact cache rather than trained. */
  fromCache: boolean;
}

export type Example = LabelledText & { features: Features };

/** The corpus as features, read exactly as a customer's message would be. */
export function readCorpus(pack: ContentPack, reader: Reader): Example[] {
  return trainingTexts(pack).map((t) => ({ ...t, features: reader.read(redact(t.text).text).features }));
}

export function modelSettings(o: ClassifierOptions = DEFAULT_CLASSIFIER): unknown {
  return { model: o.model, logistic: o.logistic };
}

/**
 * The model for this pack: loaded from the artifact cache when one was made for exactly this
 * content, otherwise trained (and stored for the next start). `cacheDir: null` always trains.
 */
export function trainModel(pack: ContentPack, reader: Reader, options: Partial<ClassifierOptions> & { cacheDir?: string | null } = {}): Model {
  const started = performance.now();
  const labels = labelsOf(pack);
  const c = pack.calibration;
  const { cacheDir = defaultCacheDir(), ...rest } = options;
  const base: ClassifierOptions = { ...DEFAULT_CLASSIFIER, ...(c ? { model: c.model, temperature: c.temperature } : {}), ...rest };
  const policy = c ? { ...c.policy } : { ...DEFAULT_POLICY };
  const topics = new Set(pack.topics.map((t) => t.id));
  const key = modelKey(pack, labels, { ...(modelSettings(base) as object), calibration: c?.corpusHash ?? null });
  const cached = cacheDir && base.model === 'logistic' ? loadModel(cacheDir, key) : undefined;
  if (cached) {
    return { classifier: Classifier.fromLogistic(labels, cached.model, base.temperature), policy, topics, calibrated: cached.calibrated, trainingMs: performance.now() - started, fromCache: true };
  }
  const examples = readCorpus(pack, reader);
  const calibrated = !!c && c.corpusHash === corpusHash(labels, examples, modelSettings(base));
  const classifier = Classifier.train(labels, examples, base);
  const logistic = classifier.logistic;
  // Stored calibrated or not (an edited corpus is uncalibrated until `kundesenter calibrate`): a
  // live reload trains in a worker and the service then loads what it stored.
  if (cacheDir && logistic) saveModel(cacheDir, key, logistic, calibrated);
  return { classifier, policy, topics, calibrated, trainingMs: performance.now() - started, fromCache: false };
}
