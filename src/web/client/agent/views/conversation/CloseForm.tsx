// Closing a conversation: the advisor chooses how it ended (no default: the statistics depend on it).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { outcomes } from './labels.js';

export function CloseForm({ id, onClose }: { id: string; onClose: (outcome: string) => void }): JSX.Element {
  const [outcome, setOutcome] = useState('');
  return (
    <form
      class="close-form"
      onSubmit={(e) => {
        e.preventDefault();
        onClose(outcome);
      }}
    >
      <label for={`utfall-${id}`}>Utfall</label>
      <select id={`utfall-${id}`} value={outcome} required onChange={(e) => setOutcome(e.currentTarget.value)}>
        <option value="" disabled>
          Vel utfall …
        </option>
        {outcomes.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!outcome}>
        Avslutt samtalen
      </button>
    </form>
  );
}
