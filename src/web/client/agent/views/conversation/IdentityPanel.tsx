// Who the customer is, as BankID confirmed it, and what has been ordered in the conversation:
// the identity number masked (the full one only with a reason, which is audited), each order with
// its delivery to the bank, and the actions an advisor can start on a logged-in customer's behalf.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { IdentityDetails, OrderView, PreparedAction } from '../../../types.js';
import { problemText } from '../../problem.js';
import type { ConsoleStore } from '../../store.js';

const clock = (iso: string) => new Date(iso).toLocaleTimeString('nn-NO', { hour: '2-digit', minute: '2-digit' });

/** An order's state as the advisor reads it. */
export function orderStatus(o: OrderView): string {
  if (o.state === 'queued') return 'Sett over til rådgjevar';
  if (o.state === 'delivered') return `Levert til banken ${o.delivery?.deliveredAt ? `kl. ${clock(o.delivery.deliveredAt)}` : ''}`.trim();
  if (o.state === 'failed') return `Levering feila etter ${o.delivery?.attempts ?? 0} forsøk – ein administrator må sende på nytt`;
  const tries = o.delivery?.attempts ?? 0;
  return tries > 0 ? `Ventar på levering (forsøk ${tries}${o.delivery?.lastError ? `: ${o.delivery.lastError}` : ''})` : 'Ventar på levering';
}

const endedText: Record<string, string> = { logout: 'logga ut', idle: 'logga ut etter inaktivitet', replaced: 'logga inn på nytt', closed: 'samtalen er avslutta' };

export function IdentityPanel({ store, id, details, mine }: { store: ConsoleStore; id: string; details: IdentityDetails; mine: boolean }): JSX.Element | null {
  const { identity, orders } = details;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preparing, setPreparing] = useState<{ actionId: string; label: string; prepared: Extract<PreparedAction, { loginNeeded: false }> } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!identity && orders.length === 0) return null;

  const reveal = async (e: Event) => {
    e.preventDefault();
    try {
      setShown(await store.revealIdentity(id, reason.trim()));
      setAsking(false);
      setReason('');
      setProblem(null);
    } catch (err) {
      setProblem(problemText(err));
    }
  };
  const prepare = async (actionId: string, label: string) => {
    setDone(null);
    try {
      const p = await store.prepareAction(id, actionId);
      if (p.loginNeeded) setProblem('Kunden må vere innlogga med BankID i chatten.');
      else {
        setPreparing({ actionId, label, prepared: p });
        setProblem(null);
      }
    } catch (err) {
      setProblem(problemText(err));
    }
  };
  const order = async () => {
    if (!preparing) return;
    try {
      await store.orderOnBehalf(id, preparing.actionId, preparing.prepared.again !== null);
      setDone(`${preparing.label}: bestilt for kunden. Kunden ser kvitteringa i chatten.`);
      setPreparing(null);
    } catch (err) {
      setProblem(problemText(err));
    }
  };

  return (
    <section class="identity-box" aria-labelledby={`id-${id}`}>
      <h3 id={`id-${id}`}>Kunden</h3>
      {identity ? (
        <>
          <p class="verified">
            <span class={`badge ${identity.active ? 'verified' : 'ended'}`}>Identitet stadfesta med BankID</span>
            {!identity.active && identity.endedReason && <span> ({endedText[identity.endedReason] ?? identity.endedReason})</span>}
          </p>
          <dl class="facts-list">
            <dt>Namn</dt>
            <dd>{identity.name}</dd>
            <dt>Fødselsnummer</dt>
            <dd>
              {shown ?? identity.maskedNationalId}{' '}
              {shown ? (
                <button type="button" class="link" onClick={() => setShown(null)}>
                  Skjul
                </button>
              ) : (
                !asking && (
                  <button type="button" class="link" onClick={() => setAsking(true)}>
                    Vis heile nummeret
                  </button>
                )
              )}
            </dd>
            <dt>Innlogga</dt>
            <dd>{clock(identity.verifiedAt)}</dd>
          </dl>
          {asking && (
            <form class="reveal" onSubmit={reveal}>
              <label for={`grunn-${id}`}>Kvifor treng du heile fødselsnummeret? (blir logga)</label>
              <input id={`grunn-${id}`} value={reason} minLength={5} maxLength={500} required onInput={(e) => setReason(e.currentTarget.value)} />
              <button type="submit" disabled={reason.trim().length < 5}>
                Vis
              </button>
              <button type="button" class="ghost-dark" onClick={() => setAsking(false)}>
                Avbryt
              </button>
            </form>
          )}
        </>
      ) : (
        <p>Kunden er ikkje innlogga med BankID.</p>
      )}
      {orders.length > 0 && (
        <>
          <h4>Bestillingar i samtalen</h4>
          <ul class="orders">
            {orders.map((o) => (
              <li key={o.id} class={`order ${o.state}`}>
                <strong>{o.label}</strong> · {clock(o.createdAt)} {o.requestedBy ? '· av rådgjevaren' : '· av kunden'}
                {o.reason && <span> · {o.reason}</span>}
                <br />
                <span class="status">{orderStatus(o)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {mine && identity?.active && details.actions.length > 0 && !preparing && (
        <div class="on-behalf" role="group" aria-label="Handlingar for kunden">
          {details.actions.map((a) => (
            <button type="button" key={a.id} onClick={() => void prepare(a.id, a.label)}>
              {a.label} for kunden
            </button>
          ))}
        </div>
      )}
      {preparing && (
        <div class="prepare" role="group" aria-labelledby={`bestill-${id}`}>
          <h4 id={`bestill-${id}`}>{preparing.label} for kunden</h4>
          {preparing.prepared.again && <p class="warn">{preparing.prepared.again}</p>}
          {preparing.prepared.fields.map((f) => (
            <p key={f.id}>
              {f.label}: {f.value.name}, {f.value.street}, {f.value.postcode} {f.value.city}
            </p>
          ))}
          <button type="button" class="primary" onClick={() => void order()}>
            {preparing.prepared.action.confirmButton}
          </button>
          <button type="button" class="ghost-dark" onClick={() => setPreparing(null)}>
            Avbryt
          </button>
        </div>
      )}
      {done && <p role="status">{done}</p>}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
