// The dashboard, read from the rollup tables in SQL (the same statements on SQLite and
// PostgreSQL): sums over the period's days, percentiles from the summed histograms with a window
// sum. Raw tables are read for two things only, both of which retention is meant to remove: the
// CSAT comments (free text, never rolled up) and whether an unanswered question's example
// conversation still exists.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { toCsv, type Cell } from './csv.js';
import { dayRange, daysBetween } from './days.js';
import { handoffReasons, type HandoffReason } from './facts.js';
import { conversationLanguage, MESSAGES_READ, type LanguageFilter } from './language.js';

export interface InsightFilter {
  /** First day, 'YYYY-MM-DD' (Europe/Oslo), included. */
  from: string;
  /** Last day, included. */
  to: string;
  language: LanguageFilter;
}

export interface Dashboard {
  period: { from: string; to: string };
  conversations: {
    total: number;
    contained: number;
    /** contained / total; 0 without conversations. */
    containment: number;
    perDay: { day: string; total: number; contained: number }[];
    perHour: { hour: number; total: number }[];
  };
  handoffReasons: { reason: HandoffReason; total: number; perDay: { day: string; total: number }[] }[];
  unanswered: { text: string; count: number; exampleConversationId: string | null }[];
  answers: { topicId: string; yes: number; no: number; noRate: number }[];
  queue: { waitP50Seconds: number | null; waitP90Seconds: number | null; abandoned: number; callbacksLeft: number; callbacksDone: number };
  advisors: { advisorId: string; name: string; conversations: number; handleP50Seconds: number | null }[];
  csat: {
    responses: number;
    average: number | null;
    distribution: { score: number; count: number }[];
    comments: { score: number; comment: string; at: string; conversationId: string }[];
  };
}

export const csvTables = ['conversations-per-day', 'conversations-per-hour', 'handoff-reasons', 'unanswered', 'answers', 'queue', 'advisors', 'csat', 'csat-comments'] as const;
export type CsvTable = (typeof csvTables)[number];

/** Top questions on the dashboard, and in the CSV export. */
export const UNANSWERED_SHOWN = 50;
export const UNANSWERED_EXPORTED = 1000;
/** Newest comments on the dashboard, and in the CSV export. */
export const COMMENTS_SHOWN = 100;
export const COMMENTS_EXPORTED = 10_000;
/** Conversations whose language is read per round when comments are filtered by language. */
const COMMENT_PAGE = 2000;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function insightQueries(db: Kysely<Database>, _dialect: DialectName) {
  /** `where day between … and language = …` for a rollup table (alias-free). */
  const period = (f: InsightFilter): RawBuilder<unknown> =>
    f.language === 'all' ? sql`day >= ${f.from} and day <= ${f.to}` : sql`day >= ${f.from} and day <= ${f.to} and language = ${f.language}`;

  async function conversations(f: InsightFilter): Promise<Dashboard['conversations']> {
    const rows = await sql<{ day: string; hour: number; total: unknown; contained: unknown }>`
      select day, hour, sum(conversations) as total, sum(contained) as contained
      from insight_conversations where ${period(f)} group by day, hour`.execute(db);
    const perDay = new Map(daysBetween(f.from, f.to).map((day) => [day, { day, total: 0, contained: 0 }]));
    const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, total: 0 }));
    for (const r of rows.rows) {
      const d = perDay.get(r.day);
      if (d) {
        d.total += num(r.total);
        d.contained += num(r.contained);
      }
      perHour[Number(r.hour)]!.total += num(r.total);
    }
    const days = [...perDay.values()];
    const total = days.reduce((s, d) => s + d.total, 0);
    const contained = days.reduce((s, d) => s + d.contained, 0);
    return { total, contained, containment: total === 0 ? 0 : contained / total, perDay: days, perHour };
  }

  async function handoffs(f: InsightFilter): Promise<Dashboard['handoffReasons']> {
    const rows = await sql<{ day: string; reason: string; total: unknown }>`
      select day, reason, sum(conversations) as total from insight_handoffs where ${period(f)} group by day, reason`.execute(db);
    const days = daysBetween(f.from, f.to);
    const byReason = new Map(handoffReasons.map((reason) => [reason as string, { reason, total: 0, perDay: new Map(days.map((day) => [day, 0])) }]));
    for (const r of rows.rows) {
      const entry = byReason.get(r.reason) ?? byReason.get('other')!;
      entry.total += num(r.total);
      if (entry.perDay.has(r.day)) entry.perDay.set(r.day, entry.perDay.get(r.day)! + num(r.total));
    }
    // Every reason, most frequent first (the catalogue's order between equals).
    return [...byReason.values()]
      .map((e) => ({ reason: e.reason, total: e.total, perDay: [...e.perDay].map(([day, total]) => ({ day, total })) }))
      .sort((a, b) => b.total - a.total || handoffReasons.indexOf(a.reason) - handoffReasons.indexOf(b.reason));
  }

  async function unanswered(f: InsightFilter, limit = UNANSWERED_SHOWN): Promise<Dashboard['unanswered']> {
    const top = await sql<{ question_key: string; count: unknown }>`
      select question_key, sum(n) as "count" from insight_unanswered where ${period(f)}
      group by question_key order by sum(n) desc, question_key limit ${limit}`.execute(db);
    if (top.rows.length === 0) return [];
    const keys = top.rows.map((r) => r.question_key);
    // The wording asked most often on a day of the period (the newest day's when tied), and the
    // newest example conversation that has not been deleted.
    const details = await sql<{ question_key: string; day: string; text: string; n: unknown; example_conversation_id: string | null }>`
      select question_key, day, text, n, example_conversation_id from insight_unanswered
      where ${period(f)} and question_key in (${sql.join(keys)})`.execute(db);
    const chosen = new Map<string, { text: string; n: number; day: string; examples: { day: string; id: string }[] }>();
    for (const d of details.rows) {
      const seen = chosen.get(d.question_key) ?? { text: d.text, n: -1, day: '', examples: [] };
      const n = num(d.n);
      if (n > seen.n || (n === seen.n && d.day > seen.day)) Object.assign(seen, { text: d.text, n, day: d.day });
      if (d.example_conversation_id !== null) seen.examples.push({ day: d.day, id: d.example_conversation_id });
      chosen.set(d.question_key, seen);
    }
    const examples = await newestPresent(new Map([...chosen].map(([key, c]) => [key, c.examples.sort((a, b) => (a.day < b.day ? 1 : -1)).map((e) => e.id)])));
    return top.rows.map((r) => ({ text: chosen.get(r.question_key)?.text ?? r.question_key, count: num(r.count), exampleConversationId: examples.get(r.question_key) ?? null }));
  }

  /**
   * For each key, the first of its candidate conversation ids (newest first) that still exists.
   * Asked in rounds — the newest of each, then the next few of those not found … — since
   * retention deletes oldest first: usually the first round answers. Look-ups by primary key only.
   */
  async function newestPresent(candidates: ReadonlyMap<string, readonly string[]>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let from = 0;
    for (let take = 1; from < Math.max(0, ...[...candidates.values()].map((c) => c.length)) && take <= 1024; from += take, take *= 8) {
      const asked = [...candidates].filter(([key]) => !found.has(key)).map(([key, ids]) => [key, ids.slice(from, from + take)] as const);
      const ids = [...new Set(asked.flatMap(([, list]) => list))];
      const present = new Set<string>();
      for (let i = 0; i < ids.length; i += 1000) {
        for (const r of await db.selectFrom('conversations').select('id').where('id', 'in', ids.slice(i, i + 1000)).execute()) present.add(r.id);
      }
      for (const [key, list] of asked) {
        const hit = list.find((id) => present.has(id));
        if (hit) found.set(key, hit);
      }
      if (found.size === candidates.size) break;
    }
    return found;
  }

  async function answers(f: InsightFilter): Promise<Dashboard['answers']> {
    const rows = await sql<{ topic_id: string; yes: unknown; no: unknown }>`
      select topic_id, sum(yes_votes) as yes, sum(no_votes) as "no" from insight_answers where ${period(f)}
      group by topic_id having sum(yes_votes) + sum(no_votes) >= 1
      order by sum(no_votes) * 1.0 / (sum(yes_votes) + sum(no_votes)) desc, sum(yes_votes) + sum(no_votes) desc, topic_id`.execute(db);
    return rows.rows.map((r) => {
      const yes = num(r.yes);
      const no = num(r.no);
      return { topicId: r.topic_id, yes, no, noRate: no / (yes + no) };
    });
  }

  async function queue(f: InsightFilter): Promise<Dashboard['queue']> {
    // Nearest rank: the smallest bucket with at least p % of the waits at or below it.
    const waits = await sql<{ p50: unknown; p90: unknown }>`
      with h as (select bucket, sum(n) as n from insight_waits where ${period(f)} group by bucket),
      c as (select bucket, sum(n) over (order by bucket rows between unbounded preceding and current row) as cum, sum(n) over () as total from h)
      select min(case when 100 * cum >= 50 * total then bucket end) as p50, min(case when 100 * cum >= 90 * total then bucket end) as p90 from c`.execute(db);
    const sums = await sql<{ abandoned: unknown; callbacks_left: unknown; callbacks_done: unknown }>`
      select sum(abandoned) as abandoned, sum(callbacks_left) as callbacks_left, sum(callbacks_done) as callbacks_done
      from insight_conversations where ${period(f)}`.execute(db);
    const w = waits.rows[0];
    const s = sums.rows[0];
    return {
      waitP50Seconds: numOrNull(w?.p50),
      waitP90Seconds: numOrNull(w?.p90),
      abandoned: num(s?.abandoned),
      callbacksLeft: num(s?.callbacks_left),
      callbacksDone: num(s?.callbacks_done),
    };
  }

  async function advisors(f: InsightFilter): Promise<Dashboard['advisors']> {
    const rows = await sql<{ advisor_id: string; name: string | null; conversations: unknown; p50: unknown }>`
      with h as (select advisor_id, bucket, sum(n) as n from insight_handling where ${period(f)} group by advisor_id, bucket),
      c as (select advisor_id, bucket,
              sum(n) over (partition by advisor_id order by bucket rows between unbounded preceding and current row) as cum,
              sum(n) over (partition by advisor_id) as total from h),
      p as (select advisor_id, max(total) as conversations, min(case when 100 * cum >= 50 * total then bucket end) as p50 from c group by advisor_id)
      select p.advisor_id, a.name, p.conversations, p.p50 from p left join advisors a on a.id = p.advisor_id
      order by p.conversations desc, a.name, p.advisor_id`.execute(db);
    return rows.rows.map((r) => ({ advisorId: r.advisor_id, name: r.name ?? '', conversations: num(r.conversations), handleP50Seconds: numOrNull(r.p50) }));
  }

  /** The newest comments of conversations begun in the period, in its language if one is asked. */
  async function comments(f: InsightFilter, limit: number): Promise<Dashboard['csat']['comments']> {
    const start = dayRange(f.from).start;
    const end = dayRange(f.to).end;
    const out: Dashboard['csat']['comments'] = [];
    const page = f.language === 'all' ? limit : COMMENT_PAGE;
    let before: { at: string; id: string } | null = null;
    while (out.length < limit) {
      let q = db
        .selectFrom('csat as s')
        .innerJoin('conversations as c', 'c.id', 's.conversation_id')
        .select(['s.conversation_id', 's.score', 's.comment', 's.created_at'])
        // A score comes after its conversation began: this bound lets the index on csat.created_at serve.
        .where('s.created_at', '>=', start)
        .where('c.created_at', '>=', start)
        .where('c.created_at', '<', end)
        .where('s.comment', 'is not', null)
        .where('s.comment', '<>', '');
      if (before) {
        const b = before;
        q = q.where((eb) => eb.or([eb('s.created_at', '<', b.at), eb.and([eb('s.created_at', '=', b.at), eb('s.conversation_id', '>', b.id)])]));
      }
      const rows = await q.orderBy('s.created_at', 'desc').orderBy('s.conversation_id').limit(page).execute();
      let kept = rows;
      if (f.language !== 'all' && rows.length) {
        // Not rolled up (the comment is free text): the language is read as the rollup reads it.
        const texts = await db
          .selectFrom('messages')
          .select(['conversation_id', 'seq', 'text'])
          .where('conversation_id', 'in', rows.map((r) => r.conversation_id))
          .where('author', '=', 'customer')
          .orderBy('conversation_id')
          .orderBy('seq')
          .execute();
        const first = new Map<string, string[]>();
        for (const t of texts) {
          const list = first.get(t.conversation_id) ?? [];
          if (list.length < MESSAGES_READ) list.push(t.text);
          first.set(t.conversation_id, list);
        }
        kept = rows.filter((r) => conversationLanguage(first.get(r.conversation_id) ?? []) === f.language);
      }
      for (const r of kept) if (out.length < limit) out.push({ score: num(r.score), comment: r.comment ?? '', at: r.created_at, conversationId: r.conversation_id });
      if (rows.length < page) break;
      const last = rows.at(-1)!;
      before = { at: last.created_at, id: last.conversation_id };
    }
    return out;
  }

  async function csat(f: InsightFilter, commentLimit = COMMENTS_SHOWN): Promise<Dashboard['csat']> {
    const rows = await sql<{ score: number; count: unknown }>`
      select score, sum(n) as "count" from insight_csat where ${period(f)} group by score`.execute(db);
    const distribution = [1, 2, 3, 4, 5].map((score) => ({ score, count: num(rows.rows.find((r) => Number(r.score) === score)?.count) }));
    const responses = distribution.reduce((s, d) => s + d.count, 0);
    const sum = distribution.reduce((s, d) => s + d.score * d.count, 0);
    return { responses, average: responses === 0 ? null : sum / responses, distribution, comments: await comments(f, commentLimit) };
  }

  async function dashboard(f: InsightFilter): Promise<Dashboard> {
    const [c, h, u, a, q, adv, s] = await Promise.all([conversations(f), handoffs(f), unanswered(f), answers(f), queue(f), advisors(f), csat(f)]);
    return { period: { from: f.from, to: f.to }, conversations: c, handoffReasons: h, unanswered: u, answers: a, queue: q, advisors: adv, csat: s };
  }

  async function csv(table: CsvTable, f: InsightFilter): Promise<string> {
    const rows = await csvRows(table, f);
    return toCsv(rows.header, rows.rows);
  }

  async function csvRows(table: CsvTable, f: InsightFilter): Promise<{ header: string[]; rows: Cell[][] }> {
    switch (table) {
      case 'conversations-per-day': {
        const c = await conversations(f);
        return { header: ['day', 'total', 'contained'], rows: c.perDay.map((d) => [d.day, d.total, d.contained]) };
      }
      case 'conversations-per-hour': {
        const c = await conversations(f);
        return { header: ['hour', 'total'], rows: c.perHour.map((h) => [h.hour, h.total]) };
      }
      case 'handoff-reasons': {
        // One row a day, one column a reason: what a spreadsheet charts.
        const h = await handoffs(f);
        const inOrder = handoffReasons.map((reason) => h.find((x) => x.reason === reason)!);
        return { header: ['day', ...handoffReasons], rows: daysBetween(f.from, f.to).map((day, i) => [day, ...inOrder.map((x) => x.perDay[i]!.total)]) };
      }
      case 'unanswered':
        return { header: ['text', 'count', 'exampleConversationId'], rows: (await unanswered(f, UNANSWERED_EXPORTED)).map((u) => [u.text, u.count, u.exampleConversationId]) };
      case 'answers':
        return { header: ['topicId', 'yes', 'no', 'noRate'], rows: (await answers(f)).map((a) => [a.topicId, a.yes, a.no, a.noRate]) };
      case 'queue': {
        const q = await queue(f);
        return { header: ['waitP50Seconds', 'waitP90Seconds', 'abandoned', 'callbacksLeft', 'callbacksDone'], rows: [[q.waitP50Seconds, q.waitP90Seconds, q.abandoned, q.callbacksLeft, q.callbacksDone]] };
      }
      case 'advisors':
        return { header: ['advisorId', 'name', 'conversations', 'handleP50Seconds'], rows: (await advisors(f)).map((a) => [a.advisorId, a.name, a.conversations, a.handleP50Seconds]) };
      case 'csat':
        return { header: ['score', 'count'], rows: (await csat(f, 0)).distribution.map((d) => [d.score, d.count]) };
      case 'csat-comments':
        return { header: ['at', 'score', 'comment', 'conversationId'], rows: (await comments(f, COMMENTS_EXPORTED)).map((c) => [c.at, c.score, c.comment, c.conversationId]) };
    }
  }

  return { dashboard, csv, conversations, handoffReasons: handoffs, unanswered, answers, queue, advisors, csat };
}
export type InsightQueries = ReturnType<typeof insightQueries>;
