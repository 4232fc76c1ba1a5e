// The advisor console's pages, /agent, /agent/innsikt and /agent/innhald: a shell the page's script fills, with the
// knowledge base's topic titles embedded, so the queue can say "Gløymt passord" instead of a topic id.
import { urgentKinds, type ContentPack, type UrgentKind } from '../content/index.js';
import { escapeHtml as esc } from './markdown.js';

/** JSON inside a <script> element: "<" escaped so no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface AgentBoot {
  bank: { name: string; phone: string };
  /** `draft`: not yet approved by the bank (served only with SERVE_DRAFTS). */
  topics: Record<string, { title: string; category: string; draft?: boolean }>;
}

/** What the advisor reads for an urgent conversation: the kind of risk the bot understood. */
export const URGENT_TITLES: Record<UrgentKind, string> = {
  'secret-shared': 'Svindel: kode eller passord gitt vekk',
  'device-lost': 'Mista eller stolen mobil, lommebok eller kodebrikke',
  'unknown-activity': 'Aktivitet kunden ikkje kjenner att (innlogging, signering, lån, pengar)',
  'remote-access': 'Fjernstyring: nokon har fått styre skjermen til kunden',
  'fake-page': 'Svindel: falsk nettside eller lenke',
  'fake-caller': 'Svindel: nokon ringde og gav seg ut for å vere banken eller politiet',
  scammed: 'Kunden trur hen er svindla',
};

export function agentBoot(pack: ContentPack): AgentBoot {
  return {
    bank: { name: pack.bank.name, phone: pack.bank.phone },
    topics: Object.fromEntries([
      ...pack.topics.map((t) => [t.id, { title: t.title, category: t.category, ...(t.status === 'draft' ? { draft: true } : {}) }]),
      // Urgent conversations carry "urgent:<kind>" as their topic; the checklist is their suggestion.
      ...urgentKinds.map((k) => [`urgent:${k}`, { title: URGENT_TITLES[k], category: 'Hastar' }]),
    ]),
  };
}

export function renderAgentPage(pack: ContentPack, assetBase = '/assets'): string {
  return shell(pack, { title: 'Rådgjevarkonsoll', what: 'konsollen', script: 'agent', styles: ['agent'], assetBase });
}

/** The insight dashboard at /agent/innsikt: its own script, with the chart library and its styles. */
export function renderInsightPage(pack: ContentPack, assetBase = '/assets'): string {
  return shell(pack, { title: 'Innsikt', what: 'innsikta', script: 'insight', styles: ['agent', 'insight'], assetBase });
}

/** The content editor at /agent/innhald: its own script (with the widget's styles for its preview, inline). */
export function renderContentPage(pack: ContentPack, assetBase = '/assets'): string {
  return shell(pack, { title: 'Innhald', what: 'innhaldet', script: 'content', styles: ['agent'], assetBase });
}

function shell(pack: ContentPack, o: { title: string; what: string; script: string; styles: string[]; assetBase: string }): string {
  return `<!doctype html>
<html lang="nn">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(o.title)} – ${esc(pack.bank.name)}</title>
<link rel="icon" href="data:,">
${o.styles.map((s) => `<link rel="stylesheet" href="${o.assetBase}/${s}.css">`).join('\n')}
</head>
<body>
<div id="konsoll"><main class="boot"><h1>${esc(o.title)}</h1><p role="status">Lastar ${o.what} …</p>
<noscript><p>${o.what[0]!.toUpperCase()}${o.what.slice(1)} treng JavaScript.</p></noscript></main></div>
<script type="application/json" id="konsoll-data">${scriptJson(agentBoot(pack))}</script>
<script src="${o.assetBase}/${o.script}.js" defer></script>
</body>
</html>
`;
}
