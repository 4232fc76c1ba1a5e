// The list of everything an editor can change: a search box and a filter by kind, each item with
// its status and open draft, the open drafts waiting for review, and "Opprett nytt emne".
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ContentItemKind, ContentOverview } from '../../types.js';
import { kindLabels } from './labels.js';
import { hrefOf, type View } from './nav.js';
import { byline, DraftBadge, StatusBadge, ViewHeading } from './ui.js';

const groupLabels: Record<ContentItemKind, string> = { topic: 'Emne', 'error-code': 'Feilkodar', messages: 'Assistenten sine tekstar', bank: 'Fakta om banken', file: 'Andre filer' };

const fold = (s: string) => s.toLocaleLowerCase('nn').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

export function ItemList({ overview, go }: { overview: ContentOverview | null; go: (v: View) => void }): JSX.Element {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<ContentItemKind | 'all'>('all');
  const [onlyDrafts, setOnlyDrafts] = useState(false);
  const items = (overview?.items ?? []).filter(
    (i) => (kind === 'all' || i.kind === kind) && (!onlyDrafts || i.draft) && (!q.trim() || fold(`${i.title} ${i.id} ${i.path}`).includes(fold(q.trim()))),
  );
  const drafts = overview?.drafts ?? [];
  return (
    <>
      <div class="view-head">
        <ViewHeading>Innhald</ViewHeading>
        <div class="btns">
          <button type="button" class="primary" onClick={() => go({ name: 'new-topic' })}>
            Opprett nytt emne
          </button>
          <a class="button-link" href={hrefOf({ name: 'training' })}>
            Treningsmeldingar
          </a>
        </div>
      </div>

      <section class="content-card" aria-labelledby="opne-utkast">
        <h3 id="opne-utkast">Opne utkast ({drafts.length})</h3>
        {drafts.length === 0 ? (
          <p class="empty">Ingen endringar ventar på gjennomgang.</p>
        ) : (
          <ul class="drafts">
            {drafts.map((d) => (
              <li key={d.id}>
                <a href={hrefOf({ name: 'version', id: d.id })}>
                  {d.path}, versjon {d.version}
                </a>
                <span class="meta">
                  {byline(d.authorName, d.updatedAt)} · {d.checked ? 'kvalitetssjekka' : 'ikkje kvalitetssjekka'}
                </span>
                <span class="summary">«{d.summary}»</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="content-card" aria-labelledby="alt-innhald">
        <h3 id="alt-innhald">Emne, feilkodar og tekstar</h3>
        <form class="content-filter" role="search" aria-label="Finn innhald" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label for="innhald-sok">Søk</label>
            <input id="innhald-sok" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autocomplete="off" />
          </div>
          <div>
            <label for="innhald-type">Type</label>
            <select id="innhald-type" value={kind} onChange={(e) => setKind(e.currentTarget.value as ContentItemKind | 'all')}>
              <option value="all">Alle typar</option>
              {Object.entries(kindLabels).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="check">
            <input id="innhald-utkast" type="checkbox" checked={onlyDrafts} onChange={(e) => setOnlyDrafts(e.currentTarget.checked)} />
            <label for="innhald-utkast">Berre dei med ope utkast</label>
          </div>
        </form>
        <p class="count-line" role="status">
          {overview ? `Viser ${items.length} av ${overview.items.length}.` : 'Hentar innhaldet …'}
        </p>
        {(Object.keys(kindLabels) as ContentItemKind[])
          .filter((k) => kind === 'all' || k === kind)
          .map((k) => {
            const ofKind = items.filter((i) => i.kind === k);
            if (ofKind.length === 0) return null;
            return (
              <section key={k} class="kind-group" aria-labelledby={`gruppe-${k}`}>
                <h4 id={`gruppe-${k}`}>
                  {groupLabels[k]} ({ofKind.length})
                </h4>
                <ul class="content-items">
                  {ofKind.map((i) => (
                    <li key={`${i.kind}/${i.id}`}>
                      <a href={hrefOf({ name: 'item', kind: i.kind, id: i.id })}>{i.title}</a>
                      <span class="meta">{i.kind === 'topic' || i.kind === 'error-code' ? `${i.id} · ${i.path}` : i.path}</span>
                      <span class="badges">
                        <StatusBadge status={i.status} />
                        <DraftBadge draft={i.draft} />
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
      </section>
    </>
  );
}
