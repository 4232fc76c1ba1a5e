// The customer API: thin handlers that validate, call the customer service, shape the answer.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CustomerService } from '../../chat/customer-service.js';
import { bearerToken } from '../auth.js';
import { errorBody } from '../errors.js';
import type { Metrics } from '../metrics.js';
import {
  afterQuery,
  callbackBody,
  csatBody,
  feedbackBody,
  handoffResult,
  idParams,
  pageFields,
  postMessageBody,
  publicMessage,
  state,
} from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';
import { perConversationLimit, type RateLimits } from '../limits.js';

const tags = ['customer'];
const security = [{ conversationToken: [] }];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export function customerRoutes(app: FastifyInstance, customers: CustomerService, metrics: Metrics, limits: RateLimits): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perConversation = perConversationLimit(app, limits.messagesPerConversationPerMinute);

  r.get(
    '/api/opening-hours',
    {
      schema: {
        tags,
        summary:
          'Whether the customer centre is open now, when it next closes and next opens (ISO instants; null when not within a year), its time zone, and the server’s clock. No token needed.',
        response: {
          200: z.object({ open: z.boolean(), closesAt: z.string().nullable(), opensAt: z.string().nullable(), timeZone: z.string(), now: z.string() }),
          429: errorBody,
        },
      },
    },
    async (_req, reply) => {
      const h = customers.openingHours();
      void reply.header('cache-control', 'no-cache');
      return { open: h.open, closesAt: h.closesAt?.toISOString() ?? null, opensAt: h.opensAt?.toISOString() ?? null, timeZone: h.timeZone, now: h.now.toISOString() };
    },
  );

  r.post(
    '/api/conversations',
    {
      schema: {
        tags,
        summary: 'Start a conversation; the token opens this conversation only',
        response: { 201: z.object({ id: z.uuid(), token: z.string() }), 429: errorBody },
      },
      config: { rateLimit: { max: limits.conversationsPerAddressPerMinute, timeWindow: 60_000 } },
    },
    async (_req, reply) => reply.status(201).send(await customers.create()),
  );

  r.post(
    '/api/conversations/:id/messages',
    {
      schema: {
        tags,
        security,
        summary: 'Send a message; answers with the stored message and the bot’s replies. Resending a clientMessageId stores nothing new.',
        params: idParams,
        body: postMessageBody,
        response: { 201: z.object({ message: publicMessage, replies: z.array(publicMessage), handoff: handoffResult.optional() }), ...errors },
      },
      preHandler: perConversation,
    },
    async (req, reply) => {
      const conv = await customers.authorize(req.params.id, bearerToken(req));
      const result = await customers.post(conv, req.body);
      metrics.messagesStored.inc({ author: 'customer' });
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/conversations/:id/messages',
    {
      schema: {
        tags,
        security,
        summary:
          'One page of the messages after seq `after` (0 from the start; while `hasMore`, ask again with `after=next`), the conversation’s state, and the name of the advisor who has it (or had it, once closed; null in the bot or the queue)',
        params: idParams,
        querystring: afterQuery,
        response: { 200: z.object({ state, advisorName: z.string().nullable(), messages: z.array(publicMessage), ...pageFields }), ...errors },
      },
    },
    async (req) => customers.messages(await customers.authorize(req.params.id, bearerToken(req)), req.query.after),
  );

  r.post(
    '/api/conversations/:id/handoff',
    {
      schema: {
        tags,
        security,
        summary: 'Ask for a person: a place in the queue, or, when closed, the next opening, the phone number and where to leave a message',
        params: idParams,
        response: { 200: handoffResult, ...errors },
      },
      preHandler: perConversation,
    },
    async (req) => customers.handoff(await customers.authorize(req.params.id, bearerToken(req))),
  );

  r.post(
    '/api/conversations/:id/callback',
    {
      schema: {
        tags,
        security,
        summary: 'Leave a message and contact details (outside opening hours); it waits in the queue as a callback request',
        params: idParams,
        body: callbackBody,
        response: { 201: z.object({ id: z.uuid(), createdAt: z.string() }), ...errors },
      },
      preHandler: perConversation,
    },
    async (req, reply) => {
      const cb = await customers.leaveCallback(await customers.authorize(req.params.id, bearerToken(req)), req.body);
      return reply.status(201).send({ id: cb.id, createdAt: cb.createdAt });
    },
  );

  r.post(
    '/api/conversations/:id/feedback',
    {
      schema: { tags, security, summary: 'Say whether a bot answer helped', params: idParams, body: feedbackBody, response: { 204: z.null(), ...errors } },
      preHandler: perConversation,
    },
    async (req, reply) => {
      await customers.feedback(await customers.authorize(req.params.id, bearerToken(req)), req.body);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/conversations/:id/csat',
    {
      schema: {
        tags,
        security,
        summary: '"Kor nøgd var du?" — once, after an advisor closed the conversation: a score 1–5 and an optional comment (redacted)',
        params: idParams,
        body: csatBody,
        response: { 201: z.null(), ...errors },
      },
      preHandler: perConversation,
    },
    async (req, reply) => {
      await customers.csat(await customers.authorize(req.params.id, bearerToken(req)), req.body);
      return reply.status(201).send(null);
    },
  );

  r.post(
    '/api/conversations/:id/close',
    {
      schema: { tags, security, summary: 'The customer ends the conversation (leaves the queue if waiting)', params: idParams, response: { 200: z.object({ state }), ...errors } },
    },
    async (req) => customers.close(await customers.authorize(req.params.id, bearerToken(req))),
  );
}
