// WebSocket routes. The customer's socket opens with the conversation token and the last seq it
// has; the advisor's with the session cookie, then "watch" messages per conversation.
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { assertWorksConversations, type AdvisorService } from '../../chat/advisor-service.js';
import type { AuthService } from '../../chat/auth-service.js';
import type { CustomerService } from '../../chat/customer-service.js';
import { SESSION_COOKIE, bearerToken, requireAdvisor } from '../auth.js';
import { toApiError } from '../errors.js';
import type { Hub } from '../realtime.js';
import { idParams, wsQuery } from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';

const customerFrame = z.discriminatedUnion('type', [z.object({ type: z.literal('typing') }), z.object({ type: z.literal('ping') })]);
const advisorFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('watch'), conversationId: z.uuid(), after: z.number().int().min(0).default(0) }),
  z.object({ type: z.literal('unwatch'), conversationId: z.uuid() }),
  z.object({ type: z.literal('typing'), conversationId: z.uuid() }),
  z.object({ type: z.literal('ping') }),
]);
/** Largest frame a client may send; frames are small commands, never message text. */
const MAX_FRAME_BYTES = 4096;

/**
 * What one socket may send: a burst of FRAME_BURST frames, then FRAMES_PER_SECOND. Past that the
 * socket is closed with 1008 (policy violation): a client that floods is broken or hostile, and
 * every frame it sends costs the other customers time.
 */
export const FRAME_BURST = 40;
export const FRAMES_PER_SECOND = 10;
export const POLICY_VIOLATION = 1008;

function frameBudget(): () => boolean {
  let tokens = FRAME_BURST;
  let at = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(FRAME_BURST, tokens + ((now - at) / 1000) * FRAMES_PER_SECOND);
    at = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * Typing is published at most once per `everyMs` per conversation: frames within the window are
 * folded into one published at its end, so a flood costs nothing and the last signal still
 * arrives (our clients send one every 3 s, and one at once after a message is sent).
 */
export function typingGate(everyMs = 500): (conversationId: string, publish: () => Promise<void>) => Promise<void> {
  const last = new Map<string, number>();
  const pending = new Set<string>();
  return async (conversationId, publish) => {
    const wait = (last.get(conversationId) ?? -Infinity) + everyMs - performance.now();
    if (wait <= 0) {
      last.set(conversationId, performance.now());
      return publish();
    }
    if (pending.has(conversationId)) return;
    pending.add(conversationId);
    setTimeout(() => {
      pending.delete(conversationId);
      last.set(conversationId, performance.now());
      publish().catch(() => {}); // the socket may have gone; typing is best effort
    }, wait).unref();
  };
}

function onFrames<T>(socket: WebSocket, schema: z.ZodType<T>, handle: (frame: T) => Promise<void>): void {
  const fail = (e: unknown) => {
    const api = toApiError(e);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'error', error: { code: api.code, message: api.message } }));
  };
  const spend = frameBudget();
  socket.on('message', (raw: RawData, isBinary: boolean) => {
    if (socket.readyState !== socket.OPEN) return;
    if (!spend()) {
      socket.close(POLICY_VIOLATION, `more than ${FRAMES_PER_SECOND} frames a second`);
      return;
    }
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
    if (isBinary || bytes.length > MAX_FRAME_BYTES) return fail(new z.ZodError([]));
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8'));
    } catch {
      return socket.send(JSON.stringify({ type: 'error', error: { code: 'ERR_VALIDATION', message: 'frames must be JSON' } }));
    }
    const frame = schema.safeParse(data);
    if (!frame.success) return fail(frame.error);
    handle(frame.data).catch(fail);
  });
}

export function realtimeRoutes(app: FastifyInstance, deps: { hub: Hub; customers: CustomerService; advisors: AdvisorService; auth: AuthService }): void {
  const { hub, customers, advisors, auth } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/conversations/:id/ws',
    {
      websocket: true,
      schema: {
        tags: ['customer'],
        summary:
          'WebSocket (token in ?token= or Authorization): the messages after ?after=SEQ, then new messages, state, queue position and typing. Send {"type":"typing"}.',
        params: idParams,
        querystring: wsQuery,
      },
      preValidation: async (req) => {
        const { id } = req.params as { id: string };
        await customers.authorize(id, bearerToken(req));
      },
    },
    (socket, req) => {
      const { id } = req.params;
      hub.customer(socket, id, req.query.after);
      const typing = typingGate();
      onFrames(socket, customerFrame, async (frame) => {
        if (frame.type === 'typing') {
          await typing(id, async () => customers.typing(await customers.authorize(id, bearerToken(req))));
        } else socket.send(JSON.stringify({ type: 'pong' }));
      });
    },
  );

  r.get(
    '/api/advisor/ws',
    {
      websocket: true,
      schema: {
        tags: ['advisor'],
        summary:
          'WebSocket for advisors (session cookie): queue changes and callback requests; send {"type":"watch","conversationId","after"} for a conversation’s messages, notes, state and typing.',
      },
      preValidation: async (req) => {
        req.advisor = await auth.authenticate(req.cookies[SESSION_COOKIE]);
        // The socket carries the queue and callback requests (names, numbers): not for analysts.
        assertWorksConversations(req.advisor);
      },
    },
    (socket, req) => {
      const advisor = requireAdvisor(req);
      const link = hub.advisor(socket, advisor.id);
      const typing = typingGate();
      onFrames(socket, advisorFrame, async (frame) => {
        switch (frame.type) {
          case 'watch':
            await advisors.view(advisor, frame.conversationId); // 404 for an unknown id
            return link.watch(frame.conversationId, frame.after);
          case 'unwatch':
            return link.unwatch(frame.conversationId);
          case 'typing':
            return typing(frame.conversationId, () => advisors.typing(advisor, frame.conversationId));
          case 'ping':
            socket.send(JSON.stringify({ type: 'pong' }));
        }
      });
    },
  );
}
