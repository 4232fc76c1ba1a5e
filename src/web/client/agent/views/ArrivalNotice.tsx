// The visible notice of new conversations in the queue (the audible one is beep.ts), announced
// assertively; "Vis køen" takes focus to the queue's heading.
import type { JSX } from 'preact';

export function ArrivalNotice({ count, onShow }: { count: number; onShow: () => void }): JSX.Element {
  return (
    <div class="notice-area" role="status" aria-live="assertive">
      {count > 0 && (
        <div class="notice">
          <p>
            <strong>{count === 1 ? 'Ny samtale i køen' : `${count} nye samtalar i køen`}</strong>
          </p>
          <button type="button" onClick={onShow}>
            Vis køen
          </button>
        </div>
      )}
    </div>
  );
}
