// Lost or doubled? Customers send numbered messages and retry whatever got no 201 (as the widget
// does), some twice at once, while the service is killed (kill -9), loses an instance, or its
// PostgreSQL or Redis restarts. Afterwards every conversation is read back: each message must be
// there exactly once, and a customer who asked for a person must be in the queue.
import { call, newAddress, pool, type Tally } from './http.js';

export interface Disruption {
  /** What happens while customers write; resolves when it is over. */
  run(): Promise<void>;
}

export interface DeliveryOptions {
  /** The instances customers may reach; a customer tries the next one when one does not answer. */
  bases: () => string[];
  conversations: number;
  messagesEach: number;
  disruption: Disruption;
  /** How long a customer keeps retrying one message. */
  retryForMs?: number;
  /** The customer's pause between messages, so the load spans the disruption. */
  pauseMs?: number;
}

export interface DeliveryResult {
  sent: number;
  lost: number;
  doubled: number;
  /** Asked for a person, but not queued (or with an advisor) afterwards. */
  handoffsLost: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withRetry<T>(bases: () => string[], retryForMs: number, attempt: (base: string) => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + retryForMs;
  for (let i = 0; ; i++) {
    const list = bases();
    const result = await attempt(list[i % list.length]!).catch(() => undefined);
    if (result !== undefined) return result;
    if (Date.now() > until) throw new Error('gave up retrying');
    await sleep(Math.min(1000, 50 * 2 ** Math.min(i, 4)));
  }
}

export async function delivery(o: DeliveryOptions, tally: Tally): Promise<DeliveryResult> {
  const retryForMs = o.retryForMs ?? 60_000;
  const conversations = await Promise.all(
    Array.from({ length: o.conversations }, () =>
      withRetry(o.bases, retryForMs, async (base) => {
        const r = await call(base, { method: 'POST', path: '/api/conversations' }, tally);
        return r.status === 201 ? { ...(r.body as { id: string; token: string }), address: newAddress() } : undefined;
      }),
    ),
  );
  const texts = ['BID-14B1', 'appen min berre snurrar', 'korleis bestiller eg ny kodebrikke', 'takk', 'gløymt passord'];
  const disruption = o.disruption.run();
  await pool(conversations, conversations.length, async (c) => {
    for (let i = 0; i < o.messagesEach; i++) {
      const last = i === o.messagesEach - 1;
      const body = { text: last ? 'Eg vil snakke med ein person' : texts[i % texts.length]!, clientMessageId: `m-${i}` };
      const send = (base: string) =>
        call(base, { method: 'POST', path: `/api/conversations/${c.id}/messages`, token: c.token, body, address: c.address }, tally).then((r) => {
          if (r.status === 429) return sleep(1000).then(() => undefined);
          return r.status === 201 ? r : undefined;
        });
      // Now and then the same message twice at once, as a client whose first try timed out would.
      await Promise.all([withRetry(o.bases, retryForMs, send), ...(i % 3 === 0 ? [withRetry(o.bases, retryForMs, send)] : [])]);
      await sleep(o.pauseMs ?? 250);
    }
  });
  await disruption;

  let lost = 0;
  let doubled = 0;
  let handoffsLost = 0;
  for (const c of conversations) {
    const seen = new Map<string, number>();
    let state = '';
    for (let after = 0; ; ) {
      const page = await withRetry(o.bases, retryForMs, async (base) => {
        const r = await call(base, { method: 'GET', path: `/api/conversations/${c.id}/messages?after=${after}`, token: c.token, address: c.address });
        return r.status === 200 ? (r.body as { state: string; messages: { author: string; clientMessageId: string | null; seq: number }[]; hasMore: boolean; next: number | null }) : undefined;
      });
      for (const m of page.messages) if (m.author === 'customer' && m.clientMessageId) seen.set(m.clientMessageId, (seen.get(m.clientMessageId) ?? 0) + 1);
      state = page.state;
      if (!page.hasMore || page.next === null) break;
      after = page.next;
    }
    for (let i = 0; i < o.messagesEach; i++) {
      const n = seen.get(`m-${i}`) ?? 0;
      if (n === 0) lost++;
      if (n > 1) doubled++;
    }
    if (state !== 'queued' && state !== 'advisor') handoffsLost++;
  }
  return { sent: conversations.length * o.messagesEach, lost, doubled, handoffsLost };
}
