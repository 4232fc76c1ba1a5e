// Advisor accounts, for admins: the list with role and status, and per account "make admin /
// advisor", "deactivate / reactivate", "new password" and the name customers see; then the form
// for a new account. Every control is a real button or field; results are announced in one
// status line.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../../http.js';
import type { Advisor, AdvisorChange } from '../../../types.js';
import { problemText } from '../../problem.js';
import type { ConsoleStore } from '../../store.js';
import { AccountRow, type FieldKind } from './AccountRow.js';
import { NewAccount } from './NewAccount.js';

export function Admin({ store, meId }: { store: ConsoleStore; meId: string }): JSX.Element {
  const [accounts, setAccounts] = useState<Advisor[] | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<{ id: string; kind: FieldKind } | null>(null);
  const say = (ok: boolean, text: string) => setResult({ ok, text });

  useEffect(() => {
    store.listAdvisors().then(setAccounts, (e: unknown) => say(false, problemText(e)));
  }, [store]);

  const replace = (a: Advisor) => setAccounts((list) => (list ?? []).map((x) => (x.id === a.id ? a : x)));
  const isLastAdmin = (a: Advisor) => a.role === 'admin' && a.active && (accounts ?? []).filter((x) => x.role === 'admin' && x.active).length === 1;
  const change = async (a: Advisor, patch: AdvisorChange, done: (b: Advisor) => string) => {
    const lastAdmin = isLastAdmin(a);
    try {
      const b = await store.updateAdvisor(a.id, patch);
      replace(b);
      say(true, done(b));
    } catch (e) {
      say(
        false,
        e instanceof ApiError && e.code === 'ERR_FORBIDDEN' && lastAdmin
          ? `${a.id === meId ? 'Du er' : `${a.name} er`} den siste aktive administratoren. Gjer ein annan brukar til administrator først.`
          : problemText(e),
      );
    }
  };

  return (
    <section id="brukarar" class="admin" aria-labelledby="brukarar-tittel">
      <h2 id="brukarar-tittel">Brukarar</h2>
      <p role="status" class={`admin-status ${result ? (result.ok ? 'ok' : 'error') : ''}`}>
        {result?.text ?? ''}
      </p>
      {accounts === null ? (
        <p class="hint">Lastar brukarane …</p>
      ) : (
        <ul class="accounts" aria-labelledby="brukarar-tittel">
          {accounts.map((a) => (
            <AccountRow
              key={a.id}
              store={store}
              account={a}
              isMe={a.id === meId}
              lastAdmin={isLastAdmin(a)}
              editing={editing?.id === a.id ? editing.kind : null}
              onEdit={(kind) => setEditing(kind ? { id: a.id, kind } : null)}
              onChange={(patch, done) => void change(a, patch, done)}
              onEdited={(text) => {
                if (text) say(true, text);
                void store.listAdvisors().then(setAccounts, () => {});
              }}
              onError={(text) => say(false, text)}
            />
          ))}
        </ul>
      )}
      <NewAccount store={store} onCreated={(a) => setAccounts((list) => [...(list ?? []), a])} say={say} />
    </section>
  );
}
