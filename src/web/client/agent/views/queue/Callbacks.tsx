// Messages left outside opening hours: who to call back, and "Ferdig" once done.
import type { JSX } from 'preact';
import { clockText } from '../../../format.js';
import type { CallbackRequest } from '../../../types.js';

export function Callbacks({ callbacks, onOpen, onDone }: { callbacks: CallbackRequest[]; onOpen: (conversationId: string) => void; onDone: (id: string) => void }): JSX.Element {
  return (
    <section aria-labelledby="ring-tittel">
      <h2 id="ring-tittel">
        Ring tilbake <span class="count">{callbacks.length}</span>
      </h2>
      {callbacks.length === 0 ? (
        <p class="empty">Ingen meldingar å følgje opp.</p>
      ) : (
        <ul class="queue">
          {callbacks.map((cb) => (
            <li key={cb.id} class="item callback">
              <div class="what">
                <strong>{cb.name ?? 'Utan namn'}</strong>
                <span>
                  {[cb.phone, cb.email].filter(Boolean).join(' · ')} · {clockText(cb.createdAt)}
                </span>
                <span class="msgtext">{cb.message}</span>
              </div>
              <div class="btns">
                <button type="button" onClick={() => onOpen(cb.conversationId)}>
                  Vis samtalen
                </button>
                <button type="button" onClick={() => onDone(cb.id)}>
                  Ferdig<span class="visually-hidden"> med {cb.name ?? 'førespurnaden'}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
