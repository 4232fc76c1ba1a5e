// Dashboard benchmark: `npm run bench:insight` (options: --conversations N, default 1,000,000;
// --quick, 50,000). Generates a year of a busy bank in bulk — conversations in every state and
// outcome, messages with the bot's meta, feedback, callback requests, satisfaction scores — on
// SQLite (a temporary folder) and on PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a
// fresh schema, dropped afterwards); rolls every day up, and times each dashboard query (p50 of
// 5 runs) over the last 30 days and the whole year. Prints its figures; it is not a test.
// `--keep` leaves the SQLite file (and prints where) for a closer look.
//
// The rows are written past the service (better-sqlite3 prepared statements in one transaction a
// day; PostgreSQL `insert … select * from unnest(…)`, one statement per table a day): the text is
// generated, so the redactor has nothing to do. The clock is fixed: the year ends 2026-11-30.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../src/db/connect.js';
import { freshSchemaName } from '../src/db/testing.js';
import { addDays, dayRange, daysBetween } from '../src/insight/days.js';
import { insightQueries, type InsightFilter } from '../src/insight/queries.js';
import { rollUp } from '../src/insight/rollup.js';
import { percentile } from './load/stats.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const KEEP = args.includes('--keep');
const CONVERSATIONS = Number(arg('--conversations') ?? (QUICK ? 50_000 : 1_000_000));
if (!Number.isInteger(CONVERSATIONS) || CONVERSATIONS < 1) throw new Error('--conversations takes a whole number of conversations');
const RUNS = 5;
const LAST_DAY = '2026-11-30';
const FIRST_DAY = addDays(LAST_DAY, -364);
const DAYS = daysBetween(FIRST_DAY, LAST_DAY);
const ADVISORS = 40;
const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

// ---------------------------------------------------------------------------------------------
// The bank's year, deterministic (mulberry32)

let seed = 0x5eed;
function random(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
/** Mostly the first ones (a Zipf-like pick), as customers' questions are. */
const pickSkewed = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * random() ** 3))]!;
const weighted = <T extends string>(w: Record<T, number>): T => {
  let r = random() * Object.values<number>(w).reduce((s, x) => s + x, 0);
  for (const [k, x] of Object.entries<number>(w)) if ((r -= x) < 0) return k as T;
  return Object.keys(w)[0] as T;
};

const TOPICS = ['forgot-password', 'new-phone', 'app-spinning', 'code-chip-blank', 'expired', 'bankid-blocked', 'get-bankid', 'missed-push', 'no-push', 'app-locked', 'children', 'd-number', 'browser'];
const QUESTIONS = {
  nn: ['Eg har gløymt passordet mitt', 'Kva gjer eg når eg har fått ny mobil?', 'BankID-appen berre snurrar', 'Kodebrikka mi viser ingenting', 'Korleis får eg BankID?', 'Eg får ikkje varsel på mobilen', 'Kvifor er BankID sperra?'],
  nb: ['Jeg har glemt passordet mitt', 'Hva gjør jeg når jeg har fått ny mobil?', 'BankID-appen bare spinner', 'Kodebrikken min viser ingenting', 'Hvordan får jeg BankID?', 'Jeg får ikke varsel på mobilen', 'Hvorfor er BankID sperret?'],
  en: ['I forgot my BankID password, what can I do?', 'My BankID app is not working on my new phone', 'How do I get a BankID?', 'The code chip is blank, can you help me?'],
  und: ['BID-14B1', 'BID-1433', 'bankid mobil', 'hei'],
};
// Questions without an answer: many wordings of a few hundred subjects, so they group.
const SUBJECTS = ['BankID på nettbrett', 'BankID på smartklokke', 'BankID for fullmektig', 'BankID i utlandet', 'BankID med dansk nummer', 'BankID på to mobilar', 'BankID for bedrift', 'BankID utan mobil', 'BankID med verge', 'BankID på jobb-PC'];
const TWISTS = ['kvifor verkar ikkje', 'korleis set eg opp', 'kan eg bruke', 'det går ikkje med', 'problem med', 'feilmelding på', 'får ikkje logga inn med', 'kva kostar', 'kor lenge varer', 'treng eg ny'];
const PLACES = ['', ' i nettbanken', ' hjå Skatteetaten', ' på helsenorge', ' i appen', ' hjå NAV', ' på Altinn', ' i Vipps'];
const UNANSWERED = SUBJECTS.flatMap((s) => TWISTS.flatMap((t) => PLACES.map((p) => `${t} ${s}${p}`)));
const COMMENTS = ['Takk for god hjelp!', 'Det tok lang tid i kø', 'Rådgjevaren var svært hjelpsam', 'Fekk ikkje løyst problemet', 'Bra, men tungvint'];

/** Share of the day's conversations begun in each Oslo hour: the working day busiest. */
const HOURS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1, 3, 7, 9, 9, 8, 8, 8, 8, 7, 6, 5, 4, 4, 3, 2, 1.5, 0.5];
const HOUR_SUM = HOURS.reduce((s, x) => s + x, 0);
function hourOf(): number {
  let r = random() * HOUR_SUM;
  for (let h = 0; h < 24; h++) if ((r -= HOURS[h]!) < 0) return h;
  return 12;
}

interface Rows {
  conversations: unknown[][];
  messages: unknown[][];
  feedback: unknown[][];
  csat: unknown[][];
  callbacks: unknown[][];
}
const newRows = (): Rows => ({ conversations: [], messages: [], feedback: [], csat: [], callbacks: [] });

const iso = (ms: number) => new Date(ms).toISOString();
/** Seconds, lognormal around `median`. */
const lognormal = (median: number, spread = 0.8) => Math.max(1, Math.round(median * Math.exp(spread * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random()))));

function generateDay(day: string, count: number, advisorIds: readonly string[]): Rows {
  const rows = newRows();
  const dayStart = Date.parse(dayRange(day).start);
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const created = dayStart + hourOf() * 3_600_000 + Math.floor(random() * 3_600_000);
    const language = weighted({ nn: 55, nb: 38, en: 5, und: 2 });
    let seq = 0;
    let at = created;
    let lastCustomer: number | null = null;
    const messages: unknown[][] = [];
    const say = (author: string, kind: string, text: string, meta: Record<string, unknown> = {}) => {
      seq++;
      at += 2_000 + Math.floor(random() * 20_000);
      messages.push([randomUUID(), id, seq, author, kind, text, author === 'customer' ? `c${seq}` : null, author === 'customer' ? null : lastCustomer, JSON.stringify(meta), iso(at)]);
      if (author === 'customer') lastCustomer = seq;
      return seq;
    };
    const answer = (topic: string) => say('bot', 'answer', 'Svaret frå banken.', { sources: [topic], intent: 'topic' });
    let state = 'closed';
    let outcome: string | null = 'idle';
    let advisor: string | null = null;
    let queuedAt: number | null = null;
    let claimedAt: number | null = null;
    let closedAt: number | null = null;

    const queue = (reason: string) => {
      say('bot', 'handoff', 'Eg set deg over til ein rådgjevar.', { intent: reason, ...(reason === 'urgent' ? { urgent: true } : {}) });
      const r = random();
      if (r < 0.05) {
        // After hours: a callback request instead of the queue.
        say('system', 'closed-hours', 'Vi har stengt no.');
        say('system', 'callback', 'Vi ringjer deg.');
        rows.callbacks.push([randomUUID(), id, null, '57829700', null, 'Ring meg', iso(at), random() < 0.7 ? iso(at + 3_600_000 * 14) : null, null]);
        closedAt = at + 86_400_000;
        return;
      }
      say('system', 'queued', 'Du er nummer 2 i køen.');
      queuedAt = at;
      if (r < 0.2) {
        outcome = 'abandoned';
        closedAt = at + lognormal(600) * 1000;
        say('system', 'abandoned', 'Samtalen er avslutta.');
        return;
      }
      claimedAt = queuedAt + lognormal(90, 1) * 1000;
      advisor = pick(advisorIds);
      at = claimedAt;
      say('system', 'claimed', 'Kari har teke samtalen.', { advisorId: advisor });
      say('advisor', 'text', 'Hei, eg skal hjelpe deg.', { advisorId: advisor });
      say('advisor', 'text', 'Då skal det vere i orden.', { advisorId: advisor });
      closedAt = claimedAt + lognormal(480, 0.7) * 1000;
      at = closedAt;
      say('system', 'closed', 'Samtalen er avslutta.');
      outcome = 'solved';
      if (random() < 0.35) rows.csat.push([id, Number(weighted({ 1: 4, 2: 6, 3: 15, 4: 35, 5: 40 })), random() < 0.3 ? pick(COMMENTS) : null, iso(closedAt + 60_000)]);
    };

    const r = random();
    if (r < 0.55) {
      // The bot answers; sometimes a follow-up; sometimes a vote.
      say('customer', 'text', pickSkewed(QUESTIONS[language]));
      const s = answer(pickSkewed(TOPICS));
      if (random() < 0.25) rows.feedback.push([id, s, random() < 0.8 ? 1 : 0, iso(at)]);
      if (random() < 0.3) {
        say('customer', 'text', 'takk');
        say('bot', 'answer', 'Bare hyggeleg!', { intent: 'thanks' });
      }
      outcome = random() < 0.7 ? 'idle' : 'customer-left';
      closedAt = at + (outcome === 'idle' ? 86_400_000 : 120_000);
    } else if (r < 0.63) {
      // No answer in the bank's help.
      say('customer', 'text', pickSkewed(UNANSWERED));
      const intent = random() < 0.6 ? 'not-covered' : 'no-match';
      if (random() < 0.6) {
        say('bot', 'handoff', 'Det har eg ikkje svar på.', { intent });
        closedAt = at + 86_400_000;
      } else queue(intent);
    } else if (r < 0.93) {
      say('customer', 'text', pickSkewed(QUESTIONS[language]));
      queue(weighted({ human: 45, 'not-helped': 20, 'out-of-scope': 15, urgent: 5, 'off-topic': 5, 'no-match': 5, 'not-covered': 5 }));
    } else {
      // An answer that did not help: "Nei".
      say('customer', 'text', pickSkewed(UNANSWERED));
      const s = answer(pickSkewed(TOPICS));
      rows.feedback.push([id, s, 0, iso(at)]);
      closedAt = at + 86_400_000;
    }
    // The last day's latest conversations are still going.
    if (day === LAST_DAY && created > dayStart + 20 * 3_600_000) {
      state = claimedAt ? 'advisor' : queuedAt ? 'queued' : 'bot';
      outcome = null;
      closedAt = null;
    }
    rows.conversations.push([id, `h${id}`, state, 0, null, '[]', advisor, outcome, seq, iso(created), queuedAt && iso(queuedAt), claimedAt && iso(claimedAt), closedAt && iso(closedAt), iso(at)]);
    rows.messages.push(...messages);
  }
  return rows;
}

const COLUMNS = {
  conversations: ['id', 'token_hash', 'state', 'urgent', 'topic', 'error_codes', 'advisor_id', 'outcome', 'last_seq', 'created_at', 'queued_at', 'claimed_at', 'closed_at', 'customer_seen_at'],
  messages: ['id', 'conversation_id', 'seq', 'author', 'kind', 'text', 'client_message_id', 'reply_to', 'meta', 'created_at'],
  feedback: ['conversation_id', 'seq', 'helped', 'created_at'],
  csat: ['conversation_id', 'score', 'comment', 'created_at'],
  callback_requests: ['id', 'conversation_id', 'name', 'phone', 'email', 'message', 'created_at', 'handled_at', 'handled_by'],
} as const;
const PG_TYPES: Record<keyof typeof COLUMNS, string[]> = {
  conversations: ['text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text'],
  messages: ['text', 'text', 'int', 'text', 'text', 'text', 'text', 'int', 'text', 'text'],
  feedback: ['text', 'int', 'int', 'text'],
  csat: ['text', 'int', 'text', 'text'],
  callback_requests: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
};
const tableRows = (r: Rows): [keyof typeof COLUMNS, unknown[][]][] => [
  ['conversations', r.conversations],
  ['messages', r.messages],
  ['feedback', r.feedback],
  ['csat', r.csat],
  ['callback_requests', r.callbacks],
];

/** Conversations per day: weekdays busier than weekends, the total exactly CONVERSATIONS. */
function perDay(): number[] {
  const w = DAYS.map((d) => [1.2, 1.15, 1.1, 1.1, 1, 0.55, 0.5][(new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7]!);
  const sum = w.reduce((s, x) => s + x, 0);
  const counts = w.map((x) => Math.floor((CONVERSATIONS * x) / sum));
  let rest = CONVERSATIONS - counts.reduce((s, x) => s + x, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]!++;
  return counts;
}

interface Writer {
  write(rows: Rows): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(dataDir: string): Writer {
  const file = new SQLite(join(dataDir, 'kundesenter.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = OFF');
  const statements = Object.fromEntries(
    Object.entries(COLUMNS).map(([t, cols]) => [t, file.prepare(`insert into ${t} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`)]),
  ) as Record<keyof typeof COLUMNS, SQLite.Statement>;
  const writeAll = file.transaction((rows: Rows) => {
    for (const [table, list] of tableRows(rows)) for (const row of list) statements[table].run(...row);
  });
  return {
    write: async (rows) => void writeAll(rows),
    close: async () => void file.close(),
  };
}

async function postgresWriter(url: string, schema: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('set synchronous_commit = off');
  return {
    async write(rows) {
      await client.query('begin');
      for (const [table, list] of tableRows(rows)) {
        if (!list.length) continue;
        const cols = COLUMNS[table];
        const arrays = cols.map((_, i) => list.map((r) => r[i] ?? null));
        const unnest = PG_TYPES[table].map((t, i) => `$${i + 1}::${t}[]`).join(', ');
        await client.query(`insert into ${table} (${cols.join(', ')}) select * from unnest(${unnest})`, arrays);
      }
      await client.query('commit');
    },
    close: () => client.end(),
  };
}

// ---------------------------------------------------------------------------------------------
// One database: generate, roll up, time the queries

interface Figures {
  name: DialectName;
  generateSeconds: number;
  rows: Record<string, number>;
  rollupMs: number[];
  queries: Map<string, { d30: number; d365: number }>;
}

const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

async function measure(name: DialectName, handle: DatabaseHandle, writer: Writer): Promise<Figures> {
  const { db, dialect } = handle;
  const advisorIds = Array.from({ length: ADVISORS }, () => randomUUID());
  for (const [i, id] of advisorIds.entries()) {
    await db.insertInto('advisors').values({ id, email: `advisor${i}@bank.test`, name: `Rådgjevar ${i + 1}`, role: 'advisor', password_hash: 'x', created_at: '2025-01-01T00:00:00.000Z', active: 1, display_name: null }).execute();
  }
  const counts = perDay();
  let t = performance.now();
  let written = 0;
  for (const [i, day] of DAYS.entries()) {
    await writer.write(generateDay(day, counts[i]!, advisorIds));
    written += counts[i]!;
    if (i % 30 === 29) process.stderr.write(`  ${name}: ${written.toLocaleString('en')} conversations written (${((performance.now() - t) / 1000).toFixed(0)} s)\n`);
  }
  await writer.close();
  await sql`analyze`.execute(db);
  const generateSeconds = (performance.now() - t) / 1000;
  const rows: Record<string, number> = {};
  for (const table of ['conversations', 'messages', 'feedback', 'csat', 'callback_requests'] as const) {
    rows[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }

  const rollupMs: number[] = [];
  t = performance.now();
  for (const day of DAYS) {
    const s = performance.now();
    await rollUp(db, dialect, day, { now: new Date(`${LAST_DAY}T23:00:00.000Z`) });
    rollupMs.push(performance.now() - s);
  }
  process.stderr.write(`  ${name}: rolled up ${DAYS.length} days in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  await sql`analyze`.execute(db);

  const q = insightQueries(db, dialect);
  const d30: InsightFilter = { from: addDays(LAST_DAY, -29), to: LAST_DAY, language: 'all' };
  const d365: InsightFilter = { from: FIRST_DAY, to: LAST_DAY, language: 'all' };
  const calls: [string, (f: InsightFilter) => Promise<unknown>][] = [
    ['conversations (per day, per hour)', q.conversations],
    ['handoffReasons', q.handoffReasons],
    ['unanswered (top 50)', (f) => q.unanswered(f)],
    ['answers', q.answers],
    ['queue (wait p50/p90)', q.queue],
    ['advisors (handle p50)', q.advisors],
    ['csat (with 100 comments)', (f) => q.csat(f)],
    ['dashboard, all of it', q.dashboard],
    ['dashboard, language nn', (f) => q.dashboard({ ...f, language: 'nn' })],
    ['dashboard, language en', (f) => q.dashboard({ ...f, language: 'en' })],
    ['csv unanswered (1,000 rows)', (f) => q.csv('unanswered', f)],
    ['csv csat-comments (all)', (f) => q.csv('csat-comments', f)],
  ];
  const queries = new Map<string, { d30: number; d365: number }>();
  for (const [label, call] of calls) {
    const time = async (f: InsightFilter) => {
      await call(f); // warm
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await call(f);
        xs.push(performance.now() - s);
      }
      return percentile(xs, 50);
    };
    queries.set(label, { d30: await time(d30), d365: await time(d365) });
  }
  return { name, generateSeconds, rows, rollupMs, queries };
}

// ---------------------------------------------------------------------------------------------

const results: Figures[] = [];
const sqliteDir = mkdtempSync(join(tmpdir(), 'kundesenter-insight-bench-'));
const started = performance.now();
try {
  console.log(`Kundesenter dashboard benchmark — Node ${process.version}, ${CONVERSATIONS.toLocaleString('en')} conversations over ${FIRST_DAY} … ${LAST_DAY}${QUICK ? ' (--quick)' : ''}\n`);
  {
    const handle = await openDatabase({ dataDir: sqliteDir });
    try {
      results.push(await measure('sqlite', handle, sqliteWriter(sqliteDir)));
    } finally {
      await handle.close();
    }
  }
  if (pgUrl) {
    const schema = freshSchemaName();
    const handle = await openDatabase({ url: pgUrl, dataDir: sqliteDir, pgSchema: schema, poolSize: 4 });
    try {
      results.push(await measure('postgres', handle, await postgresWriter(pgUrl, schema)));
    } finally {
      await handle.close();
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  } else console.log('PostgreSQL: skipped — set TEST_DATABASE_URL (or DATABASE_URL) to include it.\n');
} finally {
  if (KEEP) console.log(`kept: ${join(sqliteDir, 'kundesenter.sqlite')}\n`);
  else rmSync(sqliteDir, { recursive: true, force: true });
}

const labels = [...results[0]!.queries.keys()];
const head = ['query (p50 of 5)', ...results.flatMap((r) => [`${r.name} 30 d`, `${r.name} 365 d`])];
const width = [36, ...head.slice(1).map(() => 15)];
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('');
console.log(line(head));
for (const label of labels) console.log(line([label, ...results.flatMap((r) => [ms(r.queries.get(label)!.d30), ms(r.queries.get(label)!.d365)])]));
console.log('');
for (const r of results) {
  const worst = Math.max(...[...r.queries.values()].filter((_, i) => labels[i]!.startsWith('dashboard')).map((x) => x.d365));
  console.log(
    `${r.name.padEnd(9)} generated ${Object.entries(r.rows).map(([t, n]) => `${n.toLocaleString('en')} ${t}`).join(', ')} in ${r.generateSeconds.toFixed(1)} s`,
  );
  console.log(
    `${''.padEnd(9)} rollup per day: p50 ${ms(percentile(r.rollupMs, 50))}, p90 ${ms(percentile(r.rollupMs, 90))}, max ${ms(Math.max(...r.rollupMs))} (${Math.round(CONVERSATIONS / DAYS.length).toLocaleString('en')} conversations a day); the year ${(r.rollupMs.reduce((s, x) => s + x, 0) / 1000).toFixed(1)} s`,
  );
  console.log(`${''.padEnd(9)} slowest whole dashboard over the year: ${ms(worst)} — target under 1 s: ${worst < 1000 ? 'met' : 'MISSED'}`);
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
