// The dashboard's calls to the service: the figures for a period and language, and the address
// of each table's CSV download.
import { request } from '../../http.js';
import type { Dashboard, LanguageFilter } from '../../types.js';
import type { Period } from './period.js';

export interface InsightQuery extends Period {
  language: LanguageFilter;
}

/** The tables the service exports (GET /api/insight/export/:table). */
export type CsvTable =
  | 'conversations-per-day'
  | 'conversations-per-hour'
  | 'handoff-reasons'
  | 'unanswered'
  | 'answers'
  | 'queue'
  | 'advisors'
  | 'csat'
  | 'csat-comments';

const search = (q: InsightQuery) => new URLSearchParams({ from: q.from, to: q.to, language: q.language }).toString();

/** Without a query: the service's default, the last 30 days by its clock. */
export function fetchDashboard(base: string, q: InsightQuery | null, signal?: AbortSignal): Promise<Dashboard> {
  return request<Dashboard>(base, `/api/insight/dashboard${q ? `?${search(q)}` : ''}`, signal ? { signal } : {});
}

export const csvUrl = (table: CsvTable, q: InsightQuery): string => `/api/insight/export/${table}?${search(q)}`;
