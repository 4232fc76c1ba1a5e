// The failed-login throttle on both stores: memory (one instance) and Redis (a cluster).
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl, warnSkipped } from '../db/testing.js';
import { loginThrottle, memoryCounters, redisCounters, type CounterStore } from './login-throttle.js';

const limits = { perAccountAndAddress: 3, pauseSeconds: 60, perAccount: 6, perAddress: 8, windowMinutes: 15 };

async function refused(p: Promise<void>): Promise<number | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return (e as { details?: { retryAfterSeconds: number } }).details?.retryAfterSeconds ?? -1;
  }
}

function suite(name: string, store: () => CounterStore, advance: (ms: number) => Promise<void>) {
  describe(`login throttle on ${name}`, () => {
    it('pauses one account from one address after its failures, for a minute, and forgets them on success', async () => {
      const t = loginThrottle(store(), limits);
      const who = `kari-${randomUUID()}@bank.no`;
      for (let i = 0; i < 3; i++) {
        expect(await refused(t.check(who, '10.0.0.1'))).toBeNull();
        await t.failed(who, '10.0.0.1');
      }
      const wait = await refused(t.check(who, '10.0.0.1'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      // the same person from another address is not paused by it
      expect(await refused(t.check(who, '10.0.0.2'))).toBeNull();
      await advance(61_000);
      expect(await refused(t.check(who, '10.0.0.1'))).toBeNull();
      await t.succeeded(who, '10.0.0.1');
      await t.failed(who, '10.0.0.1');
      expect(await refused(t.check(who, '10.0.0.1'))).toBeNull();
    });

    it('pauses an account guessed at from many addresses, and an address guessing many accounts', async () => {
      const t = loginThrottle(store(), limits);
      const who = `ola-${randomUUID()}@bank.no`;
      for (let i = 0; i < 6; i++) await t.failed(who, `10.1.0.${i}`);
      expect(await refused(t.check(who, '10.1.1.1'))).toBeGreaterThan(60);
      const address = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 8; i++) await t.failed(`x${i}-${randomUUID()}@bank.no`, address);
      expect(await refused(t.check(`new-${randomUUID()}@bank.no`, address))).toBeGreaterThan(60);
    });
  });
}

let clock = Date.UTC(2026, 10, 24, 9, 0);
suite('memory', () => memoryCounters(() => new Date(clock)), async (ms) => {
  clock += ms;
});

if (!testRedisUrl) warnSkipped('login throttle on Redis', 'TEST_REDIS_URL');
describe.skipIf(!testRedisUrl)('redis', () => {
  const redis = testRedisUrl ? new Redis(testRedisUrl) : undefined;
  afterAll(async () => {
    await redis?.quit();
  });
  // Redis keeps its own time: a short pause stands in for the minute.
  const short = { ...limits, pauseSeconds: 1 };
  it('pauses after the failures and lets go when the pause has passed', async () => {
    const t = loginThrottle(redisCounters(redis!, `test-${randomUUID()}:`), short);
    for (let i = 0; i < 3; i++) await t.failed('kari@bank.no', '10.0.0.1');
    expect(await refused(t.check('kari@bank.no', '10.0.0.1'))).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await refused(t.check('kari@bank.no', '10.0.0.1'))).toBeNull();
  });
});
