// Rate limits: per address for every route, tighter for starting conversations and logging in,
// and per conversation for what a conversation's token may send.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../chat/errors.js';

export interface RateLimits {
  /** Any route, per client address. */
  requestsPerAddressPerMinute: number;
  conversationsPerAddressPerMinute: number;
  /** Login requests of any outcome: a flood guard. Failed logins are throttled apart (login-throttle.ts). */
  loginsPerAddressPerMinute: number;
  /** Messages, hand-offs, callbacks and feedback, per conversation. */
  messagesPerConversationPerMinute: number;
}

export const defaultLimits: RateLimits = Object.freeze({
  requestsPerAddressPerMinute: 600,
  conversationsPerAddressPerMinute: 30,
  loginsPerAddressPerMinute: 30,
  messagesPerConversationPerMinute: 30,
});

export const rateLimited = (retryInSeconds: number) =>
  new AppError('ERR_RATE_LIMITED', `too many requests; try again in ${retryInSeconds} s`, { retryAfterSeconds: retryInSeconds });

/** A preHandler that limits by the conversation in the path, beside the per-address limit. */
export function perConversationLimit(app: FastifyInstance, max: number) {
  const check = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (req) => `conversation:${(req.params as { id?: string }).id ?? ''}` });
  return async (req: FastifyRequest) => {
    const result = await check(req);
    if (!result.isAllowed && result.isExceeded) throw rateLimited(result.ttlInSeconds);
  };
}
