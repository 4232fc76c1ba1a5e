// The learned part of the engine: a classifier over every label a message can have (each help
// topic, and urgent, not-covered, out-of-scope, off-topic, human, not-helped, greeting, thanks),
// trained on the content pack's training corpus plus each topic's own title and phrasings.
import { nonTopicLabels, urgentKinds, type ContentPack, type TrainingExample } from '../../content/index.js';
import { DEFAULT_LOGISTIC, LogisticModel, softmax, type LogisticOptions, type Sample } from './logistic.js';
import { NeighbourModel } from './neighbours.js';
import type { Features } from './features.js';
import { URGENT_PREFIX } from './policy.js';

export type ModelKind = 'logistic' | 'neighbours';

export interface LabelledText {
  label: string;
  text: string;
  /** Who wrote it: cross-validation holds out whole writers. */
  writer: string;
}

export interface ClassProbability {
  label: string;
  p: number;
}

export interface ClassifierOptions {
  model: ModelKind;
  logistic: LogisticOptions;
  /** Softmax temperature from cross-validation: > 1 tempers an over-confident model. */
  temperature: number;
}

export const DEFAULT_CLASSIFIER: Readonly<ClassifierOptions> = Object.freeze({ model: 'logistic', logistic: DEFAULT_LOGISTIC, temperature: 1 });

/** The corpus and, as examples written by the bank, each topic's title and phrasings. */
export function trainingTexts(pack: ContentPack): LabelledText[] {
  const fromTopics = pack.topics.flatMap((t) =>
    [t.title, ...t.phrasings, ...t.codes.map((c) => `BID-${c}`)].map((text) => ({ label: t.id, text, writer: 'content' })),
  );
  return [...fromTopics, ...pack.training.map((e) => ({ label: modelLabel(e), text: e.text, writer: e.writer }))];
}

/** Urgent examples are learned by kind ("urgent:fake-caller"), so the advisor is told which. */
function modelLabel(e: TrainingExample): string {
  return e.label === 'urgent' ? `${URGENT_PREFIX}${e.kind}` : e.label;
}

export function labelsOf(pack: ContentPack): string[] {
  return [...pack.topics.map((t) => t.id), ...urgentKinds.map((k) => `${URGENT_PREFIX}${k}`), ...nonTopicLabels.filter((l) => l !== 'urgent')];
}

export class Classifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly scorer: { logits(f: Features): Float64Array; knows(feature: string): boolean },
    private readonly temperature: number,
  ) {}

  static train(labels: readonly string[], examples: readonly { label: string; features: Features; text?: string }[], o: ClassifierOptions = DEFAULT_CLASSIFIER): Classifier {
    const id = new Map(labels.map((l, i) => [l, i]));
    // Every label weighs the same in training however many examples it has.
    const counts = new Map<string, number>();
    for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    const mean = examples.length / counts.size;
    const samples: Sample[] = examples.map((e) => {
      const label = id.get(e.label);
      if (label === undefined) throw new Error(`unknown label ${e.label}`);
      return { features: e.features, label, weight: Math.sqrt(mean / counts.get(e.label)!), ...(e.text !== undefined ? { key: `${e.label}\u0000${e.text}` } : {}) };
    });
    const scorer = o.model === 'logistic' ? LogisticModel.train(samples, labels.length, o.logistic) : new NeighbourModel(samples, labels.length);
    return new Classifier(labels, scorer, o.temperature);
  }

  /** A logistic model stored by `cache.ts`, with the temperature to use now. */
  static fromLogistic(labels: readonly string[], model: LogisticModel, temperature: number): Classifier {
    return new Classifier(labels, model, temperature);
  }

  get logistic(): LogisticModel | undefined {
    return this.scorer instanceof LogisticModel ? this.scorer : undefined;
  }

  /** Every label with its probability, most probable first. */
  classify(features: Features): ClassProbability[] {
    const p = softmax(this.scorer.logits(features), this.temperature);
    return this.labels.map((label, i) => ({ label, p: p[i]! })).sort((a, b) => b.p - a.p);
  }

  /**
   * Whether any word of the message, or any concept the analyser read in it (typos corrected),
   * was seen in training. Character n-grams alone do not count: "jkjkjkjk" shares some with real
   * words but means nothing the model has learned.
   */
  knowsAnyWord(features: Features): boolean {
    for (const name of features.keys()) if ((name.startsWith('w:') || name.startsWith('t:')) && this.scorer.knows(name)) return true;
    return false;
  }

  /** Raw scores, for calibration. */
  logits(features: Features): Float64Array {
    return this.scorer.logits(features);
  }

  get size(): { features: number; bytes: number } | undefined {
    return this.scorer instanceof LogisticModel ? this.scorer.size : undefined;
  }
}
