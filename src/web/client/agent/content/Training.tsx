// The training messages: search them by words and label; collect messages to add to a topic and
// messages to remove into one change, saved as a draft that is reviewed like any other.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ContentOverview, TrainingMessage, TrainingResult } from '../../types.js';
import { saveDraft, searchTraining } from './api.js';
import { langLabels } from './labels.js';
import { type View } from './nav.js';
import { contentProblem, type Said } from './problems.js';
import { Field, SaidText, ViewHeading } from './ui.js';

type Lang = keyof typeof langLabels;
interface Added {
  label: string;
  text: string;
  lang: Lang;
}

/** Labels that are not topics (content/training): what the assistant does besides answering. */
const otherLabels: Record<string, string> = {
  urgent: 'Hastar',
  'not-covered': 'Ikkje dekt av svara',
  'out-of-scope': 'Utanfor BankID',
  'off-topic': 'Utanfor emnet',
  vague: 'Uklart',
  human: 'Vil snakke med ein person',
  'not-helped': 'Svaret hjelpte ikkje',
  greeting: 'Helsing',
  thanks: 'Takk',
};

/** Messages shown at first, and how many more each "Vis fleire" asks for. */
const PAGE = 50;

export function Training({ base, overview, label, go, saved }: { base: string; overview: ContentOverview | null; label?: string | undefined; go: (v: View) => void; saved: (m: string) => void }): JSX.Element {
  const topics = (overview?.items ?? []).filter((i) => i.kind === 'topic' && i.status !== 'retired');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState(label ?? '');
  const [asked, setAsked] = useState<{ q: string; label: string; limit: number }>({ q: '', label: label ?? '', limit: PAGE });
  const [result, setResult] = useState<TrainingResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [searchProblem, setSearchProblem] = useState<Said | null>(null);
  const [removals, setRemovals] = useState<TrainingMessage[]>([]);
  const [additions, setAdditions] = useState<Added[]>([]);
  const [newText, setNewText] = useState('');
  const [newLabel, setNewLabel] = useState(label ?? '');
  const [newLang, setNewLang] = useState<Lang>('nn');
  const [addErrors, setAddErrors] = useState<{ text?: Said; label?: Said }>({});
  const [summary, setSummary] = useState('');
  const [summaryError, setSummaryError] = useState<Said | undefined>(undefined);
  const [saveProblem, setSaveProblem] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const c = new AbortController();
    setLoading(true);
    setSearchProblem(null);
    searchTraining(base, asked, c.signal).then(
      (r) => {
        setResult(r);
        setLoading(false);
      },
      (e: unknown) => {
        if (c.signal.aborted) return;
        setSearchProblem(contentProblem(e));
        setLoading(false);
      },
    );
    return () => c.abort();
  }, [base, asked]);

  const removing = (m: TrainingMessage) => removals.some((r) => r.path === m.path && r.text === m.text);
  const toggle = (m: TrainingMessage) => setRemovals((rs) => (removing(m) ? rs.filter((r) => !(r.path === m.path && r.text === m.text)) : [...rs, m]));
  const labelText = (l: string) => topics.find((t) => t.id === l)?.title ?? otherLabels[l] ?? l;

  const add = (e: Event) => {
    e.preventDefault();
    const found: typeof addErrors = {};
    if (!newLabel) found.label = { nn: 'Vel emnet meldinga høyrer til.' };
    if (!newText.trim()) found.text = { nn: 'Skriv meldinga slik ein kunde kunne ha skrive ho.' };
    setAddErrors(found);
    if (found.label || found.text) {
      document.getElementById(found.label ? 'felt-ny-merkelapp' : 'felt-ny-melding')?.focus();
      return;
    }
    setAdditions((a) => [...a, { label: newLabel, text: newText.trim(), lang: newLang }]);
    setNewText('');
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!summary.trim()) {
      setSummaryError({ nn: 'Skriv kort kva du har endra, og kvifor.' });
      document.getElementById('felt-summary')?.focus();
      return;
    }
    setBusy(true);
    setSaveProblem(null);
    try {
      const drafts = await saveDraft(base, { type: 'training', add: additions, remove: removals.map((r) => ({ path: r.path, text: r.text })) }, summary.trim());
      saved(`Endringa av treningsmeldingane er lagra som utkast${drafts.length > 1 ? ` i ${drafts.length} filer` : ''}. Ein annan person må godkjenne ho.`);
      go(drafts.length === 1 ? { name: 'version', id: drafts[0]!.id } : { name: 'list' });
    } catch (err) {
      setSaveProblem(contentProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const pending = additions.length + removals.length;
  return (
    <>
      <p class="crumbs">
        <a href="#">Alt innhald</a>
      </p>
      <ViewHeading>Treningsmeldingar</ViewHeading>
      <p class="hint">Assistenten lærer kva kundane meiner av desse meldingane. Ei ny melding til eit emne gjer at liknande spørsmål oftare får svaret i emnet.</p>

      <section class="content-card" aria-labelledby="ny-trening">
        <h3 id="ny-trening">Legg til ei melding</h3>
        <form class="add-training" aria-labelledby="ny-trening" noValidate onSubmit={add}>
          <div class={`field${addErrors.label ? ' invalid' : ''}`}>
            <label for="felt-ny-merkelapp">Emne</label>
            <select
              id="felt-ny-merkelapp"
              value={newLabel}
              aria-invalid={addErrors.label ? 'true' : undefined}
              aria-describedby={addErrors.label ? 'felt-ny-merkelapp-feil' : undefined}
              onChange={(e) => setNewLabel(e.currentTarget.value)}
            >
              <option value="">Vel emne</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.id})
                </option>
              ))}
            </select>
            {addErrors.label && (
              <p id="felt-ny-merkelapp-feil" class="field-error">
                <SaidText said={addErrors.label} />
              </p>
            )}
          </div>
          <Field k="ny-melding" label="Ny melding" hint="Slik ein kunde kunne ha skrive ho." multiline rows={2} value={newText} error={addErrors.text} onInput={setNewText} />
          <div class="field">
            <label for="felt-ny-sprak">Språk</label>
            <select id="felt-ny-sprak" value={newLang} onChange={(e) => setNewLang(e.currentTarget.value as Lang)}>
              {Object.entries(langLabels).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Legg til i endringa</button>
        </form>
      </section>

      <section class="content-card" aria-labelledby="endringa">
        <h3 id="endringa">Endringa di ({pending})</h3>
        {pending === 0 ? (
          <p class="empty">Legg til meldingar eller vel «Fjern» ved meldingar i søket.</p>
        ) : (
          <form noValidate onSubmit={save} aria-labelledby="endringa">
            <ul class="pending">
              {additions.map((a, i) => (
                <li key={`a${i}`}>
                  <span class="badge status-approved">Ny</span> «{a.text}» → {labelText(a.label)} ({langLabels[a.lang]}){' '}
                  <button type="button" onClick={() => setAdditions((xs) => xs.filter((_, j) => j !== i))}>
                    Angre<span class="visually-hidden"> «{a.text}»</span>
                  </button>
                </li>
              ))}
              {removals.map((r) => (
                <li key={`r${r.path}${r.text}`}>
                  <span class="badge status-retired">Fjernast</span> «{r.text}» ({r.path}){' '}
                  <button type="button" onClick={() => toggle(r)}>
                    Angre<span class="visually-hidden"> «{r.text}»</span>
                  </button>
                </li>
              ))}
            </ul>
            <Field
              k="summary"
              label="Kva har du endra, og kvifor?"
              required
              multiline
              rows={2}
              value={summary}
              error={summaryError}
              onInput={(t) => {
                setSummary(t);
                setSummaryError(undefined);
              }}
            />
            {saveProblem && (
              <p class="error" role="alert">
                <SaidText said={saveProblem} />
              </p>
            )}
            <button type="submit" class="primary" disabled={busy}>
              Lagre utkast
            </button>
          </form>
        )}
      </section>
      <section class="content-card" aria-labelledby="sok-trening">
        <h3 id="sok-trening">Søk</h3>
        <form
          class="content-filter"
          role="search"
          aria-labelledby="sok-trening"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked({ q: q.trim(), label: filter, limit: PAGE });
          }}
        >
          <div>
            <label for="trening-sok">Søkjeord</label>
            <input id="trening-sok" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autocomplete="off" />
          </div>
          <div>
            <label for="trening-merkelapp">Merkelapp</label>
            <select id="trening-merkelapp" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
              <option value="">Alle</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.id})
                </option>
              ))}
              {Object.entries(otherLabels).map(([k, v]) => (
                <option key={k} value={k}>
                  {v} ({k})
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Søk</button>
        </form>
        <p role="status" class="count-line">
          {loading ? 'Søkjer …' : result ? `${result.total} meldingar${result.total > result.messages.length ? `, dei første ${result.messages.length} er viste` : ''}.` : ''}
        </p>
        {searchProblem && (
          <p class="error" role="alert">
            <SaidText said={searchProblem} />
          </p>
        )}
        {result && result.messages.length > 0 && (
          <ul class="training">
            {result.messages.map((m, i) => (
              <li key={`${m.path}-${i}`} class={removing(m) ? 'removing' : undefined}>
                <p class="text" lang={m.lang === 'en' ? 'en' : m.lang === 'nb' ? 'nb' : undefined}>
                  «{m.text}»
                </p>
                <p class="meta">
                  {labelText(m.label)} · {langLabels[m.lang as Lang] ?? m.lang} · {m.path}
                  {removing(m) && <strong> · blir fjerna</strong>}
                </p>
                <button type="button" aria-pressed={removing(m)} onClick={() => toggle(m)}>
                  Fjern<span class="visually-hidden"> «{m.text}»</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {result && result.total > result.messages.length && result.messages.length < 500 && (
          <button type="button" class="more" disabled={loading} onClick={() => setAsked({ ...asked, limit: Math.min(500, asked.limit + PAGE) })}>
            Vis fleire meldingar
          </button>
        )}
      </section>

    </>
  );
}
