import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Advisor } from '../../../types.js';
import { problemText } from '../../problem.js';
import type { ConsoleStore } from '../../store.js';

/** One field of an account, changed on its own: a new password, or the name customers see. */
export function AccountField({
  account,
  kind,
  store,
  onDone,
  onError,
}: {
  account: Advisor;
  kind: 'password' | 'displayName';
  store: ConsoleStore;
  onDone: (text: string | null) => void;
  onError: (text: string) => void;
}): JSX.Element {
  const [value, setValue] = useState(kind === 'displayName' ? (account.displayName ?? '') : '');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const password = kind === 'password';
  const submit = async (e: Event) => {
    e.preventDefault();
    if (password && value.length < 12) return onError('Passordet må ha minst 12 teikn.');
    try {
      if (password) {
        await store.setAdvisorPassword(account.id, value);
        onDone(`${account.name} har fått nytt passord${account.id === store.state.me?.id ? '' : ' og er logga ut'}.`);
      } else {
        const b = await store.updateAdvisor(account.id, { displayName: value.trim() || null });
        onDone(`Kundane ser no «${b.displayName ?? b.name}» når ${b.name} svarar.`);
      }
    } catch (err) {
      onError(problemText(err));
    }
  };
  const id = `${password ? 'nytt-passord' : 'visingsnamn'}-${account.id}`;
  return (
    <form id={`${password ? 'passord' : 'namn'}-${account.id}`} class="password-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <label for={id}>{password ? `Nytt passord for ${account.name} (minst 12 teikn)` : `Namnet kundane ser for ${account.name} (la feltet stå tomt for å bruke kontonamnet)`}</label>
      {password ? (
        <input id={id} ref={field} type="password" required minLength={12} autocomplete="new-password" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      ) : (
        <input id={id} ref={field} type="text" maxLength={60} autocomplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      )}
      <div class="btns">
        <button type="submit" class="primary">
          {password ? 'Lagre passordet' : 'Lagre namnet'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Avbryt
        </button>
      </div>
    </form>
  );
}
