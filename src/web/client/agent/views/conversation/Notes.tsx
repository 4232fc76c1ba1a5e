// Internal notes on a conversation: advisors see them, the customer never does.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { clockText } from '../../../format.js';
import type { Note } from '../../../types.js';
import type { ConsoleStore } from '../../store.js';

export function Notes({ store, id, notes }: { store: ConsoleStore; id: string; notes: Note[] }): JSX.Element {
  const [note, setNote] = useState('');
  const saveNote = async (e: Event) => {
    e.preventDefault();
    const t = note.trim();
    if (t && (await store.note(id, t))) setNote('');
  };
  return (
    <aside class="notes" aria-labelledby={`notat-${id}`}>
      <h3 id={`notat-${id}`}>Interne notat</h3>
      <p class="hint">Berre rådgjevarar ser notata. Kunden ser dei aldri.</p>
      {notes.length > 0 && (
        <ul class="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <span class="time">{clockText(n.createdAt)}</span> {n.text}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={saveNote}>
        <label for={`nytt-notat-${id}`}>Nytt notat</label>
        <textarea id={`nytt-notat-${id}`} rows={3} maxLength={4000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit">Lagre notat</button>
      </form>
    </aside>
  );
}
