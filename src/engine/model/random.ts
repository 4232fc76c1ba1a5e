// A small seeded generator, so training is the same on every run and machine.

/** mulberry32: fast, 32-bit state, good enough for shuffling and initialising. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** FNV-1a, 32 bits: a fixed number for a string. */
function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A pseudo-random order of `keys` for `round` that depends on each key alone: adding or dropping
 * one item leaves the others in the same order (a shuffle would reorder them all), so a small
 * change to the corpus makes a small change to what training sees. Ties keep the input order.
 */
export function orderByKey(keys: readonly string[], round: number, seed: number): number[] {
  const salt = fnv1a(`${seed}:${round}:`);
  const h = keys.map((k) => fnv1a(k, salt));
  return keys.map((_, i) => i).sort((a, b) => h[a]! - h[b]! || a - b);
}
