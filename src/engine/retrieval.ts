// Ranks topics for a bag of query terms. A topic scores by how much of the query it covers (over
// its title, phrasings, keywords and answer, each field weighted) and by how much of its best
// matching question the query covers; both weighted by how rare each term is (idf).
import type { Topic } from '../content/index.js';
import type { Analyser, Term } from './analyse.js';
import type { Tuning } from './tuning.js';


export interface Ranked {
  topic: Topic;
  score: number;
  /** Share of the best matching question of the topic that the query covers (0–1). */
  questionMatch: number;
}

interface Posting {
  topic: number;
  weight: number;
}

export class TopicIndex {
  private readonly topicPostings = new Map<string, Posting[]>();
  /** term → questions (title or phrasing) containing it. */
  private readonly questionPostings = new Map<string, number[]>();
  private readonly questionTopic: number[] = [];
  private readonly questionTerms: string[][] = [];
  private readonly questionMass: number[] = [];
  private readonly idfs = new Map<string, number>();

  constructor(
    readonly topics: readonly Topic[],
    analyser: Analyser,
    private readonly tuning: Tuning,
  ) {
    for (const topic of topics) {
      for (const text of [topic.title, ...topic.phrasings, ...topic.keywords, topic.answer]) analyser.learn(text);
    }
    analyser.seal();
    const fieldWeights = topics.map((topic) => {
      const weights = new Map<string, number>();
      const put = (text: string, w: number) => {
        for (const { term } of analyser.analyse(text)) weights.set(term, Math.max(weights.get(term) ?? 0, w));
      };
      put(topic.answer, tuning.answerWeight);
      for (const k of topic.keywords) put(k, tuning.keywordWeight);
      for (const q of questionsOf(topic)) put(q, tuning.questionWeight);
      return weights;
    });
    const n = topics.length;
    const df = new Map<string, number>();
    for (const weights of fieldWeights) for (const term of weights.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, d] of df) this.idfs.set(term, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
    fieldWeights.forEach((weights, t) => {
      for (const [term, weight] of weights) push(this.topicPostings, term, { topic: t, weight });
    });
    topics.forEach((topic, t) => {
      for (const question of questionsOf(topic)) {
        const terms = [...new Set(analyser.analyse(question).map((x) => x.term))];
        const q = this.questionTopic.length;
        this.questionTopic.push(t);
        this.questionTerms.push(terms);
        this.questionMass.push(terms.reduce((s, term) => s + this.idf(term), 0));
        for (const term of terms) push(this.questionPostings, term, q);
      }
    });
  }

  idf(term: string): number {
    // A term no topic uses still counts in the query's mass (the message is about something else
    // too), by how much the tuning trusts unknown words.
    return this.idfs.get(term) ?? this.tuning.unknownWeight * Math.log(1 + this.topics.length);
  }

  /** Query terms that say what the problem is: known to the index, not weak, not `generic`. */
  specificTerms(terms: readonly Term[], generic: ReadonlySet<string>): string[] {
    return [...new Set(terms.filter((t) => t.weight >= 0.5 && this.idfs.has(t.term) && !generic.has(t.term)).map((t) => t.term))];
  }

  has(term: string): boolean {
    return this.idfs.has(term);
  }

  /** Topics by score, best first; `terms` may repeat, the highest weight of a term counts. */
  rank(terms: readonly Term[], limit = 5): Ranked[] {
    const query = new Map<string, number>();
    for (const { term, weight } of terms) if (term) query.set(term, Math.max(query.get(term) ?? 0, weight));
    let mass = 0;
    for (const [term, w] of query) mass += w * this.idf(term);
    if (mass === 0) return [];
    const coverage = new Float64Array(this.topics.length);
    // Weak words alone ("ikkje", "fungerer") never pick a topic: it must share a real word.
    const sharesRealWord = new Uint8Array(this.topics.length);
    const questionHit = new Map<number, number>();
    for (const [term, w] of query) {
      const idf = this.idf(term);
      for (const p of this.topicPostings.get(term) ?? []) {
        coverage[p.topic]! += (w * idf * p.weight) / mass;
        if (w >= 0.5) sharesRealWord[p.topic] = 1;
      }
      for (const q of this.questionPostings.get(term) ?? []) questionHit.set(q, (questionHit.get(q) ?? 0) + w * idf);
    }
    const best = new Float64Array(this.topics.length);
    for (const [q, hit] of questionHit) {
      // Overlap of message and question over their union: missing words on either side count.
      const share = hit / (this.questionMass[q]! + this.tuning.queryInMatch * (mass - hit) + 1e-9);
      const t = this.questionTopic[q]!;
      if (share > best[t]!) best[t] = share;
    }
    const ranked: Ranked[] = [];
    for (let t = 0; t < this.topics.length; t++) {
      if (coverage[t] === 0 || !sharesRealWord[t]) continue;
      const score = this.tuning.coverageShare * coverage[t]! + (1 - this.tuning.coverageShare) * best[t]!;
      ranked.push({ topic: this.topics[t]!, score, questionMatch: best[t]! });
    }
    ranked.sort((a, b) => b.score - a.score);
    return ranked.slice(0, limit);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The ways a topic is asked: its title and phrasings; an error code by what it means. */
function questionsOf(topic: Topic): string[] {
  return topic.kind === 'error-code' ? [topic.title, ...(topic.meaning ? [topic.meaning] : []), ...topic.phrasings] : [topic.title, ...topic.phrasings];
}
