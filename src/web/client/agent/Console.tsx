// The advisor console's UI: login, the live queue, tabs of open conversations, and for admins the
// accounts form. State and server calls live in ConsoleStore; this file renders and wires events.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { renderMarkdown } from '../../markdown.js';
import { clockText, sinceText } from '../format.js';
import { ApiError } from '../http.js';
import type { Advisor, AdvisorChange, AdvisorMessage, QueueEntry, Role } from '../types.js';
import { IdentityPanel } from './IdentityPanel.js';
import { AuditView } from './AuditView.js';
import { problemText, type ConsoleState, type ConsoleStore, type OpenConversation } from './store.js';

export interface Boot {
  bank: { name: string; phone: string };
  topics: Record<string, { title: string; category: string; draft?: boolean }>;
}

const intentLabels: Record<string, string> = {
  topic: 'eit emne i hjelpa',
  'error-code': 'ein feilkode',
  'unknown-code': 'ein ukjend feilkode',
  ambiguous: 'uklart, så boten spurde tilbake',
  greeting: 'ei helsing',
  thanks: 'ei takk',
  human: 'kunden vil snakke med ein person',
  'not-helped': 'svaret hjelpte ikkje',
  'out-of-scope': 'eit spørsmål utanfor BankID',
  'not-covered': 'eit BankID-spørsmål som hjelpa ikkje svarar på',
  'off-topic': 'noko som ikkje gjeld banken',
  'no-match': 'ingenting – boten fann ikkje svar',
  urgent: 'hastar (svindel eller risiko)',
};

const outcomes = [
  { value: 'løyst', label: 'Løyst' },
  { value: 'ikkje-løyst', label: 'Ikkje løyst' },
  { value: 'sett-over-til-telefon', label: 'Sett over til telefon' },
  { value: 'anna', label: 'Anna' },
];

const stateLabels: Record<string, string> = { bot: 'Hos chatboten', queued: 'I kø', advisor: 'Hos rådgjevar', closed: 'Avslutta' };

function useStore(store: ConsoleStore): ConsoleState {
  const [s, set] = useState(store.state);
  useEffect(() => store.subscribe(set), [store]);
  return s;
}

function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function App({ store, boot }: { store: ConsoleStore; boot: Boot }): JSX.Element {
  const s = useStore(store);
  useEffect(() => {
    const waiting = s.queue.filter((c) => c.state === 'queued').length;
    document.title = `${waiting ? `(${waiting}) ` : ''}Rådgjevarkonsoll – ${boot.bank.name}`;
  }, [s.queue, boot.bank.name]);
  if (s.checking)
    return (
      <main class="boot">
        <h1>Rådgjevarkonsoll</h1>
        <p role="status">Lastar …</p>
      </main>
    );
  if (!s.me) return <Login store={store} error={s.loginError} bank={boot.bank.name} />;
  return <Console store={store} s={s} boot={boot} />;
}

function Login({ store, error, bank }: { store: ConsoleStore; error: string | null; bank: string }): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await store.login(email.trim(), password);
    setBusy(false);
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-tittel">
        <p class="bank">{bank}</p>
        <h1 id="login-tittel">Logg inn i rådgjevarkonsollen</h1>
        <label for="login-epost">E-post</label>
        <input id="login-epost" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="login-passord">Passord</label>
        <input
          id="login-passord"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Logg inn
        </button>
      </form>
    </main>
  );
}

function topicTitle(boot: Boot, topic: string | null): string {
  return (topic && boot.topics[topic]?.title) || 'Ukjent emne';
}

function Console({ store, s, boot }: { store: ConsoleStore; s: ConsoleState; boot: Boot }): JSX.Element {
  const [showAdmin, setShowAdmin] = useState(false);
  const queueHeading = useRef<HTMLHeadingElement>(null);
  const waiting = s.queue.filter((c) => c.state === 'queued');
  const mine = s.queue.filter((c) => c.state === 'advisor');
  return (
    <div class="app">
      <header class="top">
        <h1>Rådgjevarkonsoll</h1>
        <p class="me">
          {s.me!.name} <span class="role">({s.me!.role === 'admin' ? 'administrator' : 'rådgjevar'})</span>
        </p>
        <p class={`conn ${s.connected ? 'on' : 'off'}`}>{s.connected ? 'Direkte' : 'Koplar til …'}</p>
        {s.me!.role === 'admin' && (
          <button type="button" class="ghost" aria-expanded={showAdmin} aria-controls="brukarar" onClick={() => setShowAdmin(!showAdmin)}>
            Brukarar
          </button>
        )}
        <button type="button" class="ghost" onClick={() => void store.logout()}>
          Logg ut
        </button>
      </header>

      <div class="notice-area" role="status" aria-live="assertive">
        {s.arrivals.length > 0 && (
          <div class="notice">
            <p>
              <strong>{s.arrivals.length === 1 ? 'Ny samtale i køen' : `${s.arrivals.length} nye samtalar i køen`}</strong>
            </p>
            <button
              type="button"
              onClick={() => {
                store.dismissArrivals();
                queueHeading.current?.focus();
              }}
            >
              Vis køen
            </button>
          </div>
        )}
      </div>
      {s.error && <p class="error banner">{s.error}</p>}

      <div class="grid">
        <aside class="side">
          <section aria-labelledby="ko-tittel">
            <h2 id="ko-tittel" ref={queueHeading} tabIndex={-1}>
              Kø <span class="count">{waiting.length}</span>
            </h2>
            {waiting.length === 0 ? (
              <p class="empty">Ingen ventar no.</p>
            ) : (
              <ul class="queue">
                {waiting.map((c) => (
                  <QueueItem key={c.id} c={c} boot={boot} fresh={s.arrivals.includes(c.id)} onClaim={() => void store.claim(c.id)} />
                ))}
              </ul>
            )}
          </section>
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
                    <button type="button" onClick={() => store.openTab(c.id)}>
                      Opne<span class="visually-hidden"> samtalen om {topicTitle(boot, c.topic)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="ring-tittel">
            <h2 id="ring-tittel">
              Ring tilbake <span class="count">{s.callbacks.length}</span>
            </h2>
            {s.callbacks.length === 0 ? (
              <p class="empty">Ingen meldingar å følgje opp.</p>
            ) : (
              <ul class="queue">
                {s.callbacks.map((cb) => (
                  <li key={cb.id} class="item callback">
                    <div class="what">
                      <strong>{cb.name ?? 'Utan namn'}</strong>
                      <span>
                        {[cb.phone, cb.email].filter(Boolean).join(' · ')} · {clockText(cb.createdAt)}
                      </span>
                      <span class="msgtext">{cb.message}</span>
                    </div>
                    <div class="btns">
                      <button type="button" onClick={() => store.openTab(cb.conversationId)}>
                        Vis samtalen
                      </button>
                      <button type="button" onClick={() => void store.callbackDone(cb.id)}>
                        Ferdig<span class="visually-hidden"> med {cb.name ?? 'førespurnaden'}</span>
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>

        <main class="work" id="arbeid">
          {showAdmin && s.me!.role === 'admin' && <Admin store={store} meId={s.me!.id} />}
          {showAdmin && s.me!.role === 'admin' && <AuditView store={store} />}
          {s.tabs.length === 0 ? (
            <div class="placeholder">
              <h2>Ingen open samtale</h2>
              <p>Ta ein samtale frå køen, så kjem han opp her. Du kan ha fleire samtalar opne samstundes.</p>
            </div>
          ) : (
            <Tabs store={store} s={s} boot={boot} />
          )}
        </main>
      </div>
    </div>
  );
}

/** The error codes, unless the title already names them all ("Feilkode BID-14B1"). */
function Codes({ codes, title }: { codes: readonly string[]; title: string }): JSX.Element | null {
  return codes.some((x) => !title.includes(`BID-${x}`)) ? <span class="codes">{codes.map((x) => `BID-${x}`).join(', ')}</span> : null;
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

function Tabs({ store, s, boot }: { store: ConsoleStore; s: ConsoleState; boot: Boot }): JSX.Element {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const keyDown = (e: KeyboardEvent, i: number) => {
    const n = s.tabs.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    const id = s.tabs[to]!;
    store.activate(id);
    refs.current[id]?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label="Opne samtalar" class="tablist">
        {s.tabs.map((id, i) => {
          const c = s.open[id];
          const selected = s.active === id;
          return (
            <div class={`tab-wrap${selected ? ' selected' : ''}`} key={id}>
              <button
                type="button"
                role="tab"
                id={`fane-${id}`}
                ref={(el) => {
                  refs.current[id] = el;
                }}
                aria-selected={selected}
                aria-controls={`panel-${id}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => store.activate(id)}
                onKeyDown={(e) => keyDown(e, i)}
              >
                {c?.view?.urgent && <span class="badge urgent">Hastar</span>} {topicTitle(boot, c?.view?.topic ?? null)}
                {c?.customerTyping && <span class="visually-hidden"> (kunden skriv)</span>}
              </button>
            </div>
          );
        })}
      </div>
      {s.tabs.map((id) => {
        const c = s.open[id];
        return c ? (
          <section key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`fane-${id}`} hidden={s.active !== id} class="panel">
            <ConversationPanel store={store} c={c} boot={boot} meId={s.me!.id} />
          </section>
        ) : null;
      })}
    </div>
  );
}

function Understood({ m, boot }: { m: AdvisorMessage; boot: Boot }): JSX.Element | null {
  if (m.author !== 'bot') return null;
  const parts = [
    m.intent ? `forstod: ${intentLabels[m.intent] ?? m.intent}` : null,
    m.sources.length ? `svar frå «${m.sources.map((x) => boot.topics[x]?.title ?? x).join('», «')}»` : null,
    m.errorCodes.length ? `feilkodar ${m.errorCodes.map((x) => `BID-${x}`).join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? <p class="understood">Boten {parts.join(' · ')}</p> : null;
}

function authorName(m: AdvisorMessage, meId: string): string {
  switch (m.author) {
    case 'customer':
      return 'Kunden';
    case 'bot':
      return 'Chatboten';
    case 'advisor':
      return m.advisorId === meId ? 'Du' : 'Rådgjevar';
    case 'system':
      return 'System';
  }
}

function ConversationPanel({ store, c, boot, meId }: { store: ConsoleStore; c: OpenConversation; boot: Boot; meId: string }): JSX.Element {
  const v = c.view;
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  // No default: the advisor says how it ended, the statistics depend on it.
  const [outcome, setOutcome] = useState('');
  const [suggestions, setSuggestions] = useState<{ topicId: string; title: string; answer: string }[]>([]);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);
  const id = c.id;
  const customerText = useMemo(
    () =>
      c.messages
        .filter((m) => m.author === 'customer')
        .slice(-3)
        .map((m) => m.text)
        .join('\n'),
    [c.messages],
  );

  useEffect(() => {
    let live = true;
    const topic = v?.topic;
    // What the bot understood comes first, then the knowledge base's best matches.
    store
      .suggestions(customerText, topic && boot.topics[topic] ? topic : null)
      .then((list) => live && setSuggestions(list))
      .catch(() => setSuggestions([]));
    return () => {
      live = false;
    };
  }, [customerText, v?.topic]);

  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [c.messages.length, c.customerTyping]);

  const mineNow = v?.state === 'advisor' && v.advisorId === meId;
  // Having taken the conversation, the advisor writes next: the reply box gets focus and comes into view.
  useEffect(() => {
    if (!mineNow) return;
    replyBox.current?.focus();
    replyBox.current?.scrollIntoView({ block: 'nearest' });
  }, [mineNow]);
  const send = async (e: Event) => {
    e.preventDefault();
    const t = reply.trim();
    if (!t) return;
    if (await store.reply(id, t)) setReply('');
  };
  const saveNote = async (e: Event) => {
    e.preventDefault();
    const t = note.trim();
    if (t && (await store.note(id, t))) setNote('');
  };

  if (!v) return <p role="status">{c.error ?? 'Lastar samtalen …'}</p>;
  const title = topicTitle(boot, v.topic);
  return (
    <>
      <header class="conv-head">
        <div>
          <h2>{title}</h2>
          <p class="facts">
            <span class={`badge state-${v.state}`}>{stateLabels[v.state]}</span>
            {v.urgent && <span class="badge urgent">Hastar</span>}
            {v.errorCodes.length > 0 && <span>Feilkodar: {v.errorCodes.map((x) => `BID-${x}`).join(', ')}</span>}
            <span>Starta {clockText(v.createdAt)}</span>
          </p>
        </div>
        <div class="conv-actions">
          {v.state === 'queued' && (
            <button type="button" class="primary" onClick={() => void store.claim(id)}>
              Ta samtalen
            </button>
          )}
          {mineNow && (
            <button type="button" onClick={() => void store.transfer(id)}>
              Send tilbake til køen
            </button>
          )}
          {(mineNow || v.state === 'queued') && (
            <form
              class="close-form"
              onSubmit={(e) => {
                e.preventDefault();
                void store.close(id, outcome);
              }}
            >
              <label for={`utfall-${id}`}>Utfall</label>
              <select id={`utfall-${id}`} value={outcome} required onChange={(e) => setOutcome(e.currentTarget.value)}>
                <option value="" disabled>
                  Vel utfall …
                </option>
                {outcomes.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!outcome}>
                Avslutt samtalen
              </button>
            </form>
          )}
          <button type="button" class="ghost-dark" onClick={() => store.closeTab(id)}>
            Lukk fana
          </button>
        </div>
      </header>
      {c.error && (
        <p class="error" role="alert">
          {c.error}
        </p>
      )}
      {c.details && <IdentityPanel store={store} id={id} details={c.details} mine={mineNow} />}
      {c.callbacks.length > 0 && (
        <div class="callback-box">
          <h3>Kunden bad om å bli kontakta</h3>
          {c.callbacks.map((cb) => (
            <p key={cb.id}>
              {cb.name ?? 'Utan namn'} · {[cb.phone, cb.email].filter(Boolean).join(' · ')} — «{cb.message}»
            </p>
          ))}
        </div>
      )}
      <div class="conv-body">
        <div class="transcript">
          <h3 id={`logg-${id}`}>Samtalen</h3>
          <ol class="log" ref={log} aria-labelledby={`logg-${id}`} tabIndex={0}>
            {c.messages.map((m) => (
              <li key={m.seq} class={`msg ${m.author}${m.urgent ? ' urgent' : ''}`}>
                <p class="by">
                  {authorName(m, meId)} <span class="time">{clockText(m.createdAt)}</span>
                </p>
                {m.author === 'customer' || m.author === 'system' ? (
                  <p class="text">{m.text}</p>
                ) : (
                  <div class="text" dangerouslySetInnerHTML={{ __html: renderMarkdown(m.text) }} />
                )}
                <Understood m={m} boot={boot} />
              </li>
            ))}
            {c.customerTyping && (
              <li class="msg customer typing">
                <p class="by">Kunden skriv …</p>
              </li>
            )}
          </ol>

          {mineNow ? (
            <form class="reply" onSubmit={send}>
              {suggestions.length > 0 && (
                <div class="suggestions">
                  <h3 id={`forslag-${id}`}>Forslag frå kunnskapsbasen</h3>
                  <ul aria-labelledby={`forslag-${id}`}>
                    {suggestions.map((x) => (
                      <li key={x.topicId}>
                        <span>
                          {x.title}
                          {boot.topics[x.topicId]?.draft && <span class="draft"> (utkast – ikkje godkjent av banken)</span>}
                        </span>
                        <button
                          type="button"
                          onClick={() => {
                            setReply(x.answer);
                            replyBox.current?.focus();
                          }}
                        >
                          Set inn<span class="visually-hidden"> svaret «{x.title}»</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <label for={`svar-${id}`}>Svar til kunden</label>
              <textarea
                id={`svar-${id}`}
                ref={replyBox}
                rows={4}
                maxLength={4000}
                value={reply}
                onInput={(e) => {
                  setReply(e.currentTarget.value);
                  store.typing(id);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e);
                }}
                aria-describedby={`svar-hjelp-${id}`}
              />
              <p id={`svar-hjelp-${id}`} class="hint">
                Ctrl + Enter sender.
              </p>
              <button type="submit" class="primary">
                Send svar
              </button>
            </form>
          ) : (
            v.state !== 'closed' && <p class="hint">Ta samtalen for å svare kunden.</p>
          )}
        </div>

        <aside class="notes" aria-labelledby={`notat-${id}`}>
          <h3 id={`notat-${id}`}>Interne notat</h3>
          <p class="hint">Berre rådgjevarar ser notata. Kunden ser dei aldri.</p>
          {c.notes.length > 0 && (
            <ul class="note-list">
              {c.notes.map((n) => (
                <li key={n.id}>
                  <span class="time">{clockText(n.createdAt)}</span> {n.text}
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={saveNote}>
            <label for={`nytt-notat-${id}`}>Nytt notat</label>
            <textarea id={`nytt-notat-${id}`} rows={3} maxLength={4000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            <button type="submit">Lagre notat</button>
          </form>
        </aside>
      </div>
    </>
  );
}

const roleText = (role: Role) => (role === 'admin' ? 'administrator' : 'rådgjevar');

/**
 * Advisor accounts, for admins: the list with role and status, and per account "make admin /
 * advisor", "deactivate / reactivate" and "new password"; then the form for a new account. Every
 * control is a real button or field; results are announced in one status line.
 */
function Admin({ store, meId }: { store: ConsoleStore; meId: string }): JSX.Element {
  const [accounts, setAccounts] = useState<Advisor[] | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<{ id: string; kind: 'password' | 'displayName' } | null>(null);
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
            <li key={a.id} class={`account${a.active ? '' : ' inactive'}`}>
              <div class="who">
                <strong>
                  {a.name}
                  {a.id === meId && ' (du)'}
                </strong>
                <span>{a.email}</span>
                <span>Kundane ser: {a.displayName ?? a.name}</span>
                <span>
                  <span class={`badge ${a.active ? 'state-advisor' : 'state-closed'}`}>{a.active ? 'Aktiv' : 'Deaktivert'}</span>
                  {roleText(a.role)}
                </span>
              </div>
              <div class="btns">
                {isLastAdmin(a) ? (
                  // The service refuses both for the last active admin; offering them could only fail.
                  <p class="hint">Siste aktive administrator: kan ikkje gjerast til rådgjevar eller deaktiverast.</p>
                ) : (
                  <>
                <button
                  type="button"
                  onClick={() => {
                    const role: Role = a.role === 'admin' ? 'advisor' : 'admin';
                    void change(a, { role }, (b) => `${b.name} er no ${roleText(b.role)}.`);
                  }}
                >
                  {a.role === 'admin' ? 'Gjer til rådgjevar' : 'Gjer til administrator'}
                  <span class="visually-hidden"> – {a.name}</span>
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void change(a, { active: !a.active }, (b) =>
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
                    aria-expanded={editing?.id === a.id && editing.kind === kind}
                    aria-controls={`${kind === 'password' ? 'passord' : 'namn'}-${a.id}`}
                    onClick={() => setEditing(editing?.id === a.id && editing.kind === kind ? null : { id: a.id, kind })}
                  >
                    {kind === 'password' ? 'Nytt passord' : 'Namn kundane ser'}
                    <span class="visually-hidden"> for {a.name}</span>
                  </button>
                ))}
              </div>
              {editing?.id === a.id && (
                <AccountField
                  key={editing.kind}
                  account={a}
                  kind={editing.kind}
                  onDone={(text) => {
                    const kind = editing.kind;
                    setEditing(null);
                    if (text) say(true, text);
                    void store.listAdvisors().then(setAccounts, () => {});
                    document.getElementById(`${kind}-knapp-${a.id}`)?.focus();
                  }}
                  onError={(text) => say(false, text)}
                  store={store}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <NewAccount store={store} onCreated={(a) => setAccounts((list) => [...(list ?? []), a])} say={say} />
    </section>
  );
}

/** One field of an account, changed on its own: a new password, or the name customers see. */
function AccountField({
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

function NewAccount({ store, onCreated, say }: { store: ConsoleStore; onCreated: (a: Advisor) => void; say: (ok: boolean, text: string) => void }): JSX.Element {
  const empty = { name: '', displayName: '', email: '', role: 'advisor' as Role, password: '' };
  const [form, setForm] = useState(empty);
  const field = (k: keyof typeof form) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => setForm({ ...form, [k]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (form.password.length < 12) return say(false, 'Passordet må ha minst 12 teikn.');
    try {
      const { displayName, ...rest } = form;
      const a = await store.createAdvisor({ ...rest, email: form.email.trim(), name: form.name.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
      onCreated(a);
      say(true, `${a.name} (${a.email}) kan no logge inn.`);
      setForm(empty);
    } catch (err) {
      say(false, problemText(err));
    }
  };
  return (
    <>
      <h3 id="ny-brukar-tittel">Ny brukar</h3>
      <form onSubmit={submit} class="admin-form" aria-labelledby="ny-brukar-tittel">
        <div>
          <label for="ny-namn">Namn</label>
          <input id="ny-namn" required autocomplete="off" value={form.name} onInput={field('name')} />
        </div>
        <div>
          <label for="ny-visingsnamn">Namnet kundane ser (valfritt, til dømes «Kari»)</label>
          <input id="ny-visingsnamn" autocomplete="off" maxLength={60} value={form.displayName} onInput={field('displayName')} />
        </div>
        <div>
          <label for="ny-epost">E-post</label>
          <input id="ny-epost" type="email" required autocomplete="off" value={form.email} onInput={field('email')} />
        </div>
        <div>
          <label for="ny-rolle">Rolle</label>
          <select id="ny-rolle" value={form.role} onChange={field('role')}>
            <option value="advisor">Rådgjevar</option>
            <option value="admin">Administrator</option>
          </select>
        </div>
        <div>
          <label for="ny-passord">Passord (minst 12 teikn)</label>
          <input id="ny-passord" type="password" required minLength={12} autocomplete="new-password" value={form.password} onInput={field('password')} />
        </div>
        <button type="submit" class="primary">
          Opprett brukar
        </button>
      </form>
    </>
  );
}
