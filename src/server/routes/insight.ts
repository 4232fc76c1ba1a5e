// The dashboard API: what the assistant solves and where it fails, over a period of Oslo days,
// as JSON for the console and as CSV for spreadsheets. Admins and analysts only (403 for anyone
// else, 401 without a session).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../../chat/auth-service.js';
import { AppError } from '../../chat/errors.js';
import { assertReadsInsight } from '../../insight/access.js';
import { addDays, daySpan, isDay, osloDay } from '../../insight/days.js';
import { languageFilters } from '../../insight/language.js';
import { csvTables, type InsightFilter, type InsightQueries } from '../../insight/queries.js';
import { requireAdvisor, signedIn } from '../auth.js';
import { errorBody } from '../errors.js';
import { dashboardSchema } from '../schemas.js';
import type { ZodTypeProvider } from '../zod.js';

const tags = ['insight'];
const security = [{ advisorSession: [] }];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

/** The longest period one request covers, in days. */
export const MAX_PERIOD_DAYS = 400;
/** The period when none is given: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const day = z.string().refine(isDay, 'must be a day written YYYY-MM-DD (Europe/Oslo), such as 2026-03-01');
export const periodQuery = z
  .strictObject({
    from: day.optional().describe(`First day, included (default: ${DEFAULT_PERIOD_DAYS - 1} days before \`to\`)`),
    to: day.optional().describe('Last day, included (default: today in Europe/Oslo)'),
    language: z.enum(languageFilters).default('all').describe('The conversations\' language, as inferred from the customer\'s first messages; `all` includes undetermined ones'),
  })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined || !isDay(q.from) || !isDay(q.to)) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: `must not be after to (${q.to})` });
    else if (daySpan(q.from, q.to) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period must be at most ${MAX_PERIOD_DAYS} days` });
  });

export interface InsightRouteDeps {
  queries: InsightQueries;
  auth: AuthService;
  now: () => Date;
}

export function insightRoutes(app: FastifyInstance, deps: InsightRouteDeps): void {
  const { queries, auth, now } = deps;

  /** The period asked for, with the defaults filled in by today's Oslo date. */
  function filterOf(q: z.output<typeof periodQuery>): InsightFilter {
    const to = q.to ?? (q.from !== undefined ? laterOf(q.from, osloDay(now())) : osloDay(now()));
    const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    if (from > to) throw new AppError('ERR_VALIDATION', `querystring.from: must not be after to (${to})`);
    if (daySpan(from, to) > MAX_PERIOD_DAYS) throw new AppError('ERR_VALIDATION', `querystring.to: the period must be at most ${MAX_PERIOD_DAYS} days`);
    return { from, to, language: q.language };
  }

  app.register(async (scope) => {
    scope.addHook('preHandler', signedIn(auth));
    scope.addHook('preHandler', async (req) => assertReadsInsight(requireAdvisor(req)));
    const s = scope.withTypeProvider<ZodTypeProvider>();

    s.get(
      '/api/insight/dashboard',
      {
        schema: {
          tags,
          security,
          summary: 'The dashboard: conversations and containment, hand-over reasons, unanswered questions, answers\' feedback, the queue, advisors and satisfaction, over a period of Oslo days (admins and analysts)',
          querystring: periodQuery,
          response: { 200: dashboardSchema, ...errors },
        },
      },
      async (req, reply) => {
        void reply.header('cache-control', 'no-store');
        return queries.dashboard(filterOf(req.query));
      },
    );

    s.get(
      '/api/insight/export/:table',
      {
        schema: {
          tags,
          security,
          summary: 'One table of the dashboard as CSV (RFC 4180, comma, UTF-8 with BOM, header row; cells that would start a formula begin with an apostrophe)',
          params: z.strictObject({ table: z.enum(csvTables) }),
          querystring: periodQuery,
          produces: ['text/csv'],
          response: { 200: z.string().describe('text/csv'), ...errors },
        },
      },
      async (req, reply) => {
        const filter = filterOf(req.query);
        const body = await queries.csv(req.params.table, filter);
        const name = `kundesenter-${req.params.table}-${filter.from}-${filter.to}${filter.language === 'all' ? '' : `-${filter.language}`}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8; header=present')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .serializer((payload: unknown) => String(payload))
          .send(body);
      },
    );
  });
}

/** `from` + the default period, but not past today (a period that starts in the future is itself). */
function laterOf(from: string, today: string): string {
  const end = addDays(from, DEFAULT_PERIOD_DAYS - 1);
  return end < today ? end : from > today ? from : today;
}
