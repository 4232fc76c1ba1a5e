// Liveness, readiness and metrics.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../chat/errors.js';
import { errorBody } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { ZodTypeProvider } from '../zod.js';

const tags = ['system'];

export function systemRoutes(app: FastifyInstance, deps: { metrics: Metrics; ready: () => Promise<string | null> }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    { schema: { tags, summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } }, config: { rateLimit: false } },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      schema: { tags, summary: 'Ready for traffic: the database (and Redis) answer, and no shutdown has begun', response: { 200: z.object({ status: z.literal('ready') }), 503: errorBody } },
      config: { rateLimit: false },
    },
    async () => {
      const problem = await deps.ready();
      if (problem) throw new AppError('ERR_NOT_READY', problem);
      return { status: 'ready' as const };
    },
  );
  r.get('/metrics', { schema: { tags, summary: 'Prometheus metrics' }, config: { rateLimit: false } }, async (_req, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
}
