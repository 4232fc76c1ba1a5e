// Typo tolerance: a symmetric-delete dictionary (SymSpell's idea). Each dictionary word is stored
// under itself and its one-letter deletions; a query word's one-letter deletions are looked up the
// same way, which finds every word within about two edits without scanning the dictionary.

export class FuzzyDictionary {
  private readonly byDeletion = new Map<string, Set<string>>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      if (word.length < 4) continue;
      for (const key of variants(word)) {
        let set = this.byDeletion.get(key);
        if (!set) this.byDeletion.set(key, (set = new Set()));
        set.add(word);
      }
    }
  }

  /** The closest dictionary word within the allowed distance for the word's length, or undefined. */
  closest(word: string): { word: string; distance: number } | undefined {
    const allowed = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
    if (allowed === 0) return undefined;
    let best: { word: string; distance: number } | undefined;
    for (const key of variants(word)) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        if (Math.abs(candidate.length - word.length) > allowed) continue;
        const distance = damerauLevenshtein(word, candidate, allowed);
        if (distance > allowed || distance === 0) continue;
        // Prefer fewer edits, then a shared first letter (typos rarely hit the first letter), then the longer word.
        if (!best || distance < best.distance || (distance === best.distance && rank(word, candidate) > rank(word, best.word))) {
          best = { word: candidate, distance };
        }
      }
    }
    return best;
  }
}

function rank(query: string, candidate: string): number {
  return (query[0] === candidate[0] ? 100 : 0) + candidate.length;
}

function variants(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}
