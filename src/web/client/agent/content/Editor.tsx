// An item's editor: the form for its kind (topic, error code, the assistant's texts, the bank's
// facts, any other file), the answer's live preview as the chat shows it, "Kva har du endra, og
// kvifor?" and "Lagre utkast"; "Pensjoner" for topics and error codes. A problem the service
// names for a field is said at that field, and all of them once above the buttons.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../http.js';
import type { Advisor, ContentEdit, ContentItemKind, ContentItemResult, ContentOverview, PreviewResult } from '../../types.js';
import type { Boot } from '../boot.js';
import { fetchItem, preview, saveDraft } from './api.js';
import { editOf, fieldKey, inputId, langs, valuesOf, type SpecialDay, type Values } from './forms.js';
import { kindLabels, langLabels, messageLabels } from './labels.js';
import { hrefOf, type View } from './nav.js';
import { leaveGuard } from './leave-guard.js';
import { ChatPreview } from './Preview.js';
import { contentProblem, fieldProblem, heldBy, type Said } from './problems.js';
import { DraftBadge, Field, ProblemLink, SaidText, StatusBadge, ViewHeading } from './ui.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PREVIEW_DELAY_MS = 400;

export interface EditorProps {
  base: string;
  boot: Boot;
  me: Advisor;
  overview: ContentOverview | null;
  /** null: a new topic. */
  target: { kind: ContentItemKind; id: string } | null;
  go: (v: View) => void;
  /** After a save: the list and its drafts read again, and what to say on the next view. */
  saved: (message: string) => void;
}

function labelOf(key: string): string {
  const fixed: Record<string, string> = {
    id: 'Emne-ID',
    title: 'Tittel',
    category: 'Kategori',
    keywords: 'Stikkord',
    related: 'Relaterte emne',
    answer: 'Svar',
    codes: 'Kodar',
    meaning: 'Tyding',
    solution: 'Løysing',
    phone: 'Telefon',
    openingHours: 'Opningstider',
    body: 'Innhaldet i fila',
    summary: 'Kva har du endra, og kvifor?',
  };
  if (fixed[key]) return fixed[key]!;
  if (key.startsWith('phrasings-')) return `Formuleringar på ${langLabels[key.slice(10) as 'nn'].toLowerCase()}`;
  if (key.startsWith('texts-')) return messageLabels[key.slice(6)] ?? key.slice(6);
  const day = /^specialDays-(\d+)-(\w+)$/.exec(key);
  if (day) return `Særskild dag ${Number(day[1]) + 1}, ${{ date: 'dato', hours: 'opningstid', note: 'merknad' }[day[2]!] ?? day[2]}`;
  return key;
}

export function Editor({ base, boot, me, overview, target, go, saved }: EditorProps): JSX.Element {
  const kind: ContentItemKind = target?.kind ?? 'topic';
  const [item, setItem] = useState<ContentItemResult | null>(null);
  const [loadProblem, setLoadProblem] = useState<Said | null>(null);
  const [values, setValues] = useState<Values>(() => valuesOf('topic', null).values);
  const [days, setDays] = useState<SpecialDay[]>([]);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [general, setGeneral] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const problems = useRef<HTMLDivElement>(null);
  /** The form as loaded: what differs from it is unsaved. */
  const loaded = useRef('');
  const formKey = (v: Values, d: SpecialDay[]) => JSON.stringify([v, d]);

  useEffect(() => {
    setItem(null);
    setLoadProblem(null);
    setErrors({});
    setGeneral(null);
    setSummary('');
    if (!target) {
      const v = valuesOf('topic', null);
      setValues(v.values);
      setDays(v.days);
      loaded.current = formKey(v.values, v.days);
      return;
    }
    const asked = { current: true };
    fetchItem(base, target.kind, target.id).then(
      (r) => {
        if (!asked.current) return;
        setItem(r);
        const v = valuesOf(target.kind, r.fields);
        setValues(v.values);
        setDays(v.days);
        loaded.current = formKey(v.values, v.days);
      },
      (e: unknown) => asked.current && setLoadProblem(contentProblem(e)),
    );
    return () => {
      asked.current = false;
    };
  }, [base, target?.kind, target?.id]);

  const unsaved = Boolean(summary.trim()) || (loaded.current !== '' && formKey(values, days) !== loaded.current);
  useEffect(() => {
    leaveGuard.set(unsaved ? 'Du har endringar som ikkje er lagra. Vil du gå frå dei?' : null);
  }, [unsaved]);
  useEffect(() => () => leaveGuard.set(null), []);

  const id = target ? target.id : (values['id'] ?? '').trim();
  const ready = !target || item !== null;
  const editOfForm = (): ContentEdit => editOf(kind, id, values, days);
  // Nothing to preview until the answer has a title and a text (a new topic starts empty).
  const previewable = kind === 'topic' ? Boolean(values['title']?.trim() && values['category']?.trim() && values['answer']?.trim()) : kind === 'error-code' && Boolean(values['codes']?.trim() && values['solution']?.trim());
  const previewed = usePreview(base, ready && previewable ? editOf(kind, ID.test(id) ? id : 'nytt-emne', values, days) : null);

  const set = (key: string) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };
  const setDay = (i: number, part: keyof SpecialDay) => (value: string) => {
    setDays((ds) => ds.map((d, j) => (j === i ? { ...d, [part]: value } : d)));
    const key = `specialDays-${i}-${part}`;
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const draft = item?.item.draft ?? null;
  const heldByOther = draft !== null && draft.authorId !== me.id;

  const save = async (edit: ContentEdit) => {
    const found: Record<string, Said> = {};
    if (!target && !ID.test(id)) found['id'] = { nn: 'Skriv ein ID med små bokstavar (a–z) og tal, med bindestrek mellom orda, til dømes «gloymt-passord».' };
    if (!target && overview?.items.some((i) => i.kind === 'topic' && i.id === id)) found['id'] = { nn: `Det finst alt eit emne med ID-en «${id}». Vel ein annan.` };
    if (!summary.trim()) found['summary'] = { nn: 'Skriv kort kva du har endra, og kvifor. Den som går gjennom endringa, les dette først.' };
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => problems.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const drafts = await saveDraft(base, edit, summary.trim());
      const one = drafts.length === 1 ? drafts[0]! : null;
      leaveGuard.set(null); // saved: nothing to lose on the way to the draft
      saved(edit.type === 'retire' ? 'Pensjoneringa er lagra som utkast. Ein annan person må godkjenne ho.' : 'Utkastet er lagra. Køyr kvalitetssjekken, så kan ein annan person godkjenne det.');
      go(one ? { name: 'version', id: one.id } : { name: 'list' });
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as { file?: string | null; field?: string; problem?: string } | undefined) : undefined;
      const otherFile = d?.file && item && d.file !== item.item.path;
      const key = e instanceof ApiError && e.code === 'ERR_CONTENT_INVALID' && !otherFile ? fieldKey(kind, d?.field, values) : null;
      if (key) setErrors({ [key]: fieldProblem(d?.problem ?? (e as ApiError).message) });
      else setGeneral(contentProblem(e));
      requestAnimationFrame(() => problems.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  // The list's title names the bank's facts and the assistant's texts in words; the item's only by id.
  const listed_ = target ? overview?.items.find((i) => i.kind === target.kind && i.id === target.id) : undefined;
  const title = !target ? 'Nytt emne' : kind === 'bank' || kind === 'messages' ? (listed_?.title ?? kindLabels[kind]) : (item?.item.title ?? listed_?.title ?? kindLabels[kind]);
  const field = (k: string, label: string, more: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field k={k} label={label} value={values[k] ?? ''} onInput={set(k)} error={errors[k]} {...more} />
  );
  const categories = [...new Set(Object.values(boot.topics).map((t) => t.category))].filter((c) => c !== 'Hastar').sort();
  const topicIds = (overview?.items ?? []).filter((i) => i.kind === 'topic').map((i) => i.id);
  const listed = Object.entries(errors);

  return (
    <>
      <p class="crumbs">
        <a href={hrefOf({ name: 'list' })}>Alt innhald</a>
      </p>
      <div class="view-head">
        <ViewHeading>
          {title}
          {target && item && <span class="visually-hidden"> – {kindLabels[kind].toLowerCase()}</span>}
        </ViewHeading>
        {item && (
          <p class="badges">
            <span class="badge">{kindLabels[kind]}</span>
            <StatusBadge status={item.item.status} />
            <DraftBadge draft={draft} />
          </p>
        )}
      </div>
      {item && <p class="meta">Fil: {item.item.path}</p>}
      {loadProblem && (
        <p class="error" role="alert">
          <SaidText said={loadProblem} />
        </p>
      )}
      {!ready && !loadProblem && <p role="status">Hentar …</p>}
      {draft && (
        <div class={`draft-note${heldByOther ? ' held' : ''}`}>
          {heldByOther ? (
            <p>
              {draft.authorName ?? heldBy('')} har eit ope utkast av denne fila. Felta viser teksten i utkastet. Du kan ikkje lagre endringar før utkastet er godkjent, avvist eller
              trekt tilbake.
            </p>
          ) : (
            <p>Du har eit ope utkast av denne fila (versjon {draft.version}). Felta viser teksten i utkastet; lagrar du, blir utkastet oppdatert og må sjekkast på nytt.</p>
          )}
          <p>
            <a href={hrefOf({ name: 'version', id: draft.id })}>Sjå gjennom utkastet</a>
          </p>
        </div>
      )}
      {ready && !loadProblem && (
        <form
          class="editor"
          aria-labelledby="vis-tittel"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(editOfForm());
          }}
        >
          <div class={`editor-grid${kind === 'topic' || kind === 'error-code' ? ' with-preview' : ''}`}>
            <div class="editor-fields">
              {kind === 'topic' && (
                <>
                  {!target &&
                    field('id', 'Emne-ID', {
                      required: true,
                      mono: true,
                      hint: 'Små bokstavar (a–z) og tal, med bindestrek mellom orda, til dømes «gloymt-passord». Kan ikkje endrast seinare.',
                    })}
                  {field('title', 'Tittel', { required: true })}
                  {field('category', 'Kategori', { required: true, list: 'kategoriar' })}
                  <datalist id="kategoriar">
                    {categories.map((c) => (
                      <option key={c} value={c} />
                    ))}
                  </datalist>
                  <fieldset class="group">
                    <legend>Formuleringar</legend>
                    <p class="hint">Slik kan kundar spørje. Éi formulering per linje.</p>
                    {langs.map((l) => field(`phrasings-${l}`, langLabels[l], { multiline: true, rows: Math.min(12, Math.max(3, (values[`phrasings-${l}`] ?? '').split('\n').length + 1)), ...(l === 'nn' ? {} : { lang: l === 'en' ? 'en' : 'nb' }) }))}
                  </fieldset>
                  {field('keywords', 'Stikkord', { hint: 'Ord kundar brukar om dette. Skil med komma.' })}
                  {field('related', 'Relaterte emne', { hint: 'ID-ane til emne om same situasjon, skilde med komma, til dømes «gloymt-passord, sperra-bankid».', mono: true, list: 'emne-idar' })}
                  <datalist id="emne-idar">
                    {topicIds.map((t) => (
                      <option key={t} value={t} />
                    ))}
                  </datalist>
                  {field('answer', 'Svar (Markdown)', {
                    required: true,
                    multiline: true,
                    rows: 14,
                    hint: 'Avsnitt med tom linje mellom, lister med «-» eller «1.», **feit**, *kursiv* og [lenkjer](https://…).',
                  })}
                </>
              )}
              {kind === 'error-code' && (
                <>
                  {field('codes', 'Kodar', { required: true, mono: true, hint: 'Fire teikn kvar, skilde med komma, til dømes «14B1, 2030». Kunden ser dei som BID-14B1.' })}
                  {field('meaning', 'Tyding', { required: true, multiline: true, rows: 3, hint: 'Kva feilen betyr.' })}
                  {field('solution', 'Løysing', { required: true, multiline: true, rows: 6, hint: 'Kva kunden kan gjere. Markdown som i svara til emna.' })}
                  {field('keywords', 'Stikkord', { hint: 'Ord kundar brukar om feilen utan koden, til dømes «tidsavbrot». Skil med komma.' })}
                </>
              )}
              {kind === 'messages' && (
                <>
                  <p class="hint">Tekstane assistenten sjølv skriv. {'{phone}'} og {'{bankName}'} blir bytte ut med telefonnummeret og namnet til banken.</p>
                  {Object.keys(values)
                    .filter((k) => k.startsWith('texts-'))
                    .map((k) => field(k, `${messageLabels[k.slice(6)] ?? k.slice(6)} (${k.slice(6)})`, { multiline: true, rows: 3 }))}
                </>
              )}
              {kind === 'bank' && (
                <>
                  {field('phone', 'Telefon', { inputMode: 'tel', hint: 'Slik kundane ser det, til dømes «57 82 97 00».' })}
                  {field('openingHours', 'Opningstider', { mono: true, hint: 'Til dømes «mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00» (norsk tid).' })}
                  <fieldset class="group">
                    <legend>Særskilde dagar</legend>
                    <p class="hint">Dagar med andre opningstider, til dømes julaftan. Opningstid som «09:00-12:00», eller «closed» for stengt.</p>
                    {days.length === 0 && <p class="empty">Ingen særskilde dagar.</p>}
                    {days.map((d, i) => (
                      <fieldset class="day" key={i}>
                        <legend>Særskild dag {i + 1}</legend>
                        <Field k={`specialDays-${i}-date`} label="Dato (ÅÅÅÅ-MM-DD)" value={d.date} onInput={setDay(i, 'date')} error={errors[`specialDays-${i}-date`]} mono />
                        <Field k={`specialDays-${i}-hours`} label="Opningstid" value={d.hours} onInput={setDay(i, 'hours')} error={errors[`specialDays-${i}-hours`]} mono />
                        <Field k={`specialDays-${i}-note`} label="Merknad (valfri)" value={d.note ?? ''} onInput={setDay(i, 'note')} error={errors[`specialDays-${i}-note`]} />
                        <button
                          type="button"
                          onClick={() => {
                            setDays((ds) => ds.filter((_, j) => j !== i));
                            requestAnimationFrame(() => document.getElementById('legg-til-dag')?.focus());
                          }}
                        >
                          Fjern særskild dag {i + 1}
                        </button>
                      </fieldset>
                    ))}
                    <button
                      type="button"
                      id="legg-til-dag"
                      onClick={() => {
                        setDays((ds) => [...ds, { date: '', hours: '' }]);
                        requestAnimationFrame(() => document.getElementById(inputId(`specialDays-${days.length}-date`))?.focus());
                      }}
                    >
                      Legg til ein særskild dag
                    </button>
                  </fieldset>
                </>
              )}
              {kind === 'file' && field('body', `Innhaldet i ${target?.id ?? 'fila'}`, { multiline: true, rows: 24, mono: true })}
            </div>
            {(kind === 'topic' || kind === 'error-code') && (
              <section class="preview-pane" aria-labelledby="forehandsvising">
                <h3 id="forehandsvising">Slik svarar chatten</h3>
                {previewed.result ? (
                  <>
                    <p class="meta">{previewed.result.title}</p>
                    <ChatPreview text={previewed.result.text} />
                  </>
                ) : (
                  <p class="empty">{previewed.loading ? 'Lagar førehandsvising …' : 'Skriv svaret, så kjem det her.'}</p>
                )}
                {previewed.problem && (
                  <p class="hint warn">
                    Førehandsvisinga viser ikkje dei siste endringane: <SaidText said={previewed.problem} />
                  </p>
                )}
              </section>
            )}
          </div>

          <div class="save-bar">
            <Field
              k="summary"
              label="Kva har du endra, og kvifor?"
              required
              multiline
              rows={2}
              hint="Den som går gjennom endringa, les dette først."
              value={summary}
              error={errors['summary']}
              onInput={(t) => {
                setSummary(t);
                if (errors['summary']) setErrors(({ summary: _, ...rest }) => rest);
              }}
            />
            <div ref={problems} tabIndex={-1} class="problems" role={listed.length || general ? 'alert' : undefined}>
              {(listed.length > 0 || general) && (
                <div class="error">
                  <p>Utkastet er ikkje lagra.</p>
                  {general && (
                    <p>
                      <SaidText said={general} />
                    </p>
                  )}
                  {listed.length > 0 && (
                    <ul>
                      {listed.map(([k, said]) => (
                        <li key={k}>
                          <ProblemLink k={k} label={labelOf(k)} said={said} />
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </div>
            <div class="btns">
              <button type="submit" class="primary" disabled={busy || heldByOther}>
                Lagre utkast
              </button>
              {target && (kind === 'topic' || kind === 'error-code') && item?.item.status !== 'retired' && (
                <button type="button" aria-expanded={confirmRetire} aria-controls="pensjoner" disabled={busy || heldByOther} onClick={() => setConfirmRetire(!confirmRetire)}>
                  Pensjoner
                </button>
              )}
              {item && (
                <a class="button-link" href={hrefOf({ name: 'history', path: item.item.path })}>
                  Historikk for fila
                </a>
              )}
              {kind === 'topic' && target && (
                <a class="button-link" href={hrefOf({ name: 'training', label: target.id })}>
                  Treningsmeldingar for emnet
                </a>
              )}
            </div>
            {confirmRetire && target && (
              <div id="pensjoner" class="confirm">
                <p>
                  {kind === 'topic' ? 'Emnet' : 'Feilkoden'} blir ikkje brukt i svar lenger når pensjoneringa er godkjend. Historikken blir verande, og du kan rulle tilbake seinare. Skriv
                  kvifor i feltet «Kva har du endra, og kvifor?».
                </p>
                <div class="btns">
                  <button type="button" class="danger" disabled={busy} onClick={() => void save({ type: 'retire', id: target.id })}>
                    Lagre pensjoneringa som utkast
                  </button>
                  <button type="button" onClick={() => setConfirmRetire(false)}>
                    Avbryt
                  </button>
                </div>
              </div>
            )}
          </div>
        </form>
      )}
    </>
  );
}

/** The answer as the bot would send it, asked for a moment after the last keystroke. */
function usePreview(base: string, edit: ContentEdit | null): { result: PreviewResult | null; loading: boolean; problem: Said | null } {
  const [state, setState] = useState<{ result: PreviewResult | null; loading: boolean; problem: Said | null }>({ result: null, loading: false, problem: null });
  const key = edit ? JSON.stringify(edit) : '';
  useEffect(() => {
    if (!edit) return;
    const asked = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const t = setTimeout(() => {
      preview(base, edit, asked.signal).then(
        (result) => setState({ result, loading: false, problem: null }),
        (e: unknown) => asked.signal.aborted || setState((s) => ({ ...s, loading: false, problem: contentProblem(e) })),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(t);
      asked.abort();
    };
  }, [base, key]);
  return state;
}
