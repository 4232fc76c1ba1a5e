// Load benchmark: `npm run bench:load` (options: --customers N, --rounds N, --seconds N, --rate N,
// --cluster-rate N, --no-cluster, --only route|push|cluster, --idle-seconds N, --quick; BENCH_CPU_PROF=DIR profiles the product). Starts the product as `npm start` runs it (the
// ahead-of-time bundle, info logging, SQLite) and, in the same run, a bare Fastify route and a raw
// `ws` push server as references, each pinned to one core while this driver runs on the other;
// then cluster mode (two instances on PostgreSQL + Redis) when those are reachable. Drives
// customers and advisors over real HTTP and WebSocket on loopback, bounded in count and time, and
// prints one table with the median of the rounds and the product/reference ratio on each row.
// Every message sent is accounted for: lost and doubled are counted, and must be 0.
// A latency is stamped when this driver reads the frame, so the driver's own pauses count as the
// server's: npm runs it with a 64 MiB young generation (package.json), which makes its scavenges
// (10,000 sockets of its own) a few a round instead of two a second, and it collects its own
// garbage before each round (driverClean).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { WebSocket } from 'ws';
import { NODE_FLAGS, buildServerBundle, serverBundle } from '../src/server/build.js';
import { HttpClient } from './load/http.js';
import { pinDriver, startServer, type Server } from './load/processes.js';
import { medianOf, percentile, type PhaseResult } from './load/stats.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const CUSTOMERS = arg('customers', quick ? 1000 : 10_000);
const ROUNDS = arg('rounds', 3);
const SECONDS = arg('seconds', quick ? 2 : 4);
const RATE = arg('rate', 1000);
const CLUSTER_RATE = arg('cluster-rate', 500);
const CLUSTER_CUSTOMERS = Math.min(CUSTOMERS, 1000);
/** How long the idle sockets are watched: by default more than one heartbeat period (30 s). */
const IDLE_MS = arg('idle-seconds', 35) * 1000;
const MESSAGES_PER_ROUND = quick ? 1000 : 2000;
const CONCURRENCY = 32;
const LONG_CONVERSATIONS = 100;
const LONG_TURNS = 49;
const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const ADMIN = { email: 'bench@bank.test', password: 'a long benchmark password' };
const OPS_TOKEN = 'bench-load-ops-token-0123456789abcdef';
const UNLIMITED = { RATE_LIMIT_REQUESTS: '1000000000', RATE_LIMIT_CONVERSATIONS: '1000000000', RATE_LIMIT_LOGINS: '1000000000', RATE_LIMIT_MESSAGES: '1000000000' };
/** Questions the bot answers (none hands over), so every turn runs the engine. */
const QUESTIONS = ['Eg får BID-14B1', 'Kva betyr BID-1433?', 'Eg har gløymt passordet til BankID', 'BankID-appen berre snurrar', 'korleis bestiller eg ny kodebrikke'];

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Conversation {
  id: string;
  token: string;
  /** Customer messages the server acknowledged (201). */
  acknowledged: number;
}

// ---------------------------------------------------------------- the phases

/** `count` requests by `concurrency` workers, each waiting for its reply before the next. */
async function closedLoop(server: Server, count: number, send: (i: number) => Promise<boolean>, lagOf?: () => Promise<number>): Promise<PhaseResult> {
  await lagOf?.(); // a scrape resets the server's event-loop histogram
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const cpu0 = server.cpuMs();
  const t0 = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const start = now();
        if (!(await send(i))) failed++;
        latencies.push(now() - start);
      }
    }),
  );
  const seconds = (now() - t0) / 1000;
  const cpu = server.cpuMs() - cpu0;
  return figures(latencies, count - failed, seconds, cpu, server, lagOf ? await lagOf() : undefined, failed, 0);
}

/**
 * Advisor → customer: `rate` messages a second for `seconds`, each to one connected customer,
 * sent on schedule whether or not earlier ones have arrived (latency from the scheduled time, so
 * a stalled server cannot hide its queue). `receipts` is filled by the customers' sockets.
 */
async function openLoop(server: Server, rate: number, seconds: number, round: string, send: (i: number, text: string) => Promise<boolean>, receipts: Receipts, lagOf?: () => Promise<number>): Promise<PhaseResult> {
  await lagOf?.();
  const total = Math.round(rate * seconds);
  const scheduled = new Map<string, number>();
  let failed = 0;
  const cpu0 = server.cpuMs();
  const t0 = now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; ) {
    const due = Math.min(total, Math.floor(((now() - t0) * rate) / 1000) + 1);
    for (; i < due; i++) {
      const text = `${round}-${i}`;
      scheduled.set(text, t0 + (i * 1000) / rate);
      inFlight.push(send(i, text).then((ok) => void (ok || failed++), () => void failed++));
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  const deadline = now() + 10_000;
  while (now() < deadline && [...scheduled.keys()].some((t) => !receipts.at.has(t))) await sleep(5);
  const elapsed = (now() - t0) / 1000;
  const cpu = server.cpuMs() - cpu0;
  const latencies: number[] = [];
  let lost = 0;
  for (const [text, at] of scheduled) {
    const got = receipts.at.get(text);
    if (got === undefined) lost++;
    else latencies.push(got - at);
  }
  const doubled = receipts.doubled;
  receipts.at.clear();
  receipts.doubled = 0;
  return figures(latencies, latencies.length, elapsed, cpu, server, lagOf ? await lagOf() : undefined, lost + failed, doubled);
}

function figures(latencies: number[], done: number, seconds: number, cpuMs: number, server: Server, lagP99: number | undefined, lost: number, doubled: number): PhaseResult {
  return {
    perSecond: done / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    p999: percentile(latencies, 99.9),
    cpuMsPerMessage: cpuMs / Math.max(1, done),
    rssMB: server.rssBytes() / 1024 / 1024,
    ...(lagP99 !== undefined ? { lagP99 } : {}),
    lost,
    doubled,
  };
}

/**
 * The driver collects its own garbage before a round (npm runs it with --expose-gc): what an
 * earlier phase left would otherwise be collected in some round, a pause of this process that
 * would read as the server's latency. The servers are left alone.
 */
function driverClean<T>(run: () => Promise<T>): Promise<T> {
  (globalThis as { gc?: () => void }).gc?.();
  return run();
}

/** A warm-up round first (the JIT's, not counted), then the median of ROUNDS. */
async function rounds(run: (round: number) => Promise<PhaseResult>): Promise<PhaseResult> {
  const warm = await driverClean(() => run(ROUNDS));
  const results: PhaseResult[] = [];
  for (let r = 0; r < ROUNDS; r++) results.push(await driverClean(() => run(r)));
  const counted = medianOf(results);
  // Lost or doubled in the warm-up counts as much as in any round.
  return { ...counted, lost: counted.lost + warm.lost, doubled: counted.doubled + warm.doubled };
}

// ---------------------------------------------------------------- talking to the product

/** Advisor messages arriving at customers' sockets: text → when it arrived. */
interface Receipts {
  at: Map<string, number>;
  doubled: number;
}

const productEnv = (dataDir: string): Record<string, string> => ({
  ...UNLIMITED,
  NODE_ENV: '',
  LOG_LEVEL: 'info',
  DATA_DIR: dataDir,
  OPENING_HOURS: 'mon-sun 00:00-24:00',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  OPS_TOKEN,
  DATABASE_URL: '',
  REDIS_URL: '',
});

/** BENCH_CPU_PROF=DIR writes a V8 CPU profile of each product process there (when it stops). */
const PROFILE = process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : [];

async function startProduct(name: string, env: Record<string, string>): Promise<Server> {
  return startServer(name, [...PROFILE, ...NODE_FLAGS, serverBundle], env, '/readyz');
}

async function lagReader(server: Server): Promise<() => Promise<number>> {
  return async () => {
    const text = await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } }).then((r) => r.text());
    const line = text.split('\n').find((l) => l.startsWith('nodejs_eventloop_lag_p99_seconds '));
    return Number(line?.split(' ')[1] ?? NaN) * 1000;
  };
}

async function inParallel<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  }));
  return out;
}

async function openConversations(http: HttpClient, count: number): Promise<Conversation[]> {
  return inParallel(count, CONCURRENCY, async () => {
    const r = await http.post('/api/conversations');
    if (r.status !== 201) throw new Error(`starting a conversation: ${r.status} ${r.body}`);
    const { id, token } = JSON.parse(r.body) as { id: string; token: string };
    return { id, token, acknowledged: 0 };
  });
}

async function customerMessage(http: HttpClient, c: Conversation, i: number): Promise<boolean> {
  const r = await http.post(`/api/conversations/${c.id}/messages`, { text: QUESTIONS[i % QUESTIONS.length], clientMessageId: `m${c.acknowledged}-${i}` }, c.token);
  if (r.status === 201) c.acknowledged++;
  return r.status === 201;
}

/** Customer messages stored against those acknowledged: lost and doubled, and conversations the bot no longer has. */
async function audit(http: HttpClient, conversations: readonly Conversation[]): Promise<{ lost: number; doubled: number; notBot: number }> {
  let lost = 0;
  let doubled = 0;
  let notBot = 0;
  await inParallel(conversations.length, CONCURRENCY, async (i) => {
    const c = conversations[i]!;
    let after = 0;
    let stored = 0;
    let state = '';
    for (;;) {
      const r = JSON.parse((await http.get(`/api/conversations/${c.id}/messages?after=${after}`, c.token)).body) as { state: string; messages: { author: string }[]; hasMore: boolean; next: number };
      stored += r.messages.filter((m) => m.author === 'customer').length;
      state = r.state;
      if (!r.hasMore) break;
      after = r.next;
    }
    if (stored < c.acknowledged) lost += c.acknowledged - stored;
    if (stored > c.acknowledged) doubled += stored - c.acknowledged;
    if (state !== 'bot') notBot++;
  });
  return { lost, doubled, notBot };
}

/** Hands each conversation to the advisor and connects its customer's socket. */
async function connectCustomers(http: HttpClient, advisor: HttpClient, wsPort: number, conversations: readonly Conversation[], receipts: Receipts): Promise<WebSocket[]> {
  await inParallel(conversations.length, CONCURRENCY, async (i) => {
    const c = conversations[i]!;
    const h = await http.post(`/api/conversations/${c.id}/handoff`, undefined, c.token);
    const claim = await advisor.post(`/api/advisor/conversations/${c.id}/claim`);
    if (h.status !== 200 || claim.status !== 200) throw new Error(`hand-off ${h.status}, claim ${claim.status}`);
  });
  return inParallel(conversations.length, 200, (i) => {
    const c = conversations[i]!;
    return socket(`ws://127.0.0.1:${wsPort}/api/conversations/${c.id}/ws?token=${c.token}`, receipts);
  });
}

function socket(url: string, receipts: Receipts): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as { type: string; message?: { author: string; text: string } };
      if (f.type === 'synced') resolve(ws);
      if (f.type === 'message' && f.message?.author === 'advisor') {
        if (receipts.at.has(f.message.text)) receipts.doubled++;
        else receipts.at.set(f.message.text, now());
      }
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

// ---------------------------------------------------------------- the run

interface Row {
  path: string;
  product: PhaseResult;
  reference?: { name: string; result: PhaseResult };
}

const rows: Row[] = [];
const cleanups: (() => Promise<unknown> | void)[] = [];

async function messageRoute(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-load-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const product = await startProduct('product', productEnv(dataDir));
  cleanups.push(() => product.stop());
  const fastify = await startServer('bare Fastify', ['--import', 'tsx', 'bench/reference.ts', 'fastify'], {}, '/');
  cleanups.push(() => fastify.stop());
  const http = new HttpClient('127.0.0.1', product.port, CONCURRENCY);
  const ref = new HttpClient('127.0.0.1', fastify.port, CONCURRENCY);
  const lag = await lagReader(product);

  const reference = await rounds(() => closedLoop(fastify, MESSAGES_PER_ROUND, async (i) => (await ref.post('/api/echo', { text: QUESTIONS[i % QUESTIONS.length], clientMessageId: `r${i}` })).status === 201));
  const fresh = await openConversations(http, MESSAGES_PER_ROUND * (ROUNDS + 1));
  let used = 0;
  const firstTurn = await rounds(() => {
    const pool = fresh.slice(used, (used += MESSAGES_PER_ROUND));
    return closedLoop(product, MESSAGES_PER_ROUND, (i) => customerMessage(http, pool[i]!, 0), lag);
  });
  const long = await openConversations(http, LONG_CONVERSATIONS);
  await inParallel(LONG_CONVERSATIONS * LONG_TURNS, CONCURRENCY, (i) => customerMessage(http, long[i % LONG_CONVERSATIONS]!, i));
  const laterTurns = await rounds(() => closedLoop(product, MESSAGES_PER_ROUND, (i) => customerMessage(http, long[i % LONG_CONVERSATIONS]!, i), lag));
  const checked = await audit(http, [...fresh, ...long]);
  if (checked.notBot) console.warn(`note: ${checked.notBot} conversations left the bot during the run`);
  rows.push({ path: 'customer message, turn 1 (HTTP)', product: { ...firstTurn, lost: firstTurn.lost + checked.lost, doubled: checked.doubled }, reference: { name: 'bare Fastify', result: reference } });
  rows.push({ path: `customer message, turns ${LONG_TURNS + 1}+ (HTTP)`, product: laterTurns, reference: { name: 'bare Fastify', result: reference } });
  http.close();
  ref.close();
  await product.stop();
  await fastify.stop();
  // A restart on the data the run left (content already imported), as after a deploy.
  const restarts: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const again = await startProduct('product', productEnv(dataDir));
    restarts.push(again.readyMs);
    await again.stop();
  }
  startUp = { product: median(restarts), fastify: fastify.readyMs };
}

/** Start to /readyz (the product's restart) beside the bare Fastify reference's start to its route. */
let startUp: { product: number; fastify: number } | undefined;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function push(): Promise<void> {
  // The reference first, then the product: each holds CUSTOMERS sockets, and the driver may not
  // hold both sets at once (its file limit).
  const raw = await startServer('raw ws', ['--import', 'tsx', 'bench/reference.ts', 'ws'], {}, '/');
  cleanups.push(() => raw.stop());
  const rawReceipts: Receipts = { at: new Map(), doubled: 0 };
  const rawSockets = await inParallel(CUSTOMERS, 200, (i) => socket(`ws://127.0.0.1:${raw.port}/ws?i=${i}`, rawReceipts));
  cleanups.push(() => rawSockets.forEach((s) => s.terminate()));
  const rawHttp = new HttpClient('127.0.0.1', raw.port, 256);
  await sleep(1000);
  const reference = await rounds((r) => openLoop(raw, RATE, SECONDS, `raw${r}`, async (i, text) => (await rawHttp.post(`/push/${(i * 7919) % CUSTOMERS}`, { text })).status === 201, rawReceipts));
  rawSockets.forEach((s) => s.terminate());
  rawHttp.close();
  await raw.stop();

  const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-load-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const product = await startProduct('product', productEnv(dataDir));
  cleanups.push(() => product.stop());
  const http = new HttpClient('127.0.0.1', product.port, CONCURRENCY);
  const advisor = new HttpClient('127.0.0.1', product.port, 256);
  if ((await advisor.post('/api/advisor/login', ADMIN)).status !== 200) throw new Error('advisor login failed');
  const lag = await lagReader(product);
  const receipts: Receipts = { at: new Map(), doubled: 0 };
  const t0 = now();
  const conversations = await openConversations(http, CUSTOMERS);
  const sockets = await connectCustomers(http, advisor, product.port, conversations, receipts);
  cleanups.push(() => sockets.forEach((s) => s.terminate()));
  console.log(`${CUSTOMERS} customers connected to the product in ${((now() - t0) / 1000).toFixed(1)} s`);
  await sleep(1000);
  await lag(); // reset the histogram: the idle figure below is for the idle second only
  const idleCpu0 = product.cpuMs();
  await sleep(IDLE_MS);
  const idleCpu = (product.cpuMs() - idleCpu0) / IDLE_MS;
  const idle = await lag();
  const result = await rounds((r) =>
    openLoop(product, RATE, SECONDS, `p${r}`, async (i, text) => {
      const c = conversations[(i * 7919) % CUSTOMERS]!;
      return (await advisor.post(`/api/advisor/conversations/${c.id}/messages`, { text, clientMessageId: text })).status === 201;
    }, receipts, lag),
  );
  rows.push({ path: `advisor → customer, ${CUSTOMERS} connected, ${RATE}/s`, product: result, reference: { name: 'raw ws', result: reference } });
  console.log(`event-loop lag p99 over ${IDLE_MS / 1000} s with ${CUSTOMERS} idle sockets (heartbeats included): ${idle.toFixed(1)} ms; CPU ${(idleCpu * 100).toFixed(1)} % of a core; RSS ${(product.rssBytes() / 1024 / 1024).toFixed(0)} MB`);
  sockets.forEach((s) => s.terminate());
  http.close();
  advisor.close();
  await product.stop();
}

async function cluster(): Promise<void> {
  const database = `kundesenter_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch {
    console.log(`cluster mode skipped: no PostgreSQL at ${PG_URL}`);
    return;
  }
  await admin.query(`create database ${database}`);
  cleanups.push(async () => {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  const env = { ...productEnv(mkdtempSync(join(tmpdir(), 'kundesenter-load-'))), DATABASE_URL: url.toString(), REDIS_URL };
  const a = await startProduct('instance A', env);
  cleanups.push(() => a.stop());
  const b = await startProduct('instance B', env);
  cleanups.push(() => b.stop());
  const http = new HttpClient('127.0.0.1', a.port, CONCURRENCY);
  const onA = new HttpClient('127.0.0.1', a.port, 256);
  const onB = new HttpClient('127.0.0.1', b.port, 256);
  for (const c of [onA, onB]) if ((await c.post('/api/advisor/login', ADMIN)).status !== 200) throw new Error('advisor login failed');
  const receipts: Receipts = { at: new Map(), doubled: 0 };
  const conversations = await openConversations(http, CLUSTER_CUSTOMERS);
  const sockets = await connectCustomers(http, onA, a.port, conversations, receipts);
  cleanups.push(() => sockets.forEach((s) => s.terminate()));
  const post = (via: HttpClient) => async (i: number, text: string) => {
    const c = conversations[(i * 7919) % CLUSTER_CUSTOMERS]!;
    return (await via.post(`/api/advisor/conversations/${c.id}/messages`, { text, clientMessageId: text })).status === 201;
  };
  await sleep(500);
  const lagA = await lagReader(a);
  const same = await rounds((r) => openLoop(a, CLUSTER_RATE, SECONDS, `a${r}`, post(onA), receipts, lagA));
  const cross = await rounds((r) => openLoop(b, CLUSTER_RATE, SECONDS, `b${r}`, post(onB), receipts));
  rows.push({ path: `cluster: advisor on B → customer on A, ${CLUSTER_RATE}/s`, product: cross, reference: { name: 'same instance', result: same } });
  sockets.forEach((s) => s.terminate());
  http.close();
  onA.close();
  onB.close();
}

function print(): void {
  const f = (x: number | undefined, d = 2) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
  const head = ['path', 'server', 'msg/s', 'p50 ms', 'p99 ms', 'p999 ms', 'CPU ms/msg', 'RSS MB', 'lag p99 ms', 'lost', 'doubled', 'msg/s ×ref', 'p99 ×ref'];
  const lines: string[][] = [];
  for (const r of rows) {
    const p = r.product;
    const ref = r.reference?.result;
    lines.push([r.path, 'Kundesenter', f(p.perSecond, 0), f(p.p50), f(p.p99), f(p.p999), f(p.cpuMsPerMessage, 3), f(p.rssMB, 0), f(p.lagP99, 1), String(p.lost), String(p.doubled), ref ? f(p.perSecond / ref.perSecond) : '', ref ? f(p.p99 / ref.p99) : '']);
    if (ref) lines.push(['', r.reference!.name, f(ref.perSecond, 0), f(ref.p50), f(ref.p99), f(ref.p999), f(ref.cpuMsPerMessage, 3), f(ref.rssMB, 0), f(ref.lagP99, 1), String(ref.lost), String(ref.doubled), '', '']);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${row(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
  const bad = rows.reduce((s, r) => s + r.product.lost + r.product.doubled, 0);
  if (startUp) console.log(`\nstart to ready, median of ${ROUNDS} restarts: Kundesenter ${startUp.product.toFixed(0)} ms to /readyz; bare Fastify (run through tsx) ${startUp.fastify.toFixed(0)} ms (×${(startUp.product / startUp.fastify).toFixed(1)})`);
  console.log(`\nmedian of ${ROUNDS} rounds; servers pinned to core 0, this driver to core 1; lost + doubled in all runs: ${bad}`);
  if (bad) process.exitCode = 1;
}

try {
  pinDriver();
  await buildServerBundle();
  console.log(`Kundesenter load benchmark — Node ${process.version}, ${CUSTOMERS} customers, ${ROUNDS} rounds, loopback\n`);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (!only || only === 'route') await messageRoute();
  if (!only || only === 'push') await push();
  if ((!only || only === 'cluster') && !process.argv.includes('--no-cluster')) await cluster();
  print();
} finally {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
}
