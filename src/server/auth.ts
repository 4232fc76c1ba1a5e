// Who is calling: a customer's bearer token, or an advisor's session cookie.
import type {} from '@fastify/cookie'; // its request and reply types
import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../chat/auth-service.js';
import type { Advisor } from '../chat/repositories/advisors.js';

export const SESSION_COOKIE = 'ks_session';

declare module 'fastify' {
  interface FastifyRequest {
    advisor: Advisor | null;
  }
}

/** The token from "Authorization: Bearer …", or from `?token=` (browsers cannot set headers on a WebSocket). */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m?.[1];
  }
  const query = req.query as { token?: unknown } | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

export function requireAdvisor(req: FastifyRequest): Advisor {
  if (!req.advisor) throw new Error('advisor route without the advisor hook');
  return req.advisor;
}

/** A preHandler for routes that need a session: 401 without one, else `req.advisor` is set. */
export function signedIn(auth: AuthService): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    req.advisor = await auth.authenticate(req.cookies[SESSION_COOKIE]);
  };
}
