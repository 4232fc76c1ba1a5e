// The webhook sender alone: which responses are retried, timeouts, redirects, Retry-After, and
// that no error ever carries the order's body.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, startReceiver, type Receiver } from './testing.js';
import { parseRetryAfter, webhookSender } from './webhook.js';

const SECRET = 'whsec_test';
const clock = manualClock(new Date(Date.UTC(2026, 4, 12, 8, 0, 0)));
const BODY = '{"orderId":"o-1","fields":{"address":"Hemmelegvegen 7"}}';
const render = async () => BODY;

/** A fetch that answers `status` without a network. */
const answering = (status: number, headers: Record<string, string> = {}): typeof fetch => async () => new Response(null, { status, headers });

describe('webhook sender', () => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('posts the rendered body, signed, with the idempotency key and the attempt', async () => {
    receiver = await startReceiver({ secret: SECRET, now: clock.now });
    const sender = webhookSender({ url: receiver.url, secret: SECRET }, render, { now: clock.now });
    expect(await sender.send('o-1', 3)).toEqual({ ok: true });
    expect(receiver.arrivals).toEqual([{ key: 'o-1', attempt: '3', contentType: 'application/json', signed: true, body: BODY }]);
  });

  it.each([
    [200, { ok: true }],
    [204, { ok: true }],
    [400, { ok: false, error: 'HTTP 400', retry: false }],
    [401, { ok: false, error: 'HTTP 401', retry: false }],
    [404, { ok: false, error: 'HTTP 404', retry: false }],
    [408, { ok: false, error: 'HTTP 408', retry: true }],
    [422, { ok: false, error: 'HTTP 422', retry: false }],
    [425, { ok: false, error: 'HTTP 425', retry: true }],
    [429, { ok: false, error: 'HTTP 429', retry: true }],
    [500, { ok: false, error: 'HTTP 500', retry: true }],
    [503, { ok: false, error: 'HTTP 503', retry: true }],
    [301, { ok: false, error: 'HTTP 301', retry: false }],
  ])('classifies %i', async (status, expected) => {
    const sender = webhookSender({ url: 'http://bank.test/orders', secret: SECRET }, render, { now: clock.now, fetch: answering(status) });
    expect(await sender.send('o-1', 1)).toEqual(expected);
  });

  it('passes on Retry-After, in seconds or as a date', async () => {
    const seconds = webhookSender({ url: 'http://bank.test/', secret: SECRET }, render, { now: clock.now, fetch: answering(503, { 'Retry-After': '30' }) });
    expect(await seconds.send('o-1', 1)).toEqual({ ok: false, error: 'HTTP 503', retry: true, retryAfterMs: 30_000 });
    const date = new Date(clock.now().getTime() + 90_000).toUTCString();
    expect(parseRetryAfter(date, clock.now())).toBe(90_000);
    expect(parseRetryAfter('soon', clock.now())).toBeUndefined();
    expect(parseRetryAfter(null, clock.now())).toBeUndefined();
  });

  it('does not follow a redirect: the signed order stays where it was sent', async () => {
    const elsewhere = await startReceiver({ secret: SECRET, now: clock.now });
    const redirecting = createServer((_, res) => res.writeHead(307, { Location: elsewhere.url }).end());
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const sender = webhookSender({ url: `http://127.0.0.1:${port}/`, secret: SECRET }, render, { now: clock.now });
      expect(await sender.send('o-1', 1)).toEqual({ ok: false, error: 'HTTP 307', retry: false });
      expect(elsewhere.arrivals).toEqual([]);
    } finally {
      redirecting.closeAllConnections();
      redirecting.close();
      await elsewhere.close();
    }
  });

  it('times out a slow receiver and retries, without the body in the error', async () => {
    receiver = await startReceiver({ secret: SECRET, now: clock.now, delayMs: 300 });
    const sender = webhookSender({ url: receiver.url, secret: SECRET, timeoutMs: 50 }, render, { now: clock.now });
    const result = await sender.send('o-1', 1);
    expect(result).toEqual({ ok: false, error: 'timeout after 50 ms', retry: true });
  });

  it('retries a network error and names only its code', async () => {
    const closed = await startReceiver({ secret: SECRET, now: clock.now });
    await closed.close();
    const sender = webhookSender({ url: `${closed.url}?token=hemmeleg`, secret: SECRET }, render, { now: clock.now });
    const result = await sender.send('o-1', 1);
    expect(result).toEqual({ ok: false, error: 'network error: ECONNREFUSED', retry: true });
    expect(JSON.stringify(result)).not.toMatch(/Hemmeleg|token/i);
  });
});
