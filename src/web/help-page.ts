// The help page at "/", rendered on the server in nynorsk: complete and readable without
// JavaScript (every topic's answer and every error code is in the HTML), linkable (an anchor per
// topic), and enhanced when scripts load: the chat widget replaces "Lastar chat …", the error
// field answers as you type, and the filter narrows the questions.
import type { ContentPack, Topic } from '../content/index.js';
import { buildSchedule, type Schedule } from '../chat/opening-hours.js';
import { publicHolidays } from '../chat/holidays.js';
import { openingTimesJson, upcomingSpecialDays, weekLines } from './hours.js';
import { statusAt } from './opening-status.js';
import { escapeHtml as esc, plainText, renderInline, renderMarkdown } from './markdown.js';

/** What the engine answered to the error field when the form was sent without JavaScript. */
export interface PageAnswer {
  text: string;
  sources: string[];
  options: { topicId: string; label: string }[];
}

export interface HelpPageOptions {
  /** The opening hours in force (OPENING_HOURS may override the content pack's); default: the pack's. */
  schedule?: Schedule;
  /** The error field's text when the page was asked for with ?feilmelding=… */
  query?: string;
  answer?: PageAnswer;
  /** Where the built scripts and styles are served. */
  assetBase?: string;
}

export function scheduleFor(pack: ContentPack, openingHours?: string): Schedule {
  return buildSchedule({ ...pack.bank, openingHours: openingHours ?? pack.bank.openingHours }, publicHolidays());
}

/** "57 82 97 00" → "+4757829700" for a tel: link. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+47${digits}`}`;
}

/** Topic anchors are the topic ids; category anchors are "kategori-" and a slug of the name. */
export function categorySlug(category: string): string {
  return `kategori-${category
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

function searchText(topic: Topic): string {
  return esc([topic.title, plainText(topic.answer), ...topic.keywords, ...topic.codes.map((c) => `BID-${c}`)].join(' ').toLowerCase());
}

function errorTable(codes: Topic[]): string {
  const rows = codes
    .map((t) => {
      // Each code unbroken, the list free to wrap: "BID-2030, BID-2031, …" fits a narrow column.
      const shown = t.codes.map((c) => `<span class="code">BID-${esc(c)}</span>`).join(', ');
      return `<tr id="${esc(t.id)}" data-codes="${esc(t.codes.join(' '))}" data-search="${searchText(t)}">
<th scope="row"><a href="#${esc(t.id)}">${shown}</a></th>
<td data-label="Kva betyr det?">${renderInline(t.meaning ?? '')}</td>
<td data-label="Løysing">${renderInline(t.solution ?? '')}${t.status === 'draft' ? ' <span class="draft">Utkast</span>' : ''}</td>
</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap" role="region" aria-labelledby="feilkodar-tittel" tabindex="0">
<table class="codes">
<caption id="feilkodar-tittel">Kjende feilmeldingar frå BankID og kva dei betyr</caption>
<thead><tr><th scope="col">Feilkode</th><th scope="col">Kva betyr det?</th><th scope="col">Løysing</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function faq(topics: Topic[]): string {
  const byCategory = new Map<string, Topic[]>();
  for (const t of topics) byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t]);
  return [...byCategory]
    .map(
      ([category, list]) => `<section class="category" data-category>
<h3 id="${categorySlug(category)}">${esc(category)}</h3>
${list
  .map(
    (t) => `<details id="${esc(t.id)}" data-search="${searchText(t)}">
<summary>${esc(t.title)}${t.status === 'draft' ? ' <span class="draft">Utkast</span>' : ''}</summary>
<div class="answer">
${renderMarkdown(t.answer)}
<p class="permalink"><a href="#${esc(t.id)}">Lenke til dette svaret<span class="visually-hidden">: ${esc(t.title)}</span></a></p>
</div>
</details>`,
  )
  .join('\n')}
</section>`,
    )
    .join('\n');
}

function answerBox(options: HelpPageOptions): string {
  if (options.query === undefined) return '<div id="svar" class="answer-box" aria-live="polite" hidden></div>';
  const a = options.answer;
  const body = a
    ? `${renderMarkdown(a.text)}${
        a.options.length
          ? `<ul class="options">${a.options.map((o) => `<li><a href="#${esc(o.topicId)}">${esc(o.label)}</a></li>`).join('')}</ul>`
          : ''
      }${a.sources.length ? `<p class="permalink">${a.sources.map((s) => `<a href="#${esc(s)}">Sjå svaret i oversikta</a>`).join(' ')}</p>` : ''}`
    : '<p>Skriv inn feilmeldinga eller spørsmålet ditt.</p>';
  return `<div id="svar" class="answer-box" aria-live="polite"><h3>Svar på «${esc(options.query)}»</h3>${body}</div>`;
}

export function renderHelpPage(pack: ContentPack, now: Date, options: HelpPageOptions = {}): string {
  const { bank } = pack;
  const schedule = options.schedule ?? scheduleFor(pack);
  const times = openingTimesJson(schedule, now);
  const status = statusAt(times, now);
  const notes = new Map(bank.specialDays.filter((d) => d.note).map((d) => [d.date, d.note!]));
  const special = upcomingSpecialDays(schedule, notes, now);
  const assets = options.assetBase ?? '/assets';
  const codes = pack.topics.filter((t) => t.kind === 'error-code');
  const topics = pack.topics.filter((t) => t.kind === 'topic');
  const errorLink = bank.links['feilmeldingar'];

  return `<!doctype html>
<html lang="nn">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kundeservice for BankID – ${esc(bank.name)}</title>
<meta name="description" content="Svar på spørsmål om BankID og feilmeldingar, chat med oss eller ring ${esc(bank.phone)}.">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets}/help.css">
</head>
<body>
<header class="site-header"><a class="skip-link" href="#innhald">Hopp til innhaldet</a><div class="wrap"><p class="bank-name">${esc(bank.name)}</p></div></header>
<main id="innhald" class="wrap" tabindex="-1">
<p class="eyebrow">Kundeservice</p>
<h1>BankID</h1>
<p class="lead">Sjekk først om chatboten har svaret. Viss den ikkje kan hjelpe deg, koplar vi deg raskt vidare til ein rådgjevar.</p>
<p>Du finn også nyttige spørsmål og svar lenger ned på sida.</p>

<div class="layout">
<section class="chat-section" aria-labelledby="chat-tittel">
<h2 id="chat-tittel">Spør chatboten</h2>
<form id="feilmelding-skjema" class="ask" action="/#svar" method="get">
<label for="feilmelding">Skriv inn feilmeldinga di</label>
<p id="feilmelding-hjelp" class="hint">Til dømes «BID-14B1». Chatboten vår gir deg svar med ein gong – enkelt, raskt og tilpassa akkurat ditt problem.</p>
<div class="ask-row">
<input id="feilmelding" name="feilmelding" type="text" autocomplete="off" spellcheck="false" maxlength="500" aria-describedby="feilmelding-hjelp"${
    options.query !== undefined ? ` value="${esc(options.query)}"` : ''
  }>
<button type="submit">Finn svar</button>
</div>
</form>
${answerBox(options)}
<div id="kundesenter-chat" class="chat-mount" data-greeting="${esc(pack.messages.greeting)}">
<p class="loading" role="status">Lastar chat …</p>
<noscript><p>Chatten treng JavaScript. Du kan ringe oss på <a href="${telHref(bank.phone)}">${esc(bank.phone)}</a>.</p></noscript>
</div>
</section>

<aside class="contact" aria-labelledby="kontakt-tittel">
<h2 id="kontakt-tittel">Ring oss</h2>
<p class="phone"><a href="${telHref(bank.phone)}">${esc(bank.phone)}</a></p>
<p class="status ${status.open ? 'is-open' : 'is-closed'}" data-opening-times="${esc(JSON.stringify(times))}"><span class="dot" aria-hidden="true"></span><span class="status-text">${esc(status.text)}</span></p>
<h3>Opningstider</h3>
<ul class="hours">${weekLines(schedule)
    .map((l) => `<li>${esc(l)}</li>`)
    .join('')}</ul>
${special.length ? `<h3>Spesielle dagar</h3><ul class="hours">${special.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}
<p class="hint">Er BankID-en din misbrukt, eller trur du nokon har fått tak i passordet ditt? Ring oss med ein gong.</p>
</aside>
</div>

<section id="feilmeldingar" aria-labelledby="feilmeldingar-tittel">
<h2 id="feilmeldingar-tittel">Feilmeldingar</h2>
<p>Viss du heller vil bla sjølv, finn du ei oversikt over kjende feilmeldingar og kva dei betyr nedanfor. Viss du får ei feilmelding som startar med BID, så handlar feilen om BankID.</p>
${errorTable(codes)}
${errorLink ? `<p>Du kan òg sjå om du kan få hjelp på <a href="${esc(errorLink)}" rel="noopener">bankid.no/feilmeldingar</a>.</p>` : ''}
</section>

<section id="sporsmal" aria-labelledby="sporsmal-tittel">
<h2 id="sporsmal-tittel">Spørsmål og svar</h2>
<div class="filter" data-filter hidden>
<label for="filter">Søk i spørsmål, svar og feilkodar</label>
<input id="filter" type="search" autocomplete="off" aria-describedby="filter-status">
<p id="filter-status" class="hint" role="status" aria-live="polite"></p>
</div>
<nav aria-label="Kategoriar" class="categories"><ul>${[...new Set(topics.map((t) => t.category))]
    .map((c) => `<li><a href="#${categorySlug(c)}">${esc(c)}</a></li>`)
    .join('')}</ul></nav>
${faq(topics)}
</section>
</main>
<footer class="site-footer"><div class="wrap"><p>${esc(bank.name)} · Kundeservice <a href="${telHref(bank.phone)}">${esc(bank.phone)}</a></p></div></footer>
<script src="${assets}/help.js" defer></script>
<script src="${assets}/widget.js" data-mount="#kundesenter-chat" defer></script>
</body>
</html>
`;
}
