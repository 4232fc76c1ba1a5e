// /metrics and /docs are for operators, not for anyone on the customer port: they open with the
// OPS_TOKEN as a bearer token (Prometheus, scripts) or an admin's session (a person in a browser).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../chat/auth-service.js';
import { SESSION_COOKIE } from './auth.js';

const OPS_PATHS = /^\/(?:metrics|docs)(?:[/?]|$)/;

export function opsGuard(app: FastifyInstance, o: { auth: AuthService; opsToken: string | undefined }): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!OPS_PATHS.test(req.url)) return;
    if (tokenMatches(req, o.opsToken)) return;
    const advisor = await o.auth.authenticate(req.cookies?.[SESSION_COOKIE]).catch(() => null);
    if (advisor?.role === 'admin') return;
    return reply
      .status(advisor ? 403 : 401)
      .send({ error: { code: advisor ? 'ERR_FORBIDDEN' : 'ERR_UNAUTHORIZED', message: 'metrics and API docs need the OPS_TOKEN (Authorization: Bearer …) or an admin session' } });
  });
}

function tokenMatches(req: FastifyRequest, token: string | undefined): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!token || !m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
