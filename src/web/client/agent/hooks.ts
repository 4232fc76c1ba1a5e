// Hooks the console's views share.
import { useEffect, useState } from 'preact/hooks';

/** A store's state, rendered again at each change. */
export function useStore<S>(store: { state: S; subscribe(fn: (s: S) => void): () => void }): S {
  const [s, set] = useState(store.state);
  useEffect(() => store.subscribe(set), [store]);
  return s;
}

/** The wall clock, ticking every `ms`: for "ventar 2 min". */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
