// The admin API: advisor accounts. Every route needs a session of an active admin (the service
// refuses anyone else with 403).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminService } from '../../chat/admin-service.js';
import type { AuthService } from '../../chat/auth-service.js';
import { SESSION_COOKIE, requireAdvisor, signedIn } from '../auth.js';
import { errorBody } from '../errors.js';
import { advisorAccount, advisorParams, createAdvisorBody, passwordBody, updateAdvisorBody } from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';

const tags = ['admin'];
const security = [{ advisorSession: [] }];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function adminRoutes(app: FastifyInstance, deps: { admin: AdminService; auth: AuthService }): void {
  const { admin, auth } = deps;
  app.register(async (scope) => {
    scope.addHook('preHandler', signedIn(auth));
    const s = scope.withTypeProvider<ZodTypeProvider>();

    s.get(
      '/api/admin/advisors',
      { schema: { tags, security, summary: 'Every advisor and admin account, oldest first', response: { 200: z.object({ advisors: z.array(advisorAccount) }), ...errors } } },
      async (req) => ({ advisors: await admin.list(requireAdvisor(req)) }),
    );

    s.post(
      '/api/admin/advisors',
      { schema: { tags, security, summary: 'Create an advisor or admin account', body: createAdvisorBody, response: { 201: advisorAccount, ...errors } } },
      async (req, reply) => reply.status(201).send(await admin.create(requireAdvisor(req), req.body)),
    );

    s.patch(
      '/api/admin/advisors/:id',
      {
        schema: {
          tags,
          security,
          summary:
            'Change name, role or active. Deactivating ends the account’s sessions and sends its conversations back to the queue. The last active admin cannot be demoted or deactivated (403).',
          params: advisorParams,
          body: updateAdvisorBody,
          response: { 200: advisorAccount, ...errors },
        },
      },
      async (req) => admin.update(requireAdvisor(req), req.params.id, req.body),
    );

    s.post(
      '/api/admin/advisors/:id/password',
      {
        schema: {
          tags,
          security,
          summary: 'Set a new password (at least 12 characters); the account’s other sessions end',
          params: advisorParams,
          body: passwordBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await admin.setPassword(requireAdvisor(req), req.params.id, req.body.password, req.cookies[SESSION_COOKIE]);
        return reply.status(204).send(null);
      },
    );
  });
}
