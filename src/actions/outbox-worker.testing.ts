// A delivery worker in its own process, for the kill -9 test (outbox-kill.test.ts): opens the
// database the test names, and delivers due outbox rows to the test's receiver on real time until
// it is killed. Settings come from the environment:
//   OUTBOX_DATA_DIR, OUTBOX_DATABASE_URL, OUTBOX_PG_SCHEMA  where the database is (as openDatabase takes them)
//   OUTBOX_WEBHOOK_URL, OUTBOX_WEBHOOK_SECRET               the receiver
//   OUTBOX_LEASE_MS, OUTBOX_TIMEOUT_MS, OUTBOX_TICK_MS      short, so a takeover is quick
import { openDatabase } from '../db/connect.js';
import { every } from '../server/sweeper.js';
import { outbox } from './outbox.js';
import { renderOrder } from './testing.js';
import { webhookSender } from './webhook.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const optional = (name: string) => process.env[name] || undefined;

const handle = await openDatabase({ dataDir: env('OUTBOX_DATA_DIR'), url: optional('OUTBOX_DATABASE_URL'), pgSchema: optional('OUTBOX_PG_SCHEMA') });
const sender = webhookSender({ url: env('OUTBOX_WEBHOOK_URL'), secret: env('OUTBOX_WEBHOOK_SECRET'), timeoutMs: Number(env('OUTBOX_TIMEOUT_MS')) }, renderOrder(handle.db));
const box = outbox({ db: handle.db, sender, now: () => new Date(), leaseMs: Number(env('OUTBOX_LEASE_MS')) });

const loop = every(Number(env('OUTBOX_TICK_MS')), async () => void (await box.deliverDue()), (e) => console.error('outbox worker:', e));
// `every` does not keep a process alive; this worker exists to run it.
const keepAlive = setInterval(() => {}, 60_000);

process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void loop.stop().then(() => handle.close()).then(() => process.exit(0));
});
process.stdout.write('ready\n');
