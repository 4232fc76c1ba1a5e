// Failed logins, counted per account and address, per account and per address: a guesser is
// slowed down wherever they come from, while the real user, who fails a few times at most, is
// never paused for long. Only failures count, so the right password is not refused because of
// earlier requests. Counters live in Redis in cluster mode (all instances see them), else in memory.
import type { Redis } from 'ioredis';
import { rateLimited } from './limits.js';

export interface LoginThrottleLimits {
  /** Failures of one account from one address before a pause of `pauseSeconds`. */
  perAccountAndAddress: number;
  pauseSeconds: number;
  /** Failures of one account from anywhere in `windowMinutes`: then it pauses for the rest of them. */
  perAccount: number;
  /** Failures from one address, any account, in `windowMinutes`. */
  perAddress: number;
  windowMinutes: number;
}

export const defaultLoginThrottle: LoginThrottleLimits = Object.freeze({
  perAccountAndAddress: 5,
  pauseSeconds: 60,
  perAccount: 20,
  perAddress: 30,
  windowMinutes: 15,
});

/** A counter per key that expires `ttlMs` after its first increment. */
export interface CounterStore {
  /** The count and how long until it expires, in ms (0 when absent). */
  get(key: string): Promise<{ count: number; ttlMs: number }>;
  increment(key: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export function memoryCounters(now: () => Date): CounterStore {
  const counters = new Map<string, { count: number; expiresAt: number }>();
  /** Expired counters are swept when the map has doubled since the last sweep: amortised O(1). */
  let sweepAt = 10_000;
  const live = (key: string) => {
    const c = counters.get(key);
    if (c && c.expiresAt <= now().getTime()) counters.delete(key);
    return counters.get(key);
  };
  return {
    async get(key) {
      const c = live(key);
      return c ? { count: c.count, ttlMs: c.expiresAt - now().getTime() } : { count: 0, ttlMs: 0 };
    },
    async increment(key, ttlMs) {
      const c = live(key);
      if (c) c.count++;
      else counters.set(key, { count: 1, expiresAt: now().getTime() + ttlMs });
      if (counters.size > sweepAt) {
        for (const k of [...counters.keys()]) live(k); // an address flood must not grow memory
        sweepAt = Math.max(10_000, counters.size * 2);
      }
    },
    async delete(key) {
      counters.delete(key);
    },
  };
}

export function redisCounters(redis: Redis, prefix: string): CounterStore {
  return {
    async get(key) {
      const [count, ttl] = await redis.multi().get(prefix + key).pttl(prefix + key).exec().then((r) => (r ?? []).map(([, v]) => v));
      return { count: Number(count ?? 0), ttlMs: Math.max(0, Number(ttl ?? 0)) };
    },
    async increment(key, ttlMs) {
      // NX: the window runs from the first failure, however many follow.
      await redis.multi().incr(prefix + key).pexpire(prefix + key, ttlMs, 'NX').exec();
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
  };
}

export function loginThrottle(store: CounterStore, limits: LoginThrottleLimits = defaultLoginThrottle) {
  const keys = (account: string, address: string) => ({
    pair: `pair:${account}|${address}`,
    account: `account:${account}`,
    address: `address:${address}`,
  });
  const window = limits.windowMinutes * 60_000;
  return {
    /** Throws ERR_RATE_LIMITED (429, with Retry-After) while any of the three is over its limit. */
    async check(account: string, address: string): Promise<void> {
      const k = keys(account, address);
      const [pair, acc, addr] = await Promise.all([store.get(k.pair), store.get(k.account), store.get(k.address)]);
      const waits = [
        pair.count >= limits.perAccountAndAddress ? pair.ttlMs : 0,
        acc.count >= limits.perAccount ? acc.ttlMs : 0,
        addr.count >= limits.perAddress ? addr.ttlMs : 0,
      ];
      const wait = Math.max(...waits);
      if (wait > 0) throw rateLimited(Math.ceil(wait / 1000));
    },
    async failed(account: string, address: string): Promise<void> {
      const k = keys(account, address);
      await Promise.all([store.increment(k.pair, limits.pauseSeconds * 1000), store.increment(k.account, window), store.increment(k.address, window)]);
    },
    /** The right password: this address's failures for the account are forgotten. */
    async succeeded(account: string, address: string): Promise<void> {
      await store.delete(keys(account, address).pair);
    },
  };
}
export type LoginThrottle = ReturnType<typeof loginThrottle>;
