// The help page's small enhancements (it works fully without them): the error field answers from
// the error table as the customer types and, on "Finn svar", asks the chat; the filter narrows the
// questions and the table; a link to a topic opens its disclosure; "Ope no / Stengt – opnar …"
// stays true while the page is open.
import { statusAt, type OpeningTimesJson } from '../../opening-status.js';

const ASK_EVENT = 'kundesenter:ask';
const norm = (s: string) => s.toLowerCase().normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Codes like "BID-14B1", "bid 14b1", "14b1", "BID 2030" in what the customer typed, upper case. */
export function codesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:^|[^0-9a-z])(?:bid\s*[-:]?\s*)?([0-9a-z]{2})\s?([0-9a-z]{2})(?![0-9a-z])/gi)) {
    const code = `${m[1]}${m[2]}`.toUpperCase();
    if (/\d.*\d/.test(code)) found.add(code);
  }
  return [...found];
}

function openTarget(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id ? document.getElementById(id) : null;
  if (el instanceof HTMLDetailsElement) el.open = true;
}

function errorField(): void {
  const form = document.getElementById('feilmelding-skjema') as HTMLFormElement | null;
  const field = document.getElementById('feilmelding') as HTMLInputElement | null;
  const box = document.getElementById('svar');
  if (!form || !field || !box) return;
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('tr[data-codes]')];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const show = () => {
    const codes = codesIn(field.value);
    const hits = rows.filter((r) => codes.some((c) => (r.dataset['codes'] ?? '').split(' ').includes(c)));
    if (!hits.length) {
      if (!field.value.trim()) box.hidden = true;
      return;
    }
    box.replaceChildren();
    const h = document.createElement('h3');
    h.textContent = 'Dette betyr feilmeldinga';
    box.append(h);
    for (const row of hits) {
      const [code, meaning, solution] = [row.cells[0], row.cells[1], row.cells[2]].map((c) => c?.textContent?.trim() ?? '');
      const p = document.createElement('p');
      const strong = document.createElement('strong');
      strong.textContent = `${code}: `;
      p.append(strong, meaning ?? '');
      const s = document.createElement('p');
      s.textContent = `Løysing: ${solution}`;
      const link = document.createElement('p');
      link.className = 'permalink';
      const a = document.createElement('a');
      a.href = `#${row.id}`;
      a.textContent = 'Sjå feilkoden i oversikta';
      link.append(a);
      box.append(p, s, link);
    }
    box.hidden = false;
  };

  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(show, 250);
  });
  form.addEventListener('submit', (e) => {
    const text = field.value.trim();
    if (!text || document.documentElement.dataset['kundesenterChat'] !== 'ready') return; // the server answers
    e.preventDefault();
    show();
    document.dispatchEvent(new CustomEvent(ASK_EVENT, { detail: { text } }));
    field.value = '';
  });
}

function filter(): void {
  const wrap = document.querySelector<HTMLElement>('[data-filter]');
  const input = document.getElementById('filter') as HTMLInputElement | null;
  const status = document.getElementById('filter-status');
  if (!wrap || !input || !status) return;
  wrap.hidden = false;
  const items = [...document.querySelectorAll<HTMLElement>('details[data-search], tr[data-search]')];
  const categories = [...document.querySelectorAll<HTMLElement>('[data-category]')];
  const opened = new Set<HTMLDetailsElement>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = () => {
    const words = norm(input.value).split(' ').filter(Boolean);
    let shown = 0;
    for (const item of items) {
      const hit = words.every((w) => (item.dataset['search'] ?? '').includes(w));
      item.hidden = !hit;
      if (hit) shown++;
      if (item instanceof HTMLDetailsElement) {
        // Open matches while filtering; close again only those the filter opened.
        if (hit && words.length && !item.open) {
          item.open = true;
          opened.add(item);
        } else if ((!hit || !words.length) && opened.has(item)) {
          item.open = false;
          opened.delete(item);
        }
      }
    }
    for (const c of categories) c.hidden = !c.querySelector('details:not([hidden])');
    status.textContent = words.length ? (shown ? `${shown} treff på «${input.value.trim()}».` : `Ingen treff på «${input.value.trim()}». Prøv eit anna ord, eller spør chatboten.`) : '';
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
}

/**
 * Rewords the opening status at every whole minute and at each change, by the server's clock (the
 * page's own may be wrong: the difference is measured from the times' `now`). Once both changes the
 * times know of have passed, it asks GET /api/opening-hours for new ones.
 */
function openingStatus(): void {
  const el = document.querySelector<HTMLElement>('.status[data-opening-times]');
  const text = el?.querySelector('.status-text');
  if (!el || !text) return;
  let times: OpeningTimesJson;
  let skew = 0;
  const take = (t: OpeningTimesJson) => {
    times = t;
    skew = Date.parse(t.now) - Date.now();
  };
  try {
    take(JSON.parse(el.dataset['openingTimes'] ?? '') as OpeningTimesJson);
  } catch {
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    const s = statusAt(times, new Date(Date.now() + skew));
    if (text.textContent !== s.text) text.textContent = s.text;
    el.classList.toggle('is-open', s.open);
    el.classList.toggle('is-closed', !s.open);
    return s;
  };
  const tick = async () => {
    clearTimeout(timer);
    let s = show();
    if (!s.current) {
      try {
        const r = await fetch('/api/opening-hours', { headers: { accept: 'application/json' } });
        if (r.ok) take((await r.json()) as OpeningTimesJson);
      } catch {
        /* offline: the best guess stays, and the next tick asks again */
      }
      s = show();
    }
    const now = Date.now() + skew;
    const toMinute = 60_000 - (now % 60_000);
    const toChange = s.changesAt ? Date.parse(s.changesAt) - now : Infinity;
    timer = setTimeout(() => void tick(), Math.max(250, Math.min(toMinute, toChange)) + 50);
  };
  // Timers sleep with the tab or the laptop: look again when the page is seen.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void tick());
  void tick();
}

function start(): void {
  openTarget();
  openingStatus();
  window.addEventListener('hashchange', openTarget);
  errorField();
  filter();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
