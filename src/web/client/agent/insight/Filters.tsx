// The period and the language shown: three presets that apply at once, or two dates and a
// language applied with "Vis tala". A period the service would refuse is said beside the form.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LanguageFilter } from '../../types.js';
import type { InsightQuery } from './api.js';
import { languageLabels } from './labels.js';
import { periodProblem, presets } from './period.js';

export function Filters({ shown, today, onApply }: { shown: InsightQuery; today: string; onApply: (q: InsightQuery) => void }): JSX.Element {
  const [draft, setDraft] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(shown), [shown]);
  const apply = (q: InsightQuery) => {
    const wrong = periodProblem(q);
    setProblem(wrong);
    if (!wrong) onApply(q);
  };
  const field = (k: 'from' | 'to') => (e: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [k]: e.currentTarget.value });
  return (
    <form
      class="insight-filter"
      aria-labelledby="filter-tittel"
      onSubmit={(e) => {
        e.preventDefault();
        apply(draft);
      }}
    >
      <h2 id="filter-tittel" class="visually-hidden">
        Periode og språk
      </h2>
      <div class="presets" role="group" aria-label="Vel periode">
        {presets.map((p) => {
          const period = p.period(today);
          const on = period.from === shown.from && period.to === shown.to;
          return (
            <button key={p.id} type="button" aria-pressed={on} onClick={() => apply({ ...draft, ...period })}>
              {p.label}
            </button>
          );
        })}
      </div>
      <div class="fields">
        <div>
          <label for="innsikt-fra">Frå og med</label>
          <input id="innsikt-fra" type="date" required max={today} value={draft.from} onInput={field('from')} aria-describedby={problem ? 'innsikt-feil' : undefined} />
        </div>
        <div>
          <label for="innsikt-til">Til og med</label>
          <input id="innsikt-til" type="date" required value={draft.to} onInput={field('to')} aria-describedby={problem ? 'innsikt-feil' : undefined} />
        </div>
        <div>
          <label for="innsikt-sprak">Språk</label>
          <select id="innsikt-sprak" value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.currentTarget.value as LanguageFilter })}>
            {Object.entries(languageLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          Vis tala
        </button>
      </div>
      {problem && (
        <p id="innsikt-feil" class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
