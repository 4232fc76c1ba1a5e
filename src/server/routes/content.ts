// The content editor's API (/api/content): the items, drafts and their review, the quality check,
// history and rollback. Editors and admins only (403 for anyone else, 401 without a session); the
// workflow (src/content/workflow.ts) decides who may do what.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../../chat/auth-service.js';
import type { ContentWorkflow } from '../../content/workflow.js';
import { assertEditsContent } from '../../content/workflow.js';
import { requireAdvisor, signedIn } from '../auth.js';
import { errorBody } from '../errors.js';
import {
  approveBody,
  contentDraft,
  contentHistory,
  contentHistoryQuery,
  contentItemKinds,
  contentItemResult,
  contentOverview,
  contentVersionResult,
  draftBody,
  previewBody,
  previewResult,
  rejectBody,
  rollbackBody,
  trainingQuery,
  trainingResult,
  versionParams,
} from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';

const tags = ['content'];
const security = [{ advisorSession: [] }];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const drafts = z.object({ drafts: z.array(contentDraft) });
const decided = z.object({ version: contentVersionResult.shape.version });

export function contentRoutes(app: FastifyInstance, deps: { workflow: ContentWorkflow; auth: AuthService }): void {
  const { workflow, auth } = deps;
  app.register(async (scope) => {
    scope.addHook('preHandler', signedIn(auth));
    scope.addHook('preHandler', async (req) => assertEditsContent(requireAdvisor(req)));
    scope.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
    const s = scope.withTypeProvider<ZodTypeProvider>();

    s.get('/api/content', { schema: { tags, security, summary: 'Every topic, error code, the assistant\'s texts, the bank\'s facts and other files, with open drafts', response: { 200: contentOverview, ...errors } } }, async (req) =>
      workflow.overview(requireAdvisor(req)),
    );

    s.get(
      '/api/content/items/:kind/:id',
      {
        schema: {
          tags,
          security,
          summary: 'One item\'s fields as published and as in its open draft (kind file: id is the path)',
          params: z.strictObject({ kind: z.enum(contentItemKinds), id: z.string().min(1).max(80) }),
          response: { 200: contentItemResult, ...errors },
        },
      },
      async (req) => workflow.item(requireAdvisor(req), req.params.kind, req.params.id),
    );

    s.get('/api/content/training', { schema: { tags, security, summary: 'Training messages as published, by words and label', querystring: trainingQuery, response: { 200: trainingResult, ...errors } } }, async (req) =>
      workflow.training(requireAdvisor(req), req.query),
    );

    s.post('/api/content/preview', { schema: { tags, security, summary: 'The answer a topic or error code would give with this edit, as the bot sends it', body: previewBody, response: { 200: previewResult, ...errors } } }, async (req) =>
      workflow.preview(requireAdvisor(req), req.body.edit),
    );

    s.post(
      '/api/content/drafts',
      { schema: { tags, security, summary: 'Saves an edit as a draft (validated as the whole pack; ERR_CONTENT_INVALID names the file and field)', body: draftBody, response: { 200: drafts, ...errors } } },
      async (req) => workflow.saveDraft(requireAdvisor(req), req.body.edit, req.body.summary),
    );

    s.get('/api/content/versions/:id', { schema: { tags, security, summary: 'A version: its diff, quality check and whether you may decide it', params: versionParams, response: { 200: contentVersionResult, ...errors } } }, async (req) =>
      workflow.version(requireAdvisor(req), req.params.id),
    );

    s.post(
      '/api/content/versions/:id/check',
      { schema: { tags, security, summary: 'Starts the quality check of a draft (evaluation sets and cross-validation, before and after); poll the version', params: versionParams, response: { 202: z.object({ checking: z.literal(true) }), ...errors } } },
      async (req, reply) => {
        await workflow.check(requireAdvisor(req), req.params.id);
        return reply.status(202).send({ checking: true as const });
      },
    );

    s.post(
      '/api/content/versions/:id/approve',
      { schema: { tags, security, summary: 'Approves and publishes a draft (a second person; after its quality check; below the floor only with overrideReason)', params: versionParams, body: approveBody, response: { 200: decided, ...errors } } },
      async (req) => workflow.approve(requireAdvisor(req), req.params.id, req.body),
    );

    s.post('/api/content/versions/:id/reject', { schema: { tags, security, summary: 'Rejects a draft with a comment (never served)', params: versionParams, body: rejectBody, response: { 200: decided, ...errors } } }, async (req) =>
      workflow.reject(requireAdvisor(req), req.params.id, req.body.comment),
    );

    s.post('/api/content/versions/:id/withdraw', { schema: { tags, security, summary: 'The author withdraws their draft', params: versionParams, response: { 200: decided, ...errors } } }, async (req) =>
      workflow.withdraw(requireAdvisor(req), req.params.id),
    );

    s.get('/api/content/history', { schema: { tags, security, summary: 'Every version of a file, newest first', querystring: contentHistoryQuery, response: { 200: contentHistory, ...errors } } }, async (req) =>
      workflow.history(requireAdvisor(req), req.query.path),
    );

    s.post('/api/content/rollback', { schema: { tags, security, summary: 'A draft with an earlier published version\'s text, to be approved like any change', body: rollbackBody, response: { 200: drafts, ...errors } } }, async (req) =>
      workflow.rollback(requireAdvisor(req), req.body.path, req.body.version, req.body.summary),
    );
  });
}
