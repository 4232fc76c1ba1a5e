// Test data with known figures: conversations inserted row by row as the chat service would have
// left them (states, outcomes, timestamps, messages with the bot's meta, feedback, callback
// requests, satisfaction scores), and the dashboard those rows must give. Shared by the rollup
// tests and the end-to-end test of the routes.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dashboard } from './queries.js';

export interface FixtureMessage {
  author: 'customer' | 'bot' | 'system' | 'advisor';
  kind?: string;
  text?: string;
  intent?: string;
  sources?: string[];
  urgent?: boolean;
}

export interface FixtureConversation {
  key: string;
  createdAt: string;
  state: 'bot' | 'queued' | 'advisor' | 'closed';
  outcome?: string;
  advisor?: string;
  queuedAt?: string;
  claimedAt?: string;
  closedAt?: string;
  messages: FixtureMessage[];
  /** By the position (0-based) in `messages` of the bot message voted on. */
  feedback?: { message: number; helped: boolean }[];
  csat?: { score: number; comment?: string; at: string };
  callbacks?: { handled: boolean }[];
}

const customer = (text: string): FixtureMessage => ({ author: 'customer', kind: 'text', text });
const bot = (kind: 'answer' | 'handoff' | 'clarify', intent: string, sources: string[] = []): FixtureMessage => ({ author: 'bot', kind, text: 'Svar frå banken', intent, sources, ...(intent === 'urgent' ? { urgent: true } : {}) });
const system = (kind: string): FixtureMessage => ({ author: 'system', kind, text: 'Melding frå systemet' });
const advisorSays: FixtureMessage = { author: 'advisor', kind: 'text', text: 'Eg skal hjelpe deg.' };

/** The period the fixture's figures are for, and a day on each side of it. */
export const PERIOD = { from: '2026-03-10', to: '2026-03-11' } as const;
export const ADVISORS = [
  { key: 'kari', name: 'Kari Rådgjevar' },
  { key: 'ola', name: 'Ola Rådgjevar' },
] as const;

/** 12 conversations in the period, one the day before it (23:59 in Oslo, 22:59 UTC). */
export const CONVERSATIONS: FixtureConversation[] = [
  // 2026-03-10 (UTC+1)
  { key: 'c1', createdAt: '2026-03-10T08:15:00.000Z', state: 'closed', outcome: 'idle', closedAt: '2026-03-11T08:15:00.000Z',
    messages: [customer('Eg har gløymt passordet mitt'), bot('answer', 'topic', ['gloymt-passord'])], feedback: [{ message: 1, helped: true }] },
  { key: 'c2', createdAt: '2026-03-10T08:40:00.000Z', state: 'closed', outcome: 'customer-left', closedAt: '2026-03-10T08:45:00.000Z',
    messages: [customer('Jeg har glemt passordet mitt'), bot('answer', 'topic', ['gloymt-passord'])], feedback: [{ message: 1, helped: false }] },
  { key: 'c3', createdAt: '2026-03-10T10:05:00.000Z', state: 'closed', outcome: 'solved', advisor: 'kari',
    queuedAt: '2026-03-10T10:06:00.000Z', claimedAt: '2026-03-10T10:06:45.000Z', closedAt: '2026-03-10T10:16:45.000Z',
    messages: [customer('Hi, I want to talk to a person please, my app is not working'), bot('handoff', 'human'), system('queued'), system('claimed'), advisorSays, system('closed')],
    csat: { score: 5, comment: '=HYPERLINK("http://x")', at: '2026-03-10T10:17:00.000Z' } },
  { key: 'c4', createdAt: '2026-03-10T10:30:00.000Z', state: 'closed', outcome: 'abandoned', queuedAt: '2026-03-10T10:31:00.000Z', closedAt: '2026-03-10T10:50:00.000Z',
    messages: [customer('Kvifor får eg ikkje logga inn på BankID på nettbrettet?'), bot('handoff', 'not-covered'), system('queued'), system('abandoned')] },
  { key: 'c5', createdAt: '2026-03-10T12:00:00.000Z', state: 'closed', outcome: 'idle', closedAt: '2026-03-11T12:00:00.000Z',
    messages: [customer('bankid nettbrettet logga inn ikkje, kvifor'), bot('handoff', 'no-match')] },
  { key: 'c6', createdAt: '2026-03-10T12:10:00.000Z', state: 'closed', outcome: 'solved', advisor: 'ola',
    queuedAt: '2026-03-10T12:11:00.000Z', claimedAt: '2026-03-10T12:13:10.000Z', closedAt: '2026-03-10T12:33:44.000Z',
    messages: [customer('Noen ringte og ba om koden min'), bot('handoff', 'urgent'), system('queued'), system('claimed'), advisorSays, system('closed')],
    csat: { score: 2, at: '2026-03-10T12:34:00.000Z' } },
  { key: 'c7', createdAt: '2026-03-10T21:30:00.000Z', state: 'bot',
    messages: [customer('BID-14B1'), bot('answer', 'error-code', ['feil-14b1']), customer('hei'), bot('answer', 'greeting'), system('closed-hours'), system('callback')],
    feedback: [{ message: 1, helped: false }], callbacks: [{ handled: true }] },
  { key: 'c8', createdAt: '2026-03-10T13:00:00.000Z', state: 'closed', outcome: 'solved', advisor: 'ola',
    // claimed by Kari, sent back to the queue (which clears claimed_at), then claimed by Ola
    queuedAt: '2026-03-10T13:10:00.000Z', claimedAt: '2026-03-10T13:10:20.000Z', closedAt: '2026-03-10T13:15:20.000Z',
    messages: [customer('Eg vil snakke med ein person'), bot('handoff', 'human'), system('queued'), system('claimed'), system('transferred'), system('claimed'), advisorSays, system('closed')],
    csat: { score: 4, comment: 'Takk for hjelpa, Ola!', at: '2026-03-10T13:16:00.000Z' } },
  // 00:30 on 2026-03-11 in Oslo
  { key: 'c9', createdAt: '2026-03-10T23:30:00.000Z', state: 'closed', outcome: 'idle', closedAt: '2026-03-11T23:30:00.000Z',
    messages: [customer('Hvordan bestiller jeg ny kodebrikke?'), bot('answer', 'topic', ['kodebrikke'])], feedback: [{ message: 1, helped: true }] },
  // 2026-03-11
  { key: 'c11', createdAt: '2026-03-11T07:00:00.000Z', state: 'advisor', advisor: 'kari', queuedAt: '2026-03-11T07:01:00.000Z', claimedAt: '2026-03-11T07:01:05.000Z',
    messages: [customer('Eg vil auke kredittgrensa mi'), bot('handoff', 'out-of-scope'), system('queued'), system('claimed')] },
  { key: 'c12', createdAt: '2026-03-11T09:20:00.000Z', state: 'closed', outcome: 'abandoned', queuedAt: '2026-03-11T09:22:00.000Z', closedAt: '2026-03-11T09:40:00.000Z',
    messages: [customer('appen berre snurrar'), bot('answer', 'topic', ['app-hengjer']), customer('det hjelpte ikkje'), bot('handoff', 'not-helped'), system('queued'), system('abandoned')] },
  { key: 'c13', createdAt: '2026-03-11T10:00:00.000Z', state: 'closed', outcome: 'idle', closedAt: '2026-03-12T10:00:00.000Z',
    messages: [customer('Jeg har glemt passordet'), bot('answer', 'topic', ['gloymt-passord'])], feedback: [{ message: 1, helped: false }] },
  // 2026-03-09, 23:59 in Oslo: outside the period
  { key: 'c10', createdAt: '2026-03-09T22:59:00.000Z', state: 'closed', outcome: 'idle', closedAt: '2026-03-10T22:59:00.000Z',
    messages: [customer('Eg har gløymt passordet mitt'), bot('handoff', 'no-match')] },
];

export interface Inserted {
  /** Conversation ids by fixture key. */
  ids: Record<string, string>;
  advisors: Record<string, string>;
}

/** Inserts the fixture (ids fresh each time, so several fixtures can share a database). */
export async function insertFixture(db: Kysely<Database>, conversations: readonly FixtureConversation[] = CONVERSATIONS): Promise<Inserted> {
  const advisors: Record<string, string> = {};
  for (const a of ADVISORS) {
    const id = randomUUID();
    advisors[a.key] = id;
    await db.insertInto('advisors').values({ id, email: `${a.key}-${id}@bank.test`, name: a.name, role: 'advisor', password_hash: 'x', created_at: '2026-01-01T00:00:00.000Z', active: 1, display_name: null }).execute();
  }
  const ids: Record<string, string> = {};
  for (const c of conversations) {
    const id = randomUUID();
    ids[c.key] = id;
    const advisorId = c.advisor ? advisors[c.advisor]! : null;
    await db
      .insertInto('conversations')
      .values({
        id,
        token_hash: `hash-${id}`,
        state: c.state,
        urgent: c.messages.some((m) => m.urgent) ? 1 : 0,
        topic: null,
        error_codes: '[]',
        advisor_id: advisorId,
        outcome: c.outcome ?? null,
        last_seq: c.messages.length,
        created_at: c.createdAt,
        queued_at: c.queuedAt ?? null,
        claimed_at: c.claimedAt ?? null,
        closed_at: c.closedAt ?? null,
        customer_seen_at: c.createdAt,
      })
      .execute();
    let lastCustomer: number | null = null;
    const at = new Date(c.createdAt).getTime();
    await db
      .insertInto('messages')
      .values(
        c.messages.map((m, i) => {
          const seq = i + 1;
          const meta = m.author === 'bot' ? { ...(m.urgent ? { urgent: true } : {}), ...(m.sources?.length ? { sources: m.sources } : {}), ...(m.intent ? { intent: m.intent } : {}) } : m.kind === 'claimed' ? { advisorId } : {};
          const row = {
            id: randomUUID(),
            conversation_id: id,
            seq,
            author: m.author,
            kind: m.kind ?? 'text',
            text: m.text ?? '',
            client_message_id: m.author === 'customer' ? `client-${seq}` : null,
            reply_to: m.author === 'customer' ? null : lastCustomer,
            meta: JSON.stringify(meta),
            created_at: new Date(at + i * 1000).toISOString(),
          };
          if (m.author === 'customer') lastCustomer = seq;
          return row;
        }),
      )
      .execute();
    for (const f of c.feedback ?? []) {
      await db.insertInto('feedback').values({ conversation_id: id, seq: f.message + 1, helped: f.helped ? 1 : 0, created_at: c.createdAt }).execute();
    }
    if (c.csat) await db.insertInto('csat').values({ conversation_id: id, score: c.csat.score, comment: c.csat.comment ?? null, created_at: c.csat.at }).execute();
    for (const cb of c.callbacks ?? []) {
      await db
        .insertInto('callback_requests')
        .values({ id: randomUUID(), conversation_id: id, name: null, phone: '57829700', email: null, message: 'Ring meg', created_at: c.createdAt, handled_at: cb.handled ? c.createdAt : null, handled_by: cb.handled ? advisors.kari! : null })
        .execute();
    }
  }
  return { ids, advisors };
}

/** Deletes conversations and every row that hangs off them, as retention does. */
export async function deleteConversations(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const table of ['csat', 'feedback', 'callback_requests', 'notes', 'messages'] as const) await db.deleteFrom(table).where('conversation_id', 'in', ids).execute();
  await db.deleteFrom('conversations').where('id', 'in', ids).execute();
}

const zeroDays = (days: readonly string[], values: Record<string, number> = {}) => days.map((day) => ({ day, total: values[day] ?? 0 }));

/** What the dashboard must say for the whole fixture over PERIOD, language 'all'. */
export function expectedDashboard({ ids, advisors }: Inserted): Dashboard {
  const days = [PERIOD.from, PERIOD.to];
  const hours: Record<number, number> = { 0: 1, 8: 1, 9: 2, 10: 1, 11: 3, 13: 2, 14: 1, 22: 1 };
  return {
    period: { ...PERIOD },
    conversations: {
      total: 12,
      contained: 5, // c1, c2, c5, c9, c13
      containment: 5 / 12,
      perDay: [
        { day: '2026-03-10', total: 8, contained: 3 },
        { day: '2026-03-11', total: 4, contained: 2 },
      ],
      perHour: Array.from({ length: 24 }, (_, hour) => ({ hour, total: hours[hour] ?? 0 })),
    },
    handoffReasons: [
      { reason: 'human', total: 2, perDay: zeroDays(days, { '2026-03-10': 2 }) },
      { reason: 'not-covered', total: 1, perDay: zeroDays(days, { '2026-03-10': 1 }) },
      { reason: 'out-of-scope', total: 1, perDay: zeroDays(days, { '2026-03-11': 1 }) },
      { reason: 'urgent', total: 1, perDay: zeroDays(days, { '2026-03-10': 1 }) },
      { reason: 'not-helped', total: 1, perDay: zeroDays(days, { '2026-03-11': 1 }) },
      { reason: 'other', total: 1, perDay: zeroDays(days, { '2026-03-10': 1 }) },
      { reason: 'no-match', total: 0, perDay: zeroDays(days) },
    ],
    unanswered: [
      // c4 and c5: the same words in another order; c5 is the newer
      { text: 'bankid nettbrettet logga inn ikkje, kvifor', count: 2, exampleConversationId: ids.c5! },
      // c2 and c13 on two days, "Nei" to both; the newer day's wording
      { text: 'jeg har glemt passordet', count: 2, exampleConversationId: ids.c13! },
      { text: 'bid-14b1', count: 1, exampleConversationId: ids.c7! },
    ],
    answers: [
      { topicId: 'feil-14b1', yes: 0, no: 1, noRate: 1 },
      { topicId: 'gloymt-passord', yes: 1, no: 2, noRate: 2 / 3 },
      { topicId: 'kodebrikke', yes: 1, no: 0, noRate: 0 },
    ],
    // waits 5 s (c11), 20 s (c8), 45 s (c3), 130 s (c6)
    queue: { waitP50Seconds: 20, waitP90Seconds: 130, abandoned: 2, callbacksLeft: 1, callbacksDone: 1 },
    advisors: [
      // c8 300 s and c6 1,234 s (bucket 1,200); Kari's c11 is still open
      { advisorId: advisors.ola!, name: 'Ola Rådgjevar', conversations: 2, handleP50Seconds: 300 },
      { advisorId: advisors.kari!, name: 'Kari Rådgjevar', conversations: 1, handleP50Seconds: 600 },
    ],
    csat: {
      responses: 3,
      average: 11 / 3,
      distribution: [
        { score: 1, count: 0 },
        { score: 2, count: 1 },
        { score: 3, count: 0 },
        { score: 4, count: 1 },
        { score: 5, count: 1 },
      ],
      comments: [
        { score: 4, comment: 'Takk for hjelpa, Ola!', at: '2026-03-10T13:16:00.000Z', conversationId: ids.c8! },
        { score: 5, comment: '=HYPERLINK("http://x")', at: '2026-03-10T10:17:00.000Z', conversationId: ids.c3! },
      ],
    },
  };
}
