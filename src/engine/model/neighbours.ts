// Nearest neighbours over the training corpus: cosine similarity of feature vectors, the k most
// similar examples voting by similarity. The alternative the linear model is measured against.
import type { Features } from './features.js';
import type { Sample } from './logistic.js';

export class NeighbourModel {
  private readonly postings = new Map<string, { sample: number; value: number }[]>();
  private readonly norms: number[] = [];
  private readonly labels: number[] = [];

  constructor(
    samples: readonly Sample[],
    readonly classes: number,
    private readonly k = 7,
    private readonly sharpness = 12,
  ) {
    samples.forEach((s, i) => {
      let norm = 0;
      for (const [name, value] of s.features) {
        let list = this.postings.get(name);
        if (!list) this.postings.set(name, (list = []));
        list.push({ sample: i, value });
        norm += value * value;
      }
      this.norms.push(Math.sqrt(norm) || 1);
      this.labels.push(s.label);
    });
  }

  /** Whether training ever saw this feature. */
  knows(feature: string): boolean {
    return this.postings.has(feature);
  }

  /** Scores per class (log of similarity-weighted votes), comparable to the linear model's logits. */
  logits(features: Features): Float64Array {
    const dot = new Map<number, number>();
    let norm = 0;
    for (const [name, value] of features) {
      norm += value * value;
      for (const p of this.postings.get(name) ?? []) dot.set(p.sample, (dot.get(p.sample) ?? 0) + p.value * value);
    }
    norm = Math.sqrt(norm) || 1;
    const nearest = [...dot].map(([i, d]) => ({ i, sim: d / (norm * this.norms[i]!) })).sort((a, b) => b.sim - a.sim || a.i - b.i).slice(0, this.k);
    const votes = new Float64Array(this.classes).fill(1e-3);
    for (const n of nearest) votes[this.labels[n.i]!]! += Math.exp(this.sharpness * n.sim);
    return votes.map((v) => Math.log(v));
  }
}
