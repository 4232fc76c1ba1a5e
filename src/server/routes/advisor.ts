// The advisor API: login, the queue, a conversation's transcript, and what an advisor does with it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdvisorService } from '../../chat/advisor-service.js';
import { SESSION_HOURS, type AuthService } from '../../chat/auth-service.js';
import { AppError } from '../../chat/errors.js';
import type { LoginThrottle } from '../login-throttle.js';
import type { Conversation } from '../../chat/conversation.js';
import { SESSION_COOKIE, requireAdvisor, signedIn } from '../auth.js';
import { errorBody } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { advisorAccount as advisor, advisorMessage, afterQuery, pageFields, callback, callbackParams, closeBody, conversationView, idParams, loginBody, note, noteBody, postMessageBody, queueEntry } from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';
import type { RateLimits } from '../limits.js';

const tags = ['advisor'];
const security = [{ advisorSession: [] }];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const view = (c: Conversation) => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  queuedAt: c.queuedAt?.toISOString() ?? null,
  claimedAt: c.claimedAt?.toISOString() ?? null,
  closedAt: c.closedAt?.toISOString() ?? null,
});

export function advisorRoutes(
  app: FastifyInstance,
  deps: { advisors: AdvisorService; auth: AuthService; metrics: Metrics; limits: RateLimits; cookieSecure: boolean; throttle: LoginThrottle },
): void {
  const { advisors, auth, metrics } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/advisor/login',
    {
      schema: {
        tags,
        summary: 'Log in; sets an HttpOnly, SameSite=Strict session cookie',
        body: loginBody,
        response: { 200: z.object({ advisor, expiresAt: z.string() }), 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody },
      },
      config: { rateLimit: { max: deps.limits.loginsPerAddressPerMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const { email, password } = req.body;
      await deps.throttle.check(email, req.ip);
      let s: Awaited<ReturnType<AuthService['login']>>;
      try {
        s = await auth.login(email, password);
      } catch (e) {
        if (e instanceof AppError && e.code === 'ERR_BAD_CREDENTIALS') await deps.throttle.failed(email, req.ip);
        throw e;
      }
      await deps.throttle.succeeded(email, req.ip);
      void reply.setCookie(SESSION_COOKIE, s.sessionId, {
        httpOnly: true,
        sameSite: 'strict',
        // Secure whenever the request came over HTTPS (behind TRUST_PROXY, as the proxy says).
        secure: deps.cookieSecure || req.protocol === 'https',
        path: '/',
        // Relative, so the browser's own clock decides: a server clock that differs (or is faked in
        // a test) must not make the browser drop the cookie on arrival.
        maxAge: SESSION_HOURS * 3600,
      });
      return { advisor: s.advisor, expiresAt: s.expiresAt.toISOString() };
    },
  );

  r.post('/api/advisor/logout', { schema: { tags, summary: 'Log out', response: { 204: z.null() } } }, async (req, reply) => {
    await auth.logout(req.cookies[SESSION_COOKIE]);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  // Everything below needs a session.
  app.register(async (scope) => {
    scope.addHook('preHandler', signedIn(auth));
    const s = scope.withTypeProvider<ZodTypeProvider>();

    s.get('/api/advisor/me', { schema: { tags, security, summary: 'The advisor logged in', response: { 200: advisor, 401: errorBody } } }, async (req) =>
      requireAdvisor(req),
    );

    s.get(
      '/api/advisor/queue',
      {
        schema: {
          tags,
          security,
          summary: 'Waiting conversations in the order they are served (urgent first), this advisor’s own, and open callback requests',
          response: {
            200: z.object({
              conversations: z.array(queueEntry),
              callbacks: z.array(callback),
            }),
            401: errorBody,
          },
        },
      },
      async (req) => advisors.queue(requireAdvisor(req)),
    );

    s.get(
      '/api/advisor/conversations/:id',
      {
        schema: {
          tags,
          security,
          summary: 'The whole transcript, what the bot understood (topic, error codes, urgency), internal notes and callback requests',
          params: idParams,
          response: { 200: z.object({ conversation: conversationView, messages: z.array(advisorMessage), notes: z.array(note), callbacks: z.array(callback) }), ...errors },
        },
      },
      async (req) => {
        const v = await advisors.view(requireAdvisor(req), req.params.id);
        // Every advisor may read any transcript (the queue needs it); each read is on record.
        req.log.info({ audit: 'transcript-read', advisorId: requireAdvisor(req).id, conversationId: req.params.id }, 'transcript read');
        return { ...v, conversation: view(v.conversation) };
      },
    );

    s.get(
      '/api/advisor/conversations/:id/messages',
      {
        schema: {
          tags,
          security,
          summary: 'One page of the messages after seq `after`; while `hasMore`, ask again with `after=next`',
          params: idParams,
          querystring: afterQuery,
          response: { 200: z.object({ messages: z.array(advisorMessage), ...pageFields }), ...errors },
        },
      },
      async (req) => advisors.messagesAfter(requireAdvisor(req), req.params.id, req.query.after),
    );

    s.post(
      '/api/advisor/conversations/:id/claim',
      { schema: { tags, security, summary: 'Take a waiting conversation', params: idParams, response: { 200: conversationView, ...errors } } },
      async (req) => view(await advisors.claim(requireAdvisor(req), req.params.id)),
    );

    s.post(
      '/api/advisor/conversations/:id/messages',
      {
        schema: { tags, security, summary: 'Write to the customer', params: idParams, body: postMessageBody, response: { 201: z.object({ message: advisorMessage }), ...errors } },
      },
      async (req, reply) => {
        const result = await advisors.send(requireAdvisor(req), req.params.id, req.body);
        metrics.messagesStored.inc({ author: 'advisor' });
        return reply.status(201).send(result);
      },
    );

    s.post(
      '/api/advisor/conversations/:id/notes',
      { schema: { tags, security, summary: 'An internal note: advisors see it, the customer never does', params: idParams, body: noteBody, response: { 201: note, ...errors } } },
      async (req, reply) => reply.status(201).send(await advisors.note(requireAdvisor(req), req.params.id, req.body.text)),
    );

    s.post(
      '/api/advisor/conversations/:id/transfer',
      { schema: { tags, security, summary: 'Send the conversation back to the queue', params: idParams, response: { 200: conversationView, ...errors } } },
      async (req) => view(await advisors.transfer(requireAdvisor(req), req.params.id)),
    );

    s.post(
      '/api/advisor/conversations/:id/close',
      { schema: { tags, security, summary: 'Close the conversation with an outcome', params: idParams, body: closeBody, response: { 200: conversationView, ...errors } } },
      async (req) => view(await advisors.close(requireAdvisor(req), req.params.id, req.body.outcome)),
    );

    s.post(
      '/api/advisor/callbacks/:id/done',
      { schema: { tags, security, summary: 'Mark a callback request as handled', params: callbackParams, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await advisors.handleCallback(requireAdvisor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  });
}
