// Which web pages may use the API from a browser. A browser names the page's origin in the Origin
// header (on every cross-origin request, on POSTs and on WebSocket handshakes); requests without
// one (curl, servers, tests) and from this service's own pages always pass.
//
// - The customer API (/api/conversations…, /api/opening-hours) and its WebSocket also serve the
//   pages of WIDGET_ORIGINS, the sites that embed the widget: CORS headers, preflights answered.
//   No cookies are involved (the customer's token is a bearer token), so no credentials are allowed.
// - The advisor WebSocket opens from the console's own pages only (a foreign page could otherwise
//   open it with the advisor's cookie), and every advisor and admin request that changes something
//   (the routes that take the session cookie) must come from them too: SameSite=Strict keeps the
//   cookie off other sites' requests, and this check holds even where a browser does not.
// Any other page is refused with 403, before rate limits and routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../chat/errors.js';

const CUSTOMER_API = /^\/api\/(?:conversations|opening-hours)(?:[/?]|$)/;
const ADVISOR_SOCKET = /^\/api\/advisor\/ws(?:\?|$)/;
const COOKIE_ROUTES = /^\/api\/(?:advisor|admin|content|insight)(?:[/?]|$)/;
const READS = new Set(['GET', 'HEAD']);
/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/** True when `origin` is the host the request was sent to (with TRUST_PROXY, the forwarded host). */
export function isSameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function originGuard(app: FastifyInstance, options: { widgetOrigins: readonly string[] }): void {
  const listed = new Set(options.widgetOrigins);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (CUSTOMER_API.test(req.url)) {
      void reply.header('vary', 'Origin');
      if (origin === undefined || isSameOrigin(origin, req.host)) return;
      if (!listed.has(origin)) {
        throw new AppError('ERR_FORBIDDEN', `pages on ${origin} may not use the chat API; the operator can allow that site in WIDGET_ORIGINS`);
      }
      void reply.header('access-control-allow-origin', origin);
      if (req.method === 'OPTIONS') {
        return reply
          .status(204)
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'authorization, content-type')
          .header('access-control-max-age', String(PREFLIGHT_MAX_AGE))
          .send();
      }
      return;
    }
    if (origin === undefined || isSameOrigin(origin, req.host)) return;
    if (ADVISOR_SOCKET.test(req.url)) throw new AppError('ERR_FORBIDDEN', 'the advisor socket opens from the console’s own pages only');
    if (COOKIE_ROUTES.test(req.url) && !READS.has(req.method)) {
      throw new AppError('ERR_FORBIDDEN', `advisor and admin requests come from the console’s own pages only, not from ${origin}`);
    }
  });
}
