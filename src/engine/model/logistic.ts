// Multinomial logistic regression over sparse features, trained with AdaGrad and L2 on the
// weights an example touches. Deterministic: each epoch's order comes from the examples' keys
// (their texts) and the seed, no other randomness.
import type { Features } from './features.js';
import { orderByKey, seeded, shuffled } from './random.js';

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** `key`: each epoch's order from the examples' keys (stable under small corpus changes); `shuffle`: a seeded shuffle. */
  order: 'key' | 'shuffle';
}

export const DEFAULT_LOGISTIC: Readonly<LogisticOptions> = Object.freeze({ epochs: 6, learningRate: 0.5, l2: 1e-5, seed: 7, order: 'key' });

/** A class whose gradient is smaller than this is left alone for that example. */
const SKIP = 1e-3;

export interface Sample {
  features: Features;
  label: number;
  weight?: number;
  /** What orders the example in training (its text); without keys the examples are shuffled. */
  key?: string;
}

/** A trained model: feature index, weights (feature-major), biases. */
export class LogisticModel {
  private constructor(
    readonly classes: number,
    private readonly index: Map<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static train(samples: readonly Sample[], classes: number, o: LogisticOptions = DEFAULT_LOGISTIC): LogisticModel {
    const index = new Map<string, number>();
    const encoded = samples.map((s) => ({ ...encode(s.features, index, true), label: s.label, weight: s.weight ?? 1 }));
    const C = classes;
    const W = new Float32Array(index.size * C);
    // AdaGrad with one accumulator per feature (not per weight): a square root per feature, not per class.
    const G = new Float64Array(index.size).fill(1e-6);
    const b = new Float32Array(C);
    const Gb = new Float64Array(C).fill(1e-6);
    const p = new Float64Array(C);
    const g = new Float64Array(C);
    const active = new Int32Array(C);
    const random = seeded(o.seed);
    const keys = o.order === 'key' && samples.every((s) => s.key !== undefined) ? samples.map((s) => s.key!) : undefined;
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = keys ? orderByKey(keys, epoch, o.seed).map((i) => encoded[i]!) : shuffled(encoded, random);
      for (const s of order) {
        scores(s.ids, s.values, W, b, C, p);
        softmax(p);
        // Classes the model already gives (almost) nothing need no update: most of them, after the first epoch.
        let n = 0;
        let gg = 0;
        for (let c = 0; c < C; c++) {
          const gc = (p[c]! - (c === s.label ? 1 : 0)) * s.weight;
          if (Math.abs(gc) < SKIP) continue;
          g[c] = gc;
          active[n++] = c;
          gg += gc * gc;
          Gb[c]! += gc * gc;
          b[c]! -= (o.learningRate * gc) / Math.sqrt(Gb[c]!);
        }
        for (let k = 0; k < s.ids.length; k++) {
          const f = s.ids[k]!;
          const base = f * C;
          const x = s.values[k]!;
          G[f]! += gg * x * x;
          const rate = o.learningRate / Math.sqrt(G[f]!);
          for (let a = 0; a < n; a++) {
            const i = base + active[a]!;
            W[i]! -= rate * (g[active[a]!]! * x + o.l2 * W[i]!);
          }
        }
      }
    }
    return new LogisticModel(C, index, W, b);
  }

  /** Whether training ever saw this feature. */
  knows(feature: string): boolean {
    return this.index.has(feature);
  }

  /** Raw scores (logits) per class; features the model never saw are ignored. */
  logits(features: Features): Float64Array {
    const { ids, values } = encode(features, this.index, false);
    const out = new Float64Array(this.classes);
    scores(ids, values, this.weights, this.bias, this.classes, out);
    return out;
  }

  /** The trained model as data: feature names, biases, and the weights as bytes. */
  serialise(): { classes: number; features: string[]; bias: number[]; weights: Buffer } {
    return { classes: this.classes, features: [...this.index.keys()], bias: [...this.bias], weights: Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength) };
  }

  static deserialise(d: { classes: number; features: string[]; bias: number[]; weights: Buffer }): LogisticModel {
    if (d.weights.byteLength !== d.features.length * d.classes * 4) throw new Error('model weights do not match its features');
    const weights = new Float32Array(d.features.length * d.classes);
    new Uint8Array(weights.buffer).set(d.weights);
    return new LogisticModel(d.classes, new Map(d.features.map((f, i) => [f, i])), weights, Float32Array.from(d.bias));
  }

  get size(): { features: number; bytes: number } {
    return { features: this.index.size, bytes: this.weights.byteLength + this.bias.byteLength };
  }
}

function encode(features: Features, index: Map<string, number>, grow: boolean): { ids: number[]; values: number[] } {
  const ids: number[] = [];
  const values: number[] = [];
  for (const [name, value] of features) {
    let id = index.get(name);
    if (id === undefined) {
      if (!grow) continue;
      id = index.size;
      index.set(name, id);
    }
    ids.push(id);
    values.push(value);
  }
  return { ids, values };
}

function scores(ids: readonly number[], values: readonly number[], W: Float32Array, b: Float32Array, C: number, out: Float64Array): void {
  for (let c = 0; c < C; c++) out[c] = b[c]!;
  for (let k = 0; k < ids.length; k++) {
    const base = ids[k]! * C;
    const x = values[k]!;
    for (let c = 0; c < C; c++) out[c]! += W[base + c]! * x;
  }
}

/** In place; `temperature` > 1 softens over-confident scores. */
export function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp((z[i]! - max) / temperature);
    sum += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}
