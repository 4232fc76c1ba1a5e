// 500 reconnects while messages arrive: each customer's socket drops and comes back with the last
// seq it has; over all its sessions it must see every message once, in order, none missing.
import WebSocket from 'ws';
import { call, newAddress, pool, type Tally } from './http.js';

export interface SocketResult {
  reconnects: number;
  lost: number;
  doubled: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One session: opens after `after`, collects message seqs until `stayMs` has passed, then closes. */
function session(wsUrl: string, c: { id: string; token: string }, after: number, stayMs: number, address: string): Promise<number[]> {
  return new Promise((resolve) => {
    const seqs: number[] = [];
    const ws = new WebSocket(`${wsUrl}/api/conversations/${c.id}/ws?token=${c.token}&after=${after}`, { headers: { 'x-forwarded-for': address } });
    const done = () => resolve(seqs);
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as { type: string; message?: { seq: number } };
      if (f.type === 'message' && f.message) seqs.push(f.message.seq);
    });
    ws.on('open', () => setTimeout(() => ws.close(), stayMs));
    ws.on('close', done);
    ws.on('error', done);
  });
}

export async function reconnects(o: { base: string; wsUrl: string; customers: number; reconnectsEach: number }, tally: Tally): Promise<SocketResult> {
  const customers = await Promise.all(
    Array.from({ length: o.customers }, async () => ({ ...((await call(o.base, { method: 'POST', path: '/api/conversations' }, tally)).body as { id: string; token: string }), address: newAddress() })),
  );
  let lost = 0;
  let doubled = 0;
  await pool(customers, customers.length, async (c) => {
    let writing = true;
    // The customer writes a message every ~150 ms (each gets a bot answer too) …
    const writer = (async () => {
      for (let i = 0; writing && i < 25; i++) {
        await call(o.base, { method: 'POST', path: `/api/conversations/${c.id}/messages`, token: c.token, body: { text: i % 2 ? 'takk' : 'BID-1433', clientMessageId: `s-${i}` }, address: c.address }, tally);
        await sleep(100);
      }
    })();
    // … while its socket drops and comes back, resuming from the last seq it saw.
    const seen: number[] = [];
    for (let k = 0; k < o.reconnectsEach; k++) {
      seen.push(...(await session(o.wsUrl, c, seen.at(-1) ?? 0, 20 + (k % 4) * 20, c.address)));
    }
    writing = false;
    await writer;
    // The last session reads whatever is left.
    seen.push(...(await session(o.wsUrl, c, seen.at(-1) ?? 0, 300, c.address)));
    const last = ((await call(o.base, { method: 'GET', path: `/api/conversations/${c.id}/messages`, token: c.token, address: c.address }, tally)).body as { messages: { seq: number }[] }).messages.at(-1)?.seq ?? 0;
    const counts = new Map<number, number>();
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (let s = 1; s <= last; s++) {
      const n = counts.get(s) ?? 0;
      if (n === 0) lost++;
      if (n > 1) doubled++;
    }
  });
  return { reconnects: o.customers * o.reconnectsEach, lost, doubled };
}
