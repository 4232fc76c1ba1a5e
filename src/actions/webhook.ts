// The outbox's sender for the bank's webhook: one signed POST per attempt. The response decides
// whether to try again: 2xx is delivered; a timeout, a network error, 408, 425, 429 and 5xx are
// passing trouble; anything else (a 400, a 401 for a wrong secret, a redirect) will not get better
// by itself and is dead at once, for an admin to look at. The body is the customer's order: it is
// never logged, nor put in an error.
import type { Sender, SendResult } from './outbox.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';

export interface WebhookTarget {
  url: string;
  /** Several during a rotation: the header carries one signature for each. */
  secret: string | readonly string[];
  /** Default 10 s. Keep it below the outbox's lease. */
  timeoutMs?: number;
}

export interface WebhookOptions {
  now?: () => Date;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Statuses that say "later": request timeout, too early, too many requests. 5xx besides. */
const RETRY_STATUSES = new Set([408, 425, 429]);

const retryable = (status: number) => RETRY_STATUSES.has(status) || status >= 500;

/** Retry-After in ms, as delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** What went wrong on the way, without the URL (it may hold a token) or anything of the body. */
function networkError(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `timeout after ${timeoutMs} ms`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : e instanceof Error ? e.name : 'unknown';
  return `network error: ${code}`;
}

function fromResponse(response: Response, now: Date): SendResult {
  if (response.ok) return { ok: true };
  const error = `HTTP ${response.status}`;
  if (!retryable(response.status)) return { ok: false, error, retry: false };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  return { ok: false, error, retry: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** A Sender that POSTs `render(orderId)`, signed, with the order id as the idempotency key. */
export function webhookSender(target: WebhookTarget, render: (orderId: string) => Promise<string>, options: WebhookOptions = {}): Sender {
  const now = options.now ?? (() => new Date());
  const post = options.fetch ?? fetch;
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async send(orderId, attempt) {
      const body = await render(orderId);
      let response: Response;
      try {
        response = await post(target.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': orderId,
            [SIGNATURE_HEADER]: signBody(target.secret, body, now()),
            'Kundesenter-Attempt': String(attempt),
          },
          body,
          // A redirected POST would carry the signed order to another address: not followed.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        return { ok: false, error: networkError(e, timeoutMs), retry: true };
      }
      // Only the status counts; the body is let go so the connection can be reused.
      await response.body?.cancel().catch(() => {});
      return fromResponse(response, now());
    },
  };
}
