// Small parts the content editor's views share: the view's heading (focused when the view was
// opened from another), a problem as said, status badges, and a labelled field with its hint and
// its problem tied to the input (aria-invalid, aria-describedby).
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ContentDraft, ContentItem } from '../../types.js';
import { inputId } from './forms.js';
import { statusLabels, whenText } from './labels.js';
import type { Said } from './problems.js';

/** Set when the reader moved to another view: its heading takes the focus, so a screen reader says where they are. */
export const focus = { next: false };

export function ViewHeading({ children }: { children: ComponentChildren }): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focus.next) return;
    focus.next = false;
    ref.current?.focus();
  }, []);
  return (
    <h2 id="vis-tittel" class="view-title" tabIndex={-1} ref={ref}>
      {children}
    </h2>
  );
}

export function SaidText({ said }: { said: Said }): JSX.Element {
  return (
    <>
      {said.nn}
      {said.en && (
        <>
          {' '}
          <q lang="en">{said.en}</q>
        </>
      )}
    </>
  );
}

export function StatusBadge({ status }: { status: ContentItem['status'] }): JSX.Element | null {
  if (!status) return null;
  return <span class={`badge status-${status}`}>{statusLabels[status]}</span>;
}

export function DraftBadge({ draft }: { draft: ContentDraft | null }): JSX.Element | null {
  if (!draft) return null;
  return <span class="badge open-draft">Ope utkast{draft.authorName ? ` (${draft.authorName})` : ''}</span>;
}

/** "av Kari, 10. mars 2026 kl. 14:17" */
export const byline = (name: string | null, at: string): string => `${name ? `av ${name}, ` : ''}${whenText(at)}`;

export interface FieldProps {
  k: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: Said | undefined;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  /** The text's language when it is not nynorsk (English phrasings). */
  lang?: string;
  mono?: boolean;
  inputMode?: 'tel' | 'text';
  autocomplete?: string;
  pattern?: string;
  /** A datalist's id: suggestions for the input. */
  list?: string;
}

export function Field({ k, label, value, onInput, hint, error, multiline, rows = 3, required, lang, mono, inputMode, pattern, list }: FieldProps): JSX.Element {
  const id = inputId(k);
  const described = [hint ? `${id}-hjelp` : '', error ? `${id}-feil` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    required,
    lang,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described,
    class: mono ? 'mono' : undefined,
    spellcheck: mono ? false : undefined,
  };
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> (må fyllast ut)</span>}
      </label>
      {hint && (
        <p id={`${id}-hjelp`} class="hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...common} rows={rows} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} pattern={pattern} list={list} autocomplete="off" onInput={(e) => onInput(e.currentTarget.value)} />
      )}
      {error && (
        <p id={`${id}-feil`} class="field-error">
          <SaidText said={error} />
        </p>
      )}
    </div>
  );
}

/** A problem the service named for a field, as a line of the form's summary: focuses the field. */
export function ProblemLink({ k, label, said }: { k: string; label: string; said: Said }): JSX.Element {
  return (
    <a
      href={`#${inputId(k)}`}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(inputId(k))?.focus();
      }}
    >
      {label}: <SaidText said={said} />
    </a>
  );
}
