// The waiting conversations, in the order they are served, each with "Ta samtalen".
import type { JSX, RefObject } from 'preact';
import { sinceText } from '../../../format.js';
import type { QueueEntry } from '../../../types.js';
import { topicTitle, type Boot } from '../../boot.js';
import { useNow } from '../../hooks.js';
import { Codes } from './Codes.js';

export function Waiting({
  waiting,
  arrivals,
  boot,
  headingRef,
  onClaim,
}: {
  waiting: QueueEntry[];
  arrivals: string[];
  boot: Boot;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onClaim: (id: string) => void;
}): JSX.Element {
  return (
    <section aria-labelledby="ko-tittel">
      <h2 id="ko-tittel" ref={headingRef} tabIndex={-1}>
        Kø <span class="count">{waiting.length}</span>
      </h2>
      {waiting.length === 0 ? (
        <p class="empty">Ingen ventar no.</p>
      ) : (
        <ul class="queue">
          {waiting.map((c) => (
            <QueueItem key={c.id} c={c} boot={boot} fresh={arrivals.includes(c.id)} onClaim={() => onClaim(c.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueItem({ c, boot, fresh, onClaim }: { c: QueueEntry; boot: Boot; fresh: boolean; onClaim: () => void }): JSX.Element {
  const now = useNow();
  const title = topicTitle(boot, c.topic);
  return (
    <li class={`item${c.urgent ? ' urgent' : ''}${fresh ? ' fresh' : ''}`}>
      <div class="what">
        {c.urgent && <span class="badge urgent">Hastar</span>}
        {fresh && <span class="badge new">Ny</span>}
        {c.identified && <span class="badge verified">Identitet stadfesta</span>}
        {c.reason && <span class="reason">{c.reason}</span>}
        <strong>{title}</strong>
        <Codes codes={c.errorCodes} title={title} />
        <span class="wait">
          Nr. {c.position} · ventar {c.waitingSince ? sinceText(c.waitingSince, now) : '–'}
        </span>
      </div>
      <button type="button" class="primary" onClick={onClaim}>
        Ta samtalen<span class="visually-hidden"> om {title}</span>
      </button>
    </li>
  );
}
