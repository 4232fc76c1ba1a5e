// The outbox against SQLite and PostgreSQL, delivering to a real HTTP receiver on loopback, with
// the clock in the test's hand: delivery, back-off, dead rows and an admin's retry, a 400, two
// instances at once, and a lease that runs out under a sender that hangs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { defaultBackoff, outbox, type OutboxOptions, type Sender, type SendResult, type SettledEvent } from './outbox.js';
import { insertOrders, manualClock, renderOrder, startReceiver, type Receiver } from './testing.js';
import { webhookSender } from './webhook.js';

const SECRET = 'whsec_test_0123456789';
const START = new Date(Date.UTC(2026, 4, 12, 8, 0, 0));
const SECOND = 1000;

describe('default back-off', () => {
  it('doubles from 5 s with ±20 % jitter, and never waits more than an hour', () => {
    expect([1, 2, 3, 4].map((n) => defaultBackoff(n, () => 0.5))).toEqual([5, 10, 20, 40].map((s) => s * SECOND));
    expect(defaultBackoff(1, () => 0)).toBe(4 * SECOND);
    expect(defaultBackoff(1, () => 1)).toBe(6 * SECOND);
    expect(defaultBackoff(11, () => 0)).toBe(48 * 60 * SECOND);
    expect(defaultBackoff(11, () => 1)).toBe(60 * 60 * SECOND);
    expect(defaultBackoff(40, () => 0.5)).toBe(60 * 60 * SECOND);
  });
});

for (const target of testTargets) {
  if (target.skip) warnSkipped(`outbox tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`outbox on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let handle: DatabaseHandle;
    let receiver: Receiver | undefined;
    const extraHandles: DatabaseHandle[] = [];
    let clock: ReturnType<typeof manualClock>;

    beforeEach(async () => {
      where = testDatabaseLocation(target.name);
      handle = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      clock = manualClock(START);
    });
    afterEach(async () => {
      await receiver?.close();
      receiver = undefined;
      for (const h of extraHandles.splice(0)) await h.close();
      await handle.close();
      await where.cleanup();
    });

    const listen = async (options: Partial<Parameters<typeof startReceiver>[0]> = {}) => {
      receiver = await startReceiver({ secret: SECRET, now: clock.now, ...options });
      return receiver;
    };
    const webhook = (url: string, db = handle.db) => webhookSender({ url, secret: SECRET }, renderOrder(db), { now: clock.now });
    const box = (sender: Sender, options: Partial<OutboxOptions> = {}) => outbox({ db: handle.db, sender, now: clock.now, ...options });
    const order = async (id: string) => handle.db.selectFrom('action_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('delivers an order once, signed, with its headers; the order is delivered', async () => {
      const r = await listen();
      const [id] = await insertOrders(handle.db, 1, START);
      const seen: { event: SettledEvent; committed: string }[] = [];
      const o = box(webhook(r.url), {
        // The hook runs after the commit: the state it reads is already saved.
        onSettled: async (event) => {
          seen.push({ event, committed: (await order(event.orderId)).state });
        },
      });

      expect(await o.deliverDue()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(await o.deliverDue()).toEqual({ delivered: 0, retrying: 0, dead: 0 });

      expect(r.arrivals).toHaveLength(1);
      const arrival = r.arrivals[0]!;
      expect(arrival).toMatchObject({ key: id, attempt: '1', contentType: 'application/json', signed: true });
      expect(JSON.parse(arrival.body)).toEqual({ orderId: id, action: 'order-code-chip', fields: { address: 'Storgata 1' }, requestedAt: START.toISOString() });
      expect(await order(id!)).toMatchObject({ state: 'delivered', settled_at: START.toISOString() });
      const [row] = await o.forOrder(id!);
      expect(row).toMatchObject({ state: 'delivered', attempts: 1, lastError: null, deliveredAt: START, target: 'webhook' });
      expect(seen).toEqual([{ event: { orderId: id, outboxId: row!.id, result: 'delivered', attempts: 1 }, committed: 'delivered' }]);
    });

    it('retries with back-off while the receiver is down, then delivers exactly once', async () => {
      let r = await listen({ status: (_, i) => (i < 2 ? 503 : 200) });
      const port = r.port;
      const [id] = await insertOrders(handle.db, 1, START);
      const events: SettledEvent[] = [];
      const o = box(webhook(r.url), { onSettled: (e) => void events.push(e) });
      const nextAttempt = async () => (await o.forOrder(id!))[0]!.nextAttemptAt.getTime() - clock.now().getTime();

      // 5 s · 2^(n-1) ±20 %, and nothing is sent before it is due.
      for (const [attempt, base] of [[1, 5], [2, 10], [3, 20]] as const) {
        if (attempt === 3) {
          await r.close(); // now the port is closed: a network error
          receiver = undefined;
        }
        expect(await o.deliverDue()).toEqual({ delivered: 0, retrying: 1, dead: 0 });
        const wait = await nextAttempt();
        expect(wait).toBeGreaterThanOrEqual(base * 0.8 * SECOND);
        expect(wait).toBeLessThanOrEqual(base * 1.2 * SECOND);
        clock.advance(wait - 1);
        expect(await o.deliverDue()).toEqual({ delivered: 0, retrying: 0, dead: 0 });
        clock.advance(1);
      }
      r = await listen({ port, status: () => 200 });
      expect(await o.deliverDue()).toEqual({ delivered: 1, retrying: 0, dead: 0 });

      expect(r.acknowledged).toEqual([id]);
      expect(events.map((e) => [e.result, e.attempts, e.error])).toEqual([
        ['retrying', 1, 'HTTP 503'],
        ['retrying', 2, 'HTTP 503'],
        // ECONNREFUSED, or the pooled keep-alive socket found closed (UND_ERR_SOCKET)
        ['retrying', 3, expect.stringMatching(/^network error: (ECONNREFUSED|UND_ERR_SOCKET)$/)],
        ['delivered', 4, undefined],
      ]);
      expect((await o.forOrder(id!))[0]).toMatchObject({ state: 'delivered', attempts: 4, lastError: null });
      expect((await order(id!)).state).toBe('delivered');
    });

    it('gives up after maxAttempts; the order fails; an admin retry delivers it', async () => {
      let up = false;
      const r = await listen({ status: () => (up ? 200 : 503) });
      const [id] = await insertOrders(handle.db, 1, START);
      const o = box(webhook(r.url), { maxAttempts: 3, backoff: () => 60 * SECOND });

      const results = [];
      for (let i = 0; i < 4; i++) {
        results.push(await o.deliverDue());
        clock.advance(60 * SECOND);
      }
      expect(results.map((c) => (c.dead ? 'dead' : c.retrying ? 'retrying' : 'idle'))).toEqual(['retrying', 'retrying', 'dead', 'idle']);
      expect(r.arrivals).toHaveLength(3);
      const [dead] = await o.list({ state: 'dead' });
      expect(dead).toMatchObject({ orderId: id, attempts: 3, lastError: 'HTTP 503' });
      expect(await order(id!)).toMatchObject({ state: 'failed', settled_at: new Date(START.getTime() + 120 * SECOND).toISOString() });

      up = true;
      expect(await o.retry(dead!.id)).toMatchObject({ state: 'pending', attempts: 0, lastError: null, nextAttemptAt: clock.now() });
      expect((await order(id!)).state).toBe('requested');
      expect(await o.deliverDue()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(r.acknowledged).toEqual([id]);
      expect(r.arrivals.at(-1)?.attempt).toBe('1');
      expect((await order(id!)).state).toBe('delivered');

      // Nothing to retry in a delivered row, and nothing at all for an unknown id.
      expect(await o.retry(dead!.id)).toMatchObject({ state: 'delivered' });
      expect(await o.retry('no-such-row')).toBeNull();
      expect(await o.list({ state: 'dead' })).toEqual([]);
    });

    it('marks a row dead at once on a 400', async () => {
      const r = await listen({ status: () => 400 });
      const [id] = await insertOrders(handle.db, 1, START);
      const o = box(webhook(r.url));
      expect(await o.deliverDue()).toEqual({ delivered: 0, retrying: 0, dead: 1 });
      expect((await o.forOrder(id!))[0]).toMatchObject({ state: 'dead', attempts: 1, lastError: 'HTTP 400' });
      expect((await order(id!)).state).toBe('failed');
      clock.advance(24 * 3600 * SECOND);
      expect(await o.deliverDue()).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      expect(r.arrivals).toHaveLength(1);
    });

    it('waits as long as a Retry-After asks, within the cap', async () => {
      const r = await listen({ status: () => 429, headers: () => ({ 'Retry-After': '120' }) });
      const [id] = await insertOrders(handle.db, 1, START);
      const o = box(webhook(r.url), { backoff: () => SECOND });
      await o.deliverDue();
      expect((await o.forOrder(id!))[0]?.nextAttemptAt).toEqual(new Date(START.getTime() + 120 * SECOND));
    });

    it('keeps the saved state when onSettled fails, and says so', async () => {
      const r = await listen();
      const ids = await insertOrders(handle.db, 2, START);
      const o = box(webhook(r.url), {
        onSettled: (e) => {
          if (e.orderId === ids[0]) throw new Error('audit store down');
        },
      });
      await expect(o.deliverDue()).rejects.toThrow(/1 error\(s\) in deliverDue/);
      expect((await o.list({ state: 'delivered' })).map((x) => x.orderId).sort()).toEqual([...ids].sort());
      expect(await o.deliverDue()).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    });

    it('sends each order once when two instances deliver at the same time', async () => {
      const r = await listen({ delayMs: 5 });
      const ids = await insertOrders(handle.db, 24, START);
      const other = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      extraHandles.push(other);
      const a = box(webhook(r.url));
      const b = outbox({ db: other.db, sender: webhook(r.url, other.db), now: clock.now });

      const [ca, cb] = await Promise.all([a.deliverDue(), b.deliverDue()]);
      expect(ca.delivered + cb.delivered).toBe(24);
      expect(r.arrivals.map((x) => x.key).sort()).toEqual([...ids].sort());
      expect(r.arrivals.every((x) => x.signed && x.attempt === '1')).toBe(true);
      expect(await a.list({ state: 'delivered', limit: 100 })).toHaveLength(24);
    });

    it('takes over a row whose lease ran out; the first sender, late, cannot undo that', async () => {
      const r = await listen({ status: (_, i) => (i === 0 ? 503 : 200) });
      const [id] = await insertOrders(handle.db, 1, START);
      let release: (result: SendResult) => void = () => {};
      const hanging: Sender = { send: () => new Promise((resolve) => (release = resolve)) };
      const first = box(hanging, { leaseMs: 30 * SECOND });
      const second = box(webhook(r.url), { leaseMs: 30 * SECOND, backoff: () => 60 * SECOND });

      const stuck = first.deliverDue();
      await expect.poll(async () => (await first.forOrder(id!))[0]?.attempts).toBe(1);
      expect(await second.deliverDue()).toEqual({ delivered: 0, retrying: 0, dead: 0 }); // still leased
      clock.advance(30 * SECOND + 1);
      expect(await second.deliverDue()).toEqual({ delivered: 0, retrying: 1, dead: 0 }); // taken over: attempt 2

      // The first claim's verdict comes too late: attempt 2 decides, so the row is not dead.
      release({ ok: false, error: 'HTTP 400', retry: false });
      expect(await stuck).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      expect((await first.forOrder(id!))[0]).toMatchObject({ state: 'pending', attempts: 2, lastError: 'HTTP 503' });
      expect((await order(id!)).state).toBe('requested');

      clock.advance(60 * SECOND);
      expect(await second.deliverDue()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(r.arrivals.map((x) => x.attempt)).toEqual(['2', '3']);
    });
  });
}
