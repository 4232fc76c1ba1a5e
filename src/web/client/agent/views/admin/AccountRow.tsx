// One account in the admin's list: who it is, its status and role, and the buttons that change it.
import type { JSX } from 'preact';
import type { Advisor, AdvisorChange, Role } from '../../../types.js';
import { roleText } from '../../roles.js';
import type { ConsoleStore } from '../../store.js';
import { AccountField } from './AccountField.js';

export type FieldKind = 'password' | 'displayName';

export function AccountRow({
  store,
  account: a,
  isMe,
  lastAdmin,
  editing,
  onEdit,
  onChange,
  onEdited,
  onError,
}: {
  store: ConsoleStore;
  account: Advisor;
  isMe: boolean;
  /** The last active admin: the service refuses demoting or deactivating it. */
  lastAdmin: boolean;
  /** The field open for editing on this account, if one is. */
  editing: FieldKind | null;
  onEdit: (kind: FieldKind | null) => void;
  onChange: (patch: AdvisorChange, done: (b: Advisor) => string) => void;
  /** A field's form closed; `text` says what changed (null: cancelled). */
  onEdited: (text: string | null) => void;
  onError: (text: string) => void;
}): JSX.Element {
  return (
    <li class={`account${a.active ? '' : ' inactive'}`}>
      <div class="who">
        <strong>
          {a.name}
          {isMe && ' (du)'}
        </strong>
        <span>{a.email}</span>
        <span>Kundane ser: {a.displayName ?? a.name}</span>
        <span>
          <span class={`badge ${a.active ? 'state-advisor' : 'state-closed'}`}>{a.active ? 'Aktiv' : 'Deaktivert'}</span>
          {roleText(a.role)}
        </span>
      </div>
      <div class="btns">
        {lastAdmin ? (
          // The service refuses both for the last active admin; offering them could only fail.
          <p class="hint">Siste aktive administrator: kan ikkje gjerast til rådgjevar eller deaktiverast.</p>
        ) : (
          <>
            <button
              type="button"
              onClick={() => {
                const role: Role = a.role === 'admin' ? 'advisor' : 'admin';
                onChange({ role }, (b) => `${b.name} er no ${roleText(b.role)}.`);
              }}
            >
              {a.role === 'admin' ? 'Gjer til rådgjevar' : 'Gjer til administrator'}
              <span class="visually-hidden"> – {a.name}</span>
            </button>
            <button
              type="button"
              onClick={() =>
                onChange({ active: !a.active }, (b) =>
                  b.active ? `${b.name} kan logge inn igjen.` : `${b.name} er deaktivert og logga ut. Samtalane er sende tilbake til køen.`,
                )
              }
            >
              {a.active ? 'Deaktiver' : 'Aktiver'}
              <span class="visually-hidden"> {a.name}</span>
            </button>
          </>
        )}
        {(['password', 'displayName'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            id={`${kind}-knapp-${a.id}`}
            aria-expanded={editing === kind}
            aria-controls={`${kind === 'password' ? 'passord' : 'namn'}-${a.id}`}
            onClick={() => onEdit(editing === kind ? null : kind)}
          >
            {kind === 'password' ? 'Nytt passord' : 'Namn kundane ser'}
            <span class="visually-hidden"> for {a.name}</span>
          </button>
        ))}
      </div>
      {editing && (
        <AccountField
          key={editing}
          account={a}
          kind={editing}
          onDone={(text) => {
            const kind = editing;
            onEdit(null);
            onEdited(text);
            document.getElementById(`${kind}-knapp-${a.id}`)?.focus();
          }}
          onError={onError}
          store={store}
        />
      )}
    </li>
  );
}
