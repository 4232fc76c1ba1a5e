// The chat widget's UI. Everything it shows comes from ChatClient's view; this file only renders
// and turns clicks into calls. Nynorsk throughout; every control is a real button or field.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { plainText, renderMarkdown } from '../../markdown.js';
import { minutesText, openingText } from '../format.js';
import type { PublicMessage } from '../types.js';
import type { ChatClient, ChatView } from './chat.js';

export interface WidgetProps {
  client: ChatClient;
  greeting: string;
  /** h2 in a floating panel, h3 inside a page section that has its own h2. */
  headingLevel: 2 | 3;
  /** Floating mode: the panel's close button. */
  onClose?: () => void;
}

function useView(client: ChatClient): ChatView {
  const [view, setView] = useState(client.view);
  useEffect(() => client.subscribe(setView), [client]);
  return view;
}

function authorLabel(m: PublicMessage, advisorName: string | null): string {
  switch (m.author) {
    case 'customer':
      return 'Du';
    case 'bot':
      return 'Chatboten';
    case 'advisor':
      return advisorName ?? 'Rådgjevar';
    case 'system':
      return 'Kundesenteret';
  }
}

function statusLine(v: ChatView): string {
  if (v.closedHours && !v.callbackSent) return 'Kundesenteret er stengt – legg igjen ei melding';
  switch (v.state) {
    case 'queued':
      // The one place the queue position shows, kept up to date.
      return v.queue
        ? `Du ventar på ein rådgjevar. Du er nummer ${v.queue.position} i køen, ventetid om lag ${minutesText(v.queue.estimatedWaitSeconds)}.`
        : 'Du ventar på ein rådgjevar';
    case 'advisor':
      return `Du snakkar med ${v.advisorName ?? 'ein rådgjevar'}`;
    case 'closed':
      return 'Samtalen er avslutta';
    default:
      return 'Chatboten svarar med ein gong';
  }
}

export function Widget({ client, greeting, headingLevel, onClose }: WidgetProps): JSX.Element {
  const v = useView(client);
  const [text, setText] = useState('');
  const [announcement, setAnnouncement] = useState('');
  // "Avslutt samtalen" asks first: ending drops the queue place and cannot be undone.
  const [confirmEnd, setConfirmEnd] = useState(false);
  const keepGoing = useRef<HTMLButtonElement>(null);
  const startNew = useRef<HTMLButtonElement>(null);
  const announced = useRef<number | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const Heading = `h${headingLevel}` as 'h2' | 'h3';

  // Announce each new message from the bot, the advisor or the service once; never the history
  // a reload brings back, nor the customer's own words.
  useEffect(() => {
    const last = v.messages.at(-1)?.seq ?? 0;
    if (announced.current === null) {
      if (!v.loading) announced.current = last;
      return;
    }
    const fresh = v.messages.filter((m) => m.seq > announced.current! && m.author !== 'customer');
    announced.current = Math.max(announced.current, last);
    if (fresh.length) {
      setAnnouncement(fresh.map((m) => `${authorLabel(m, v.advisorName)}: ${plainText(m.text).slice(0, 400)}`).join(' '));
    }
  }, [v.messages, v.loading]);

  useEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [v.messages.length, v.pending.length, v.advisorTyping]);

  const submit = (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    setText('');
    void client.send(t);
  };
  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
  };
  // Back to the message field after a button went away, unless the leave-a-message form has focus.
  const refocus = () => {
    if (!client.view.closedHours) input.current?.focus();
  };

  useEffect(() => {
    if (confirmEnd) keepGoing.current?.focus();
  }, [confirmEnd]);
  const end = async () => {
    setConfirmEnd(false);
    await client.end();
    startNew.current?.focus();
  };

  const lastMessage = v.messages.at(-1);
  const inBot = v.state === 'bot' || v.state === 'new';
  const canHandoff = inBot && !v.closedHours && !v.callbackSent;

  return (
    <section class="chat" aria-labelledby="kc-tittel">
      <header class="head">
        <div>
          <Heading id="kc-tittel">Chat med kundeservice</Heading>
          <p class={`who${v.state === 'queued' ? ' queue' : ''}`} role="status">
            <span class={`dot ${v.state === 'advisor' ? 'on' : ''}`} aria-hidden="true" />
            {statusLine(v)}
          </p>
          {v.login?.loggedIn && (
            <p class="identity">
              <span class="badge">BankID</span> Innlogga som {v.login.name}{' '}
              <button type="button" class="link" onClick={() => void client.logOut().then(refocus)}>
                Logg ut
              </button>
            </p>
          )}
        </div>
        {onClose && (
          <button type="button" class="icon" onClick={onClose} aria-label="Lukk chatten">
            ×
          </button>
        )}
      </header>

      <div class="body" ref={body} role="region" aria-label="Samtalen" tabIndex={0}>
      <ol class="log">
        <li class="msg bot">
          <span class="by">Chatboten</span>
          <div class="bubble">
            <p>{greeting}</p>
          </div>
        </li>
        {v.messages.map((m) => (
          <Message
            key={m.seq}
            m={m}
            v={v}
            latest={m === lastMessage}
            inBot={inBot}
            onFeedback={(helped) => void client.feedback(m.seq, helped).then(refocus)}
            onOption={(label) => {
              void client.send(label);
              refocus();
            }}
            onAction={(id, label) => void client.startAction(id, label)}
          />
        ))}
        {v.pending.map((p) => (
          <li class="msg customer pending" key={p.clientMessageId}>
            <span class="by">Du</span>
            <div class="bubble">
              <p>{p.text}</p>
            </div>
            {p.failed ? (
              <p class="meta">
                Meldinga vart ikkje send.{' '}
                <button type="button" class="link" onClick={() => void client.retry(p.clientMessageId)}>
                  Prøv igjen
                </button>
              </p>
            ) : (
              <p class="meta">Sender …</p>
            )}
          </li>
        ))}
        {v.advisorTyping && (
          <li class="msg advisor typing">
            <span class="by">{v.advisorName ?? 'Rådgjevaren'}</span>
            <div class="bubble">
              <p>
                <span class="visually-hidden">{v.advisorName ?? 'Rådgjevaren'} </span>skriv <span class="dots" aria-hidden="true">…</span>
              </p>
            </div>
          </li>
        )}
      </ol>

      </div>

      {v.error && (
        <p class="error" role="alert">
          {v.error}
        </p>
      )}

      {v.action && v.state !== 'closed' && <ActionPanel client={client} flow={v.action} busy={v.busy} headingLevel={headingLevel + 1} onDone={refocus} />}

      {v.closedHours && !v.callbackSent ? (
        // Closed: the message form takes the composer's place, so there is one text box and it is in view.
        <LeaveMessage client={client} closed={v.closedHours} busy={v.busy} headingLevel={headingLevel + 1} />
      ) : v.state === 'closed' ? (
        // The transcript stays; a new conversation starts only when the customer asks for one.
        <div class="ended">
          {v.csat === 'ask' && <Satisfaction client={client} busy={v.busy} headingLevel={headingLevel + 1} />}
          {v.csat === 'sent' && <p role="status">Takk for svaret!</p>}
          <p>Samtalen er avslutta. Det som vart skrive, står framleis ovanfor.</p>
          <button
            type="button"
            class="secondary"
            ref={startNew}
            onClick={() => {
              client.restart();
              refocus();
            }}
          >
            Start ein ny samtale
          </button>
        </div>
      ) : (
        <form class="composer" onSubmit={submit}>
          <label for="kc-melding" class="visually-hidden">
            Skriv meldinga di
          </label>
          <textarea
            id="kc-melding"
            ref={input}
            rows={2}
            maxLength={4000}
            placeholder="Skriv spørsmålet eller feilmeldinga di"
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              client.typing();
            }}
            onKeyDown={keyDown}
          />
          <button type="submit" class="send">
            Send
          </button>
        </form>
      )}

      <div class="actions">
        {v.login?.available && !v.login.loggedIn && v.state !== 'closed' && !v.action && !confirmEnd && (
          <button type="button" class="secondary bankid" disabled={v.busy} onClick={() => void client.logIn()}>
            Logg inn med BankID
          </button>
        )}
        {canHandoff && !confirmEnd && (
          <button type="button" class="secondary" disabled={v.busy} onClick={() => void client.handoff().then(refocus)}>
            Snakk med ein rådgjevar
          </button>
        )}
        {(v.state === 'queued' || v.state === 'bot') && v.messages.length > 0 && !v.closedHours && !confirmEnd && (
          <button type="button" class="link" onClick={() => setConfirmEnd(true)}>
            Avslutt samtalen
          </button>
        )}
        {confirmEnd && (
          <div class="confirm" role="group" aria-labelledby="kc-avslutt-sporsmal">
            <p id="kc-avslutt-sporsmal">
              Vil du avslutte samtalen?{v.state === 'queued' ? ' Du mistar plassen din i køen.' : ''}
            </p>
            <button type="button" class="secondary" onClick={() => void end()}>
              Ja, avslutt
            </button>
            <button
              type="button"
              class="secondary"
              ref={keepGoing}
              onClick={() => {
                setConfirmEnd(false);
                refocus();
              }}
            >
              Nei, hald fram
            </button>
          </div>
        )}
      </div>

      <div class="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </section>
  );
}

/** A message's text as the customer sees it: the customer's own as typed, everyone else's as Markdown. */
export function Bubble({ author, text }: { author: PublicMessage['author']; text: string }): JSX.Element {
  return <div class="bubble">{author === 'customer' ? <p>{text}</p> : <div dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />}</div>;
}

interface MessageProps {
  m: PublicMessage;
  v: ChatView;
  latest: boolean;
  inBot: boolean;
  onFeedback: (helped: boolean) => void;
  onOption: (label: string) => void;
  onAction: (id: string, label: string) => void;
}

function Message({ m, v, latest, inBot, onFeedback, onOption, onAction }: MessageProps): JSX.Element {
  if (m.author === 'system') {
    return (
      <li class={`msg system ${m.kind}`}>
        <span class="visually-hidden">Kundesenteret: </span>
        <p>{m.text}</p>
      </li>
    );
  }
  const verdict = v.feedback[m.seq];
  const label = authorLabel(m, v.advisorName);
  return (
    <li class={`msg ${m.author}${m.urgent ? ' urgent' : ''}`}>
      <span class="by">{label}</span>
      <Bubble author={m.author} text={m.text} />
      {m.author === 'bot' && m.kind === 'clarify' && latest && inBot && m.options.length > 0 && (
        <div class="options" role="group" aria-label="Vel det som passar best">
          {m.options.map((o) => (
            <button type="button" class="option" key={o.topicId} onClick={() => onOption(o.label)}>
              {o.label}
            </button>
          ))}
        </div>
      )}
      {m.author === 'bot' && m.actions.length > 0 && v.state !== 'closed' && (
        <div class="options offers" role="group" aria-label="Dette kan du gjere her i chatten">
          {m.actions.map((a) => (
            <button type="button" class="option offer" key={a.id} disabled={v.action !== null} onClick={() => onAction(a.id, a.label)}>
              {a.label}
            </button>
          ))}
        </div>
      )}
      {m.author === 'bot' && m.kind === 'answer' && (verdict !== undefined || inBot) && (
        <div class="feedback" role="group" aria-label="Hjelpte dette svaret?">
          {verdict === undefined ? (
            <>
              <span aria-hidden="true">Hjelpte dette?</span>
              <button type="button" onClick={() => onFeedback(true)}>
                Ja<span class="visually-hidden">, svaret hjelpte</span>
              </button>
              <button type="button" onClick={() => onFeedback(false)}>
                Nei<span class="visually-hidden">, eg vil snakke med ein rådgjevar</span>
              </button>
            </>
          ) : (
            <span class="thanks">{verdict ? 'Takk for tilbakemeldinga!' : 'Takk. Vi set deg over til ein rådgjevar.'}</span>
          )}
        </div>
      )}
    </li>
  );
}

const scores = [
  [1, 'Svært misnøgd'],
  [2, 'Misnøgd'],
  [3, 'Verken nøgd eller misnøgd'],
  [4, 'Nøgd'],
  [5, 'Svært nøgd'],
] as const;

/** "Kor nøgd var du?" 1–5 as real radio buttons in a fieldset, and an optional comment. */
function Satisfaction({ client, busy, headingLevel }: { client: ChatClient; busy: boolean; headingLevel: number }): JSX.Element {
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    if (score === null) return setMissing(true);
    void client.rate(score, comment);
  };
  return (
    <form class="panel csat" onSubmit={submit} aria-labelledby="kc-nogd" noValidate>
      <Heading id="kc-nogd">Kor nøgd var du med hjelpa?</Heading>
      <fieldset aria-describedby={missing ? 'kc-nogd-feil' : undefined}>
        <legend class="visually-hidden">Kor nøgd var du med hjelpa?</legend>
        {scores.map(([value, label]) => (
          <label key={value} class="score">
            <input type="radio" name="kc-score" value={value} checked={score === value} onChange={() => (setScore(value), setMissing(false))} />
            <span>
              {value} – {label}
            </span>
          </label>
        ))}
      </fieldset>
      {missing && (
        <p id="kc-nogd-feil" class="field-error">
          Vel kor nøgd du var, frå 1 til 5.
        </p>
      )}
      <label for="kc-kommentar">Kommentar (valfritt)</label>
      <textarea id="kc-kommentar" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <button type="submit" disabled={busy}>
        Send svaret
      </button>
    </form>
  );
}

interface ActionPanelProps {
  client: ChatClient;
  flow: NonNullable<ChatView['action']>;
  busy: boolean;
  headingLevel: number;
  onDone: () => void;
}

/** An action under way: log in first, then confirm what the bank has on file, then the receipt (a message). */
function ActionPanel({ client, flow, busy, headingLevel, onDone }: ActionPanelProps): JSX.Element {
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  const heading = useRef<HTMLHeadingElement>(null);
  // Each step takes focus, so a screen reader hears it and the keyboard is where it is needed.
  useEffect(() => heading.current?.focus(), [flow.stage]);
  const cancel = () => {
    client.cancelAction();
    onDone();
  };
  return (
    <div class="panel action" role="group" aria-labelledby="kc-handling">
      <Heading id="kc-handling" tabIndex={-1} ref={heading}>
        {flow.label}
      </Heading>
      {flow.stage === 'loading' && <p>Hentar opplysningane dine …</p>}
      {flow.stage === 'login' && (
        <>
          <p>{flow.text}</p>
          <div class="buttons">
            <button type="button" class="bankid" disabled={busy} onClick={() => void client.logIn()}>
              Logg inn med BankID
            </button>
            <button type="button" class="secondary" onClick={cancel}>
              Avbryt
            </button>
          </div>
        </>
      )}
      {flow.stage === 'confirm' && (
        <>
          <p>{flow.prepared.again ?? flow.prepared.action.confirm}</p>
          {flow.prepared.fields.map((f) => (
            <div class="field" key={f.id}>
              <p class="label" id={`kc-felt-${f.id}`}>
                {f.label}
              </p>
              <address aria-labelledby={`kc-felt-${f.id}`}>
                {f.value.name}
                <br />
                {f.value.street}
                <br />
                {f.value.postcode} {f.value.city}
              </address>
            </div>
          ))}
          <div class="buttons">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void client.confirmAction().then((done) => {
                  if (done) onDone();
                })
              }
            >
              {flow.prepared.action.confirmButton}
            </button>
            <button type="button" class="secondary" onClick={cancel}>
              Avbryt
            </button>
          </div>
        </>
      )}
    </div>
  );
}

interface LeaveMessageProps {
  client: ChatClient;
  closed: NonNullable<ChatView['closedHours']>;
  busy: boolean;
  headingLevel: number;
}

function LeaveMessage({ client, closed, busy, headingLevel }: LeaveMessageProps): JSX.Element {
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ contact?: string; message?: string }>({});
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.closest('form')?.scrollIntoView({ block: 'start' });
    first.current?.focus({ preventScroll: true });
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: typeof errors = {};
    const p = phone.trim();
    const m = email.trim();
    if (!p && !m) found.contact = 'Skriv inn telefonnummer eller e-postadresse, så vi kan kontakte deg.';
    else if (p && !/^\+?[0-9 ]{8,16}$/.test(p)) found.contact = 'Telefonnummeret må ha 8 siffer, til dømes 912 34 567.';
    else if (m && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(m)) found.contact = 'E-postadressa ser ikkje rett ut. Ei e-postadresse ser slik ut: ola@eksempel.no.';
    if (!message.trim()) found.message = 'Skriv kva du treng hjelp med.';
    setErrors(found);
    if (found.contact || found.message) return;
    await client.leaveMessage({ ...(name.trim() ? { name: name.trim() } : {}), ...(p ? { phone: p } : {}), ...(m ? { email: m } : {}), message: message.trim() });
  };

  return (
    <form class="panel leave" onSubmit={submit} aria-labelledby="kc-legg-igjen" noValidate>
      <Heading id="kc-legg-igjen">Legg igjen ei melding</Heading>
      <p>
        Kundesenteret er stengt no{closed.opensAt ? ` og opnar ${openingText(closed.opensAt, closed.now)}` : ''}. Legg igjen ei melding, så kontaktar vi deg. Hastar det, ring{' '}
        <a href={`tel:${closed.phone.replace(/\s/g, '')}`}>{closed.phone}</a>.
      </p>
      <label for="kc-namn">Namn (valfritt)</label>
      <input id="kc-namn" ref={first} autocomplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <p id="kc-kontakt-hjelp" class="hint">
        Gi oss telefonnummer eller e-post.
      </p>
      <label for="kc-telefon">Telefon</label>
      <input
        id="kc-telefon"
        type="tel"
        autocomplete="tel"
        inputMode="tel"
        value={phone}
        aria-invalid={errors.contact ? 'true' : undefined}
        aria-describedby={errors.contact ? 'kc-kontakt-feil kc-kontakt-hjelp' : 'kc-kontakt-hjelp'}
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      <label for="kc-epost">E-post</label>
      <input
        id="kc-epost"
        type="email"
        autocomplete="email"
        value={email}
        aria-invalid={errors.contact ? 'true' : undefined}
        aria-describedby={errors.contact ? 'kc-kontakt-feil kc-kontakt-hjelp' : 'kc-kontakt-hjelp'}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      {errors.contact && (
        <p id="kc-kontakt-feil" class="field-error">
          {errors.contact}
        </p>
      )}
      <label for="kc-beskjed">Melding</label>
      <textarea
        id="kc-beskjed"
        rows={3}
        maxLength={4000}
        value={message}
        aria-invalid={errors.message ? 'true' : undefined}
        aria-describedby={errors.message ? 'kc-beskjed-feil' : undefined}
        onInput={(e) => setMessage(e.currentTarget.value)}
      />
      {errors.message && (
        <p id="kc-beskjed-feil" class="field-error">
          {errors.message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Send meldinga
      </button>
    </form>
  );
}
