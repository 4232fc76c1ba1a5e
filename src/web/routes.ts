// The web front end as a Fastify plugin: the help page at "/", the advisor console at "/agent",
// its insight dashboard at "/agent/innsikt" and its content editor at "/agent/innhald", the built
// scripts and styles under /assets/ (from dist/web, built by `npm run build`), and the knowledge
// base's suggested answers for advisors.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { urgentKinds, type ContentPack } from '../content/index.js';
import { createEngine, type Engine } from '../engine/index.js';
import type { Schedule } from '../chat/opening-hours.js';
import { renderAgentPage, renderContentPage, renderInsightPage, URGENT_TITLES } from './agent-page.js';
import { renderHelpPage, scheduleFor, type PageAnswer } from './help-page.js';

/** Where `npm run build` puts the widget, the console and the page styles. */
export const DEFAULT_ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface WebOptions {
  pack: ContentPack;
  /** The clock, for "ope no" / "stengt — opnar …". */
  clock: () => Date;
  /** Opening hours in force when they differ from the content pack's (the OPENING_HOURS setting). */
  schedule?: Schedule;
  assetsDir?: string;
  /** The service's engine; one is made from the pack when absent (a model is not trained twice). */
  engine?: Engine;
  /** The content served now, when it changes while the service runs (src/content/live.ts); else the above. */
  live?: () => Served;
}

interface Served {
  pack: ContentPack;
  engine: Engine;
  schedule: Schedule;
}

/** Longest error-field text the page answers without JavaScript. */
const MAX_QUERY = 500;

// The pages load nothing from another host and run no inline script or style (the widget's
// styles are a constructed style sheet in its shadow root).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "object-src 'none'",
].join('; ');

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-cache')
    .send(body);
}

export async function webRoutes(app: FastifyInstance, options: WebOptions): Promise<void> {
  const { clock } = options;
  const fixed: Served | undefined = options.live ? undefined : { pack: options.pack, schedule: options.schedule ?? scheduleFor(options.pack), engine: options.engine ?? createEngine(options.pack) };
  const served = options.live ?? (() => fixed!);
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  const topicsOf = new WeakMap<ContentPack, Map<string, ContentPack['topics'][number]>>();
  const byIdOf = (pack: ContentPack) => topicsOf.get(pack) ?? topicsOf.set(pack, new Map(pack.topics.map((t) => [t.id, t]))).get(pack)!;

  app.get('/', async (req, reply) => {
    const { pack, engine, schedule } = served();
    const raw = (req.query as Record<string, unknown>)['feilmelding'];
    const query = typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY) : undefined;
    let answer: PageAnswer | undefined;
    if (query) {
      const r = engine.reply([query]);
      answer = { text: r.text, sources: r.sources.filter((s) => pack.topics.some((t) => t.id === s)), options: r.options };
    }
    return html(reply, renderHelpPage(pack, clock(), { schedule, ...(query !== undefined ? { query } : {}), ...(answer ? { answer } : {}) }));
  });

  app.get('/agent', async (_req, reply) => html(reply, renderAgentPage(served().pack)));
  // The insight dashboard (admins and analysts; the API behind it checks the session's role).
  app.get('/agent/innsikt', async (_req, reply) => html(reply, renderInsightPage(served().pack)));
  // The content editor (editors and admins; the API behind it checks the session's role).
  app.get('/agent/innhald', async (_req, reply) => html(reply, renderContentPage(served().pack)));

  // The advisor's suggested answers: the topic the bot understood first (?topic=), then the
  // knowledge base's best matches for the customer's words (?text=). Public content, no login.
  app.get('/agent/suggestions', async (req) => {
    const { pack, engine } = served();
    const byId = byIdOf(pack);
    const q = req.query as Record<string, unknown>;
    const text = typeof q['text'] === 'string' ? q['text'].slice(0, 2000) : '';
    const topic = typeof q['topic'] === 'string' ? q['topic'] : '';
    // An urgent conversation's first suggestion is the urgent checklist, whatever the words say.
    const urgentKind = urgentKinds.find((k) => topic === `urgent:${k}`);
    const understood = urgentKind
      ? { id: topic, title: `Hastar – ${URGENT_TITLES[urgentKind]}`, answer: fillBank(pack, pack.messages.urgent) }
      : byId.get(topic);
    const ranked = text.trim() ? engine.suggest(text, 4) : [];
    const list = [
      ...(understood ? [{ topicId: understood.id, title: understood.title, answer: understood.answer }] : []),
      ...ranked.filter((r) => r.topicId !== understood?.id).map(({ topicId, title, answer }) => ({ topicId, title, answer })),
    ];
    return { suggestions: list.slice(0, 4) };
  });

  if (existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      decorateReply: false,
      // Names do not carry a hash (the widget's one script tag must stay stable): revalidate.
      cacheControl: true,
      maxAge: 0,
      etag: true,
    });
  } else {
    app.log.warn({ assetsDir }, 'web assets are not built: run `npm run build`; the help page works without them');
  }
}

/** The bank's facts in one of the assistant's texts ("Ring oss på {phone}"). */
function fillBank(pack: ContentPack, text: string): string {
  return text.replace(/\{phone\}/g, pack.bank.phone).replace(/\{bankName\}/g, pack.bank.name);
}
