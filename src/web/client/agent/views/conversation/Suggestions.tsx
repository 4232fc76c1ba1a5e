// The suggested answers above the reply box, each with "Set inn".
import type { JSX } from 'preact';
import type { Boot } from '../../boot.js';
import type { Suggestion } from '../../store.js';

export function Suggestions({ id, suggestions, boot, onInsert }: { id: string; suggestions: Suggestion[]; boot: Boot; onInsert: (answer: string) => void }): JSX.Element | null {
  if (suggestions.length === 0) return null;
  return (
    <div class="suggestions">
      <h3 id={`forslag-${id}`}>Forslag frå kunnskapsbasen</h3>
      <ul aria-labelledby={`forslag-${id}`}>
        {suggestions.map((x) => (
          <li key={x.topicId}>
            <span>
              {x.title}
              {boot.topics[x.topicId]?.draft && <span class="draft"> (utkast – ikkje godkjent av banken)</span>}
            </span>
            <button type="button" onClick={() => onInsert(x.answer)}>
              Set inn<span class="visually-hidden"> svaret «{x.title}»</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
