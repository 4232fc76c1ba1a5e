// The messages the customer left asking to be contacted, at the top of their conversation.
import type { JSX } from 'preact';
import type { CallbackRequest } from '../../../types.js';

export function CallbackBox({ callbacks }: { callbacks: CallbackRequest[] }): JSX.Element | null {
  if (callbacks.length === 0) return null;
  return (
    <div class="callback-box">
      <h3>Kunden bad om å bli kontakta</h3>
      {callbacks.map((cb) => (
        <p key={cb.id}>
          {cb.name ?? 'Utan namn'} · {[cb.phone, cb.email].filter(Boolean).join(' · ')} — «{cb.message}»
        </p>
      ))}
    </div>
  );
}
