// The advisor's own conversations, each opened in a tab with "Opne".
import type { JSX } from 'preact';
import type { QueueEntry } from '../../../types.js';
import { topicTitle, type Boot } from '../../boot.js';
import { Codes } from './Codes.js';

export function Mine({ mine, boot, onOpen }: { mine: QueueEntry[]; boot: Boot; onOpen: (id: string) => void }): JSX.Element {
  return (
    <section aria-labelledby="mine-tittel">
      <h2 id="mine-tittel">Mine samtalar</h2>
      {mine.length === 0 ? (
        <p class="empty">Du har ingen samtalar no.</p>
      ) : (
        <ul class="queue">
          {mine.map((c) => (
            <li key={c.id} class="item">
              <div class="what">
                <strong>{topicTitle(boot, c.topic)}</strong>
                <Codes codes={c.errorCodes} title={topicTitle(boot, c.topic)} />
              </div>
              <button type="button" onClick={() => onOpen(c.id)}>
                Opne<span class="visually-hidden"> samtalen om {topicTitle(boot, c.topic)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
