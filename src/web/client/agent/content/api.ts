// The content editor's calls to the service (/api/content, editors and admins). Shapes are the
// server's schemas (../../types.ts); errors are ApiErrors whose code the views switch on.
import { request } from '../../http.js';
import type {
  ApproveBody,
  ContentDraft,
  ContentEdit,
  ContentHistory,
  ContentItemKind,
  ContentItemResult,
  ContentOverview,
  ContentVersionResult,
  PreviewResult,
  RollbackBody,
  TrainingResult,
} from '../../types.js';

export const fetchOverview = (base: string): Promise<ContentOverview> => request<ContentOverview>(base, '/api/content');

export const fetchItem = (base: string, kind: ContentItemKind, id: string): Promise<ContentItemResult> =>
  request<ContentItemResult>(base, `/api/content/items/${kind}/${encodeURIComponent(id)}`);

export function searchTraining(base: string, q: { q?: string; label?: string; limit?: number }, signal?: AbortSignal): Promise<TrainingResult> {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.label) params.set('label', q.label);
  params.set('limit', String(q.limit ?? 100));
  return request<TrainingResult>(base, `/api/content/training?${params.toString()}`, signal ? { signal } : {});
}

export const preview = (base: string, edit: ContentEdit, signal?: AbortSignal): Promise<PreviewResult> =>
  request<PreviewResult>(base, '/api/content/preview', { body: { edit }, ...(signal ? { signal } : {}) });

export const saveDraft = async (base: string, edit: ContentEdit, summary: string): Promise<ContentDraft[]> =>
  (await request<{ drafts: ContentDraft[] }>(base, '/api/content/drafts', { body: { edit, summary } })).drafts;

export const fetchVersion = (base: string, id: string): Promise<ContentVersionResult> => request<ContentVersionResult>(base, `/api/content/versions/${encodeURIComponent(id)}`);

export const startCheck = (base: string, id: string): Promise<void> => request<void>(base, `/api/content/versions/${encodeURIComponent(id)}/check`, { method: 'POST' });

export const approve = (base: string, id: string, body: ApproveBody): Promise<unknown> => request(base, `/api/content/versions/${encodeURIComponent(id)}/approve`, { body });

export const reject = (base: string, id: string, comment: string): Promise<unknown> => request(base, `/api/content/versions/${encodeURIComponent(id)}/reject`, { body: { comment } });

export const withdraw = (base: string, id: string): Promise<unknown> => request(base, `/api/content/versions/${encodeURIComponent(id)}/withdraw`, { method: 'POST' });

export const fetchHistory = (base: string, path: string): Promise<ContentHistory> => request<ContentHistory>(base, `/api/content/history?${new URLSearchParams({ path }).toString()}`);

export const rollback = async (base: string, body: RollbackBody): Promise<ContentDraft[]> =>
  (await request<{ drafts: ContentDraft[] }>(base, '/api/content/rollback', { body })).drafts;
