// For admins: the audit log (logins, reveals of identity numbers with the reason, actions and their
// deliveries), filtered by what happened and by conversation, and the deliveries to the bank —
// the ones given up on can be sent again.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { AuditEntry, Delivery } from '../../../types.js';
import { problemText } from '../../problem.js';
import type { ConsoleStore } from '../../store.js';

const actionLabels: Record<string, string> = {
  login: 'Innlogging med BankID',
  'login.failed': 'Innlogging avvist',
  logout: 'Utlogging',
  'identity.revealed': 'Fødselsnummer vist',
  'action.requested': 'Handling bestilt',
  'action.delivered': 'Levert til banken',
  'action.failed': 'Levering feila',
  'delivery.retried': 'Levering send på nytt',
};
const detailLabels: Record<string, string> = {
  orderId: 'bestilling',
  actionId: 'handling',
  attempts: 'forsøk',
  delivery: 'levering',
  acr: 'nivå',
  amr: 'metode',
  reason: 'grunn',
  error: 'feil',
  outboxId: 'levering',
};
const actorLabels = { customer: 'Kunden', advisor: 'Rådgjevar', system: 'Systemet' } as const;
const deliveryLabels = { pending: 'Ventar', delivered: 'Levert', dead: 'Gitt opp' } as const;
const when = (iso: string) => new Date(iso).toLocaleString('nn-NO', { dateStyle: 'short', timeStyle: 'medium' });

export function AuditView({ store }: { store: ConsoleStore }): JSX.Element {
  const [action, setAction] = useState('');
  const [conversationId, setConversationId] = useState('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  const search = async (before?: string) => {
    try {
      const r = await store.auditLog({ action, conversationId: conversationId.trim(), ...(before ? { before } : {}) });
      setEntries(before ? [...(entries ?? []), ...r.entries] : r.entries);
      setNext(r.next);
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e));
    }
  };
  const loadDeliveries = () => store.deliveries().then(setDeliveries, (e: unknown) => setProblem(problemText(e)));
  useEffect(() => {
    void search();
    void loadDeliveries();
  }, [store]);

  const retry = async (d: Delivery) => {
    try {
      await store.retryDelivery(d.id);
      setSaid('Leveringa blir send på nytt no.');
      await loadDeliveries();
    } catch (e) {
      setProblem(problemText(e));
    }
  };

  return (
    <section class="audit" aria-labelledby="revisjon">
      <h2 id="revisjon">Revisjonslogg</h2>
      <form
        class="audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label for="revisjon-kva">Hending</label>
        <select id="revisjon-kva" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
          <option value="">Alle</option>
          {Object.entries(actionLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label for="revisjon-samtale">Samtale-ID</label>
        <input id="revisjon-samtale" value={conversationId} placeholder="Alle samtalar" onInput={(e) => setConversationId(e.currentTarget.value)} />
        <button type="submit">Vis</button>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {said && <p role="status">{said}</p>}
      {entries && (
        <table class="audit-table">
          <caption class="visually-hidden">Hendingar, nyaste først</caption>
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Hending</th>
              <th scope="col">Kven</th>
              <th scope="col">Samtale</th>
              <th scope="col">Grunn og detaljar</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={5}>Ingen hendingar.</td>
              </tr>
            )}
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{when(e.at)}</td>
                <td>{actionLabels[e.action] ?? e.action}</td>
                <td>
                  {actorLabels[e.actor.kind]}
                  {e.actor.id ? ` (${e.actor.id.slice(0, 8)})` : ''}
                </td>
                <td>{e.conversationId ? <code>{e.conversationId.slice(0, 8)}</code> : '–'}</td>
                <td>
                  {e.reason && <span>«{e.reason}» </span>}
                  {Object.entries(e.detail)
                    .filter(([k]) => k !== 'identityId')
                    .map(([k, v]) => `${detailLabels[k] ?? k}: ${Array.isArray(v) ? v.join(', ') : k.endsWith('Id') ? String(v).slice(0, 8) : String(v)}`)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void search(next)}>
          Vis eldre
        </button>
      )}

      <h2 id="leveringar">Leveringar til banken</h2>
      {deliveries && deliveries.length === 0 && <p>Ingen leveringar enno.</p>}
      {deliveries && deliveries.length > 0 && (
        <table class="audit-table" aria-labelledby="leveringar">
          <thead>
            <tr>
              <th scope="col">Oppretta</th>
              <th scope="col">Status</th>
              <th scope="col">Forsøk</th>
              <th scope="col">Siste feil</th>
              <th scope="col">
                <span class="visually-hidden">Handling</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} class={d.state}>
                <td>{when(d.createdAt)}</td>
                <td>{deliveryLabels[d.state]}</td>
                <td>{d.attempts}</td>
                <td>{d.lastError ?? '–'}</td>
                <td>
                  {d.state !== 'delivered' && (
                    <button type="button" onClick={() => void retry(d)}>
                      Send på nytt<span class="visually-hidden"> (levering oppretta {when(d.createdAt)})</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
