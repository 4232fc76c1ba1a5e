// kill -9 in the middle of sending: a worker process (outbox-worker.testing.ts) delivers to a slow
// receiver here, is killed with requests in flight, and is started again. Every order must reach
// the bank, and only what was in flight at the kill may arrive twice (the bank dedupes those by
// the idempotency key). Real time in the worker, with a short lease.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { testDatabaseLocation, testTargets, warnSkipped, type TestDatabaseLocation } from '../db/testing.js';
import { insertOrders, startReceiver, type Receiver } from './testing.js';

const WORKER = fileURLToPath(new URL('./outbox-worker.testing.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'whsec_kill_test';
const ORDERS = 40;
/** The arrival on which the worker is killed: it is then in flight, with up to three others. */
const KILL_ON_ARRIVAL = 12;
/** The worker sends this many at once (the outbox's default concurrency): the most that can be in flight. */
const CONCURRENCY = 4;
const LEASE_MS = 1000;
/** Below the lease, so a slow answer is never sent twice by the living worker. */
const TIMEOUT_MS = 800;
const RECEIVER_DELAY_MS = 100;
/** Long before any clock this runs on: the rows are due at once in real time. */
const CREATED = new Date(Date.UTC(2000, 0, 1));

function startWorker(where: TestDatabaseLocation, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      ...process.env,
      OUTBOX_DATA_DIR: where.dataDir,
      OUTBOX_DATABASE_URL: where.databaseUrl ?? '',
      OUTBOX_PG_SCHEMA: where.pgSchema ?? '',
      OUTBOX_WEBHOOK_URL: url,
      OUTBOX_WEBHOOK_SECRET: SECRET,
      OUTBOX_LEASE_MS: String(LEASE_MS),
      OUTBOX_TIMEOUT_MS: String(TIMEOUT_MS),
      OUTBOX_TICK_MS: '50',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code, signal) => reject(new Error(`the worker ended before it was ready (${code ?? signal})`)));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

const count = <T>(items: T[]) => items.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

for (const target of testTargets) {
  if (target.skip) warnSkipped(`outbox kill -9 test on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`outbox worker killed mid-send on ${target.name}`, () => {
    let where: TestDatabaseLocation;
    let handle: DatabaseHandle | undefined;
    let receiver: Receiver | undefined;
    let worker: ChildProcess | undefined;
    afterAll(async () => {
      worker?.kill('SIGKILL');
      await receiver?.close();
      await handle?.close();
      await where?.cleanup();
    });

    const leasedOrders = async (db: DatabaseHandle) =>
      (await db.db.selectFrom('outbox').select('order_id').where('state', '=', 'pending').where('lease_until', 'is not', null).execute()).map((r) => r.order_id);
    const delivered = async (db: DatabaseHandle) =>
      Number((await db.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'delivered').executeTakeFirstOrThrow()).n);

    it('delivers every order after a SIGKILL, repeating only what was in flight', async () => {
      where = testDatabaseLocation(target.name);
      handle = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
      const ids = await insertOrders(handle.db, ORDERS, CREATED);

      let inFlightAtKill = 0;
      receiver = await startReceiver({
        secret: SECRET,
        now: () => new Date(), // the worker signs on real time
        delayMs: RECEIVER_DELAY_MS,
        onArrival: () => {
          if (receiver!.arrivals.length !== KILL_ON_ARRIVAL) return;
          inFlightAtKill = receiver!.inFlight();
          worker!.kill('SIGKILL');
        },
      });

      worker = await startWorker(where, receiver.url);
      await exited(worker);
      expect(worker.signalCode).toBe('SIGKILL');
      // What the dead worker had claimed and not settled: the only rows that may be sent twice.
      const leasedAtKill = new Set(await leasedOrders(handle));
      const arrivalsBeforeRestart = receiver.arrivals.length;

      worker = await startWorker(where, receiver.url);
      await expect.poll(() => delivered(handle!), { timeout: 15_000, interval: 100 }).toBe(ORDERS);
      worker.kill('SIGTERM');
      await exited(worker);
      await expect.poll(() => receiver!.inFlight()).toBe(0);

      const keys = receiver.arrivals.map((a) => a.key!);
      const duplicates = [...count(keys)].filter(([, n]) => n > 1).map(([key]) => key);
      const raw = keys.length;
      console.info(
        `kill -9 on ${target.name}: ${ORDERS} orders, ${raw} raw deliveries (${arrivalsBeforeRestart} before the restart), ` +
          `${raw - new Set(keys).size} duplicate(s) [${duplicates.length} order(s)], ${inFlightAtKill} in flight at the kill, ${leasedAtKill.size} leased`,
      );

      expect(inFlightAtKill).toBeGreaterThanOrEqual(1);
      expect(receiver.arrivals.every((a) => a.signed)).toBe(true);
      expect(new Set(keys)).toEqual(new Set(ids)); // none lost
      expect(new Set(receiver.acknowledged)).toEqual(new Set(ids));
      // Only rows in flight at the kill are repeated, each at most once more.
      expect(leasedAtKill.size).toBeLessThanOrEqual(CONCURRENCY);
      for (const key of duplicates) expect(leasedAtKill.has(key), `${key} was sent twice but was not in flight`).toBe(true);
      expect(raw - ORDERS).toBeLessThanOrEqual(leasedAtKill.size);

      const orders = await handle.db.selectFrom('action_orders').select(['id', 'state']).execute();
      expect(orders.filter((o) => o.state !== 'delivered')).toEqual([]);
      expect(orders).toHaveLength(ORDERS);
    });
  });
}
