// Chat service benchmark: `npm run bench:chat`. Runs the server in a child process (SQLite in a
// temporary folder) and measures from this process over loopback:
//   - HTTP round trip of a customer message (stored, answered by the engine, reply stored)
//   - WebSocket round trip (ping → pong) and delivery (advisor's HTTP post → customer's socket)
//   - fan-out throughput: messages delivered per second to many connected customers
//   - server memory per 1,000 connected customers (RSS and heap, from /metrics)
// Every loop is bounded; the benchmark stops by itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN, OPS, OPS_TOKEN, client, freePort, openSocket, type TestSocket } from '../src/server/testing.js';
import { FRAMES_PER_SECOND } from '../src/server/routes/realtime.js';
import { percentile } from './load/stats.js';

const HTTP_MESSAGES = 400;
const WS_PINGS = 1000;
const PING_SOCKETS = 100;
const DELIVERIES = 300;
const FANOUT_CONVERSATIONS = 100;
const FANOUT_MESSAGES = 3000;
const FANOUT_CONCURRENCY = 32;
const CONNECTED = 1000;

const ms = (x: number) => `${x.toFixed(2)} ms`;
const report = (name: string, xs: number[]) => console.log(`${name.padEnd(44)} p50 ${ms(percentile(xs, 50))}  p99 ${ms(percentile(xs, 99))}  (n=${xs.length})`);

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-bench-'));
const base = `http://127.0.0.1:${port}`;
const wsBase = `ws://127.0.0.1:${port}`;
// The service as it starts, with the rate limits raised through its configuration, so the
// benchmark measures the service, not the limiter.
const unlimited = String(10_000_000);
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    OPENING_HOURS: 'mon-sun 00:00-24:00',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATABASE_URL: '',
    REDIS_URL: '',
    OPS_TOKEN,
    RATE_LIMIT_REQUESTS: unlimited,
    RATE_LIMIT_CONVERSATIONS: unlimited,
    RATE_LIMIT_LOGINS: unlimited,
    RATE_LIMIT_MESSAGES: unlimited,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const sockets: TestSocket[] = [];

async function metric(name: string): Promise<number> {
  const text = await fetch(`${base}/metrics`, { headers: OPS }).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

async function conversation() {
  const { id, token } = (await client(base).post<{ id: string; token: string }>('/api/conversations')).body;
  return { id, token, api: client(base, { token }) };
}

async function run(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`Kundesenter chat benchmark — Node ${process.version}, SQLite, server in a child process, loopback\n`);

  // 1. HTTP round trip: a customer message with the bot's answer
  const texts = ['Eg får BID-14B1', 'Kva betyr BID-1433?', 'Eg har gløymt passordet til BankID', 'BankID-appen verkar ikkje', 'hei'];
  const convs = await Promise.all(Array.from({ length: 10 }, conversation));
  const http: number[] = [];
  for (let i = 0; i < HTTP_MESSAGES; i++) {
    const c = convs[i % convs.length]!;
    const t0 = performance.now();
    const r = await c.api.post(`/api/conversations/${c.id}/messages`, { text: texts[i % texts.length], clientMessageId: `h${i}` });
    http.push(performance.now() - t0);
    if (r.status !== 201) throw new Error(`unexpected ${r.status}`);
  }
  report('HTTP message round trip (store + answer)', http);

  // 2. WebSocket: ping/pong, and an advisor's message reaching the customer's socket
  const c = await conversation();
  await c.api.post(`/api/conversations/${c.id}/handoff`);
  const advisor = client(base);
  await advisor.post('/api/advisor/login', ADMIN);
  await advisor.post(`/api/advisor/conversations/${c.id}/claim`);
  const ws = await openSocket(`${wsBase}/api/conversations/${c.id}/ws?token=${c.token}`);
  await ws.waitFor((f) => f.type === 'synced');
  // A socket may send at most FRAMES_PER_SECOND frames (more closes it, as for any client), so
  // the pings go round many customers' sockets, each well under its budget.
  const pingers = await Promise.all(Array.from({ length: PING_SOCKETS }, conversation));
  const pingSockets = await Promise.all(pingers.map((p) => openSocket(`${wsBase}/api/conversations/${p.id}/ws?token=${p.token}`)));
  await Promise.all(pingSockets.map((s) => s.waitFor((f) => f.type === 'synced')));
  const pings: number[] = [];
  const gapMs = 1000 / ((FRAMES_PER_SECOND / 2) * PING_SOCKETS);
  const start = performance.now();
  for (let i = 0; i < WS_PINGS; i++) {
    const s = pingSockets[i % PING_SOCKETS]!;
    const wait = start + i * gapMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const from = s.frames.length;
    const t0 = performance.now();
    s.send({ type: 'ping' });
    await s.waitFor((f) => f.type === 'pong', 5000, from);
    pings.push(performance.now() - t0);
  }
  await Promise.all(pingSockets.map((s) => s.close()));
  report('WebSocket round trip (ping → pong)', pings);
  const delivery: number[] = [];
  for (let i = 0; i < DELIVERIES; i++) {
    const text = `svar ${i}`;
    const from = ws.frames.length;
    const t0 = performance.now();
    await advisor.post(`/api/advisor/conversations/${c.id}/messages`, { text, clientMessageId: `d${i}` });
    await ws.waitFor((f) => f.type === 'message' && f.message?.text === text, 5000, from);
    delivery.push(performance.now() - t0);
  }
  report('Advisor HTTP post → customer WebSocket', delivery);
  await ws.close();

  // 3. Fan-out: many conversations in advisor hands, each customer connected
  const fan = await Promise.all(Array.from({ length: FANOUT_CONVERSATIONS }, conversation));
  for (const f of fan) {
    await f.api.post(`/api/conversations/${f.id}/handoff`);
    await advisor.post(`/api/advisor/conversations/${f.id}/claim`);
  }
  const fanSockets = await Promise.all(fan.map((f) => openSocket(`${wsBase}/api/conversations/${f.id}/ws?token=${f.token}`)));
  await Promise.all(fanSockets.map((s) => s.waitFor((f) => f.type === 'synced')));
  const delivered = () => fanSockets.reduce((n, s) => n + s.frames.filter((f) => f.type === 'message' && f.message?.author === 'advisor').length, 0);
  const before = delivered();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: FANOUT_CONCURRENCY }, async () => {
      while (next < FANOUT_MESSAGES) {
        const i = next++;
        const f = fan[i % fan.length]!;
        await advisor.post(`/api/advisor/conversations/${f.id}/messages`, { text: `fan ${i}`, clientMessageId: `f${i}` });
      }
    }),
  );
  const deadline = performance.now() + 30_000;
  while (delivered() - before < FANOUT_MESSAGES && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - t0) / 1000;
  const got = delivered() - before;
  console.log(
    `${'Fan-out: advisor posts to 100 live customers'.padEnd(44)} ${(got / seconds).toFixed(0)} messages/s stored and delivered (${got}/${FANOUT_MESSAGES} in ${seconds.toFixed(2)} s, ${FANOUT_CONCURRENCY} in flight)`,
  );
  await Promise.all(fanSockets.map((s) => s.close()));

  // 4. Memory per 1,000 connected customers
  const many = [];
  for (let i = 0; i < CONNECTED; i += 50) many.push(...(await Promise.all(Array.from({ length: Math.min(50, CONNECTED - i) }, conversation))));
  await new Promise((r) => setTimeout(r, 500));
  const rss0 = await metric('process_resident_memory_bytes');
  const heap0 = await metric('nodejs_heap_size_used_bytes');
  for (let i = 0; i < many.length; i += 100) {
    const batch = await Promise.all(many.slice(i, i + 100).map((m) => openSocket(`${wsBase}/api/conversations/${m.id}/ws?token=${m.token}`)));
    await Promise.all(batch.map((s) => s.waitFor((f) => f.type === 'state')));
    sockets.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const open = await metric('chat_websocket_connections{kind="customer"}');
  const rss1 = await metric('process_resident_memory_bytes');
  const heap1 = await metric('nodejs_heap_size_used_bytes');
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `${'Memory per 1,000 connected customers'.padEnd(44)} RSS +${mb(((rss1 - rss0) * 1000) / CONNECTED)}, heap +${mb(((heap1 - heap0) * 1000) / CONNECTED)} (${open} sockets open; RSS ${mb(rss0)} → ${mb(rss1)})`,
  );
}

try {
  await run();
} finally {
  await Promise.all(sockets.map((s) => s.close()));
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
