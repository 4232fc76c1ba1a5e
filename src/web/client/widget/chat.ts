// The widget's conversation, without any UI: it creates the conversation on the first message,
// keeps id and token in storage so a reload resumes it, sends with client message ids (a resend
// never doubles a message), follows the WebSocket from the last seq it has, and turns the
// service's answers into one view the UI renders.
import { ApiError, NetworkError, newId, request, wsUrl } from '../http.js';
import { connectLive, type Live } from '../live.js';
import type { ConversationState, HandoffResult, LoginStatus, MessagesResult, PostResult, PreparedAction, PublicMessage, ServerFrame } from '../types.js';

export interface Stored {
  id: string;
  token: string;
}

export interface Storage {
  load(): Stored | null;
  save(s: Stored): void;
  clear(): void;
}

export interface Pending {
  clientMessageId: string;
  text: string;
  failed: boolean;
}

export interface ChatView {
  /** "new": no conversation yet; it starts with the first message. */
  state: ConversationState | 'new';
  loading: boolean;
  messages: PublicMessage[];
  pending: Pending[];
  queue: { position: number; estimatedWaitSeconds: number } | null;
  closedHours: { opensAt: string | null; now: string; phone: string; callbackPath: string } | null;
  callbackSent: boolean;
  advisorName: string | null;
  advisorTyping: boolean;
  /** The customer's verdict per bot answer (seq). */
  feedback: Record<number, boolean>;
  /** A problem to show, in nynorsk; null when all is well. */
  error: string | null;
  busy: boolean;
  /** Logging in with BankID: offered or not, and as whom. Null until the service has said. */
  login: LoginStatus | null;
  /** A self-service action under way: asking to log in, the confirmation, a repeat to confirm. */
  action: ActionFlow | null;
  /** "Kor nøgd var du?" after an advisor closed: asked (the conversation is still at hand), answered. */
  csat: 'ask' | 'sent' | null;
}

export type ActionFlow =
  | { actionId: string; label: string; stage: 'loading' }
  | { actionId: string; label: string; stage: 'login'; text: string }
  | { actionId: string; label: string; stage: 'confirm'; prepared: Extract<PreparedAction, { loginNeeded: false }>; again: boolean };

/** The fragment a login comes back with (src/server/routes/identity.ts). */
const LOGIN_FRAGMENT = 'kundesenter-login';
/** The action to carry on with after the round trip to the identity provider. */
const PENDING_ACTION_KEY = 'kundesenter:handling';

/** What the widget says when a login came back refused and the conversation could not be told. */
export const loginProblems: Record<string, string> = {
  state: 'Vi kunne ikkje stadfeste innlogginga. Prøv igjen frå chatten.',
  unavailable: 'Innlogging med BankID er ikkje tilgjengeleg akkurat no. Prøv igjen om litt.',
};

const STORAGE_KEY = 'kundesenter:samtale';

export function localStore(key = STORAGE_KEY): Storage {
  let memory: Stored | null = null;
  return {
    load() {
      try {
        const raw = localStorage.getItem(key);
        const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : null;
        return parsed && typeof parsed.id === 'string' && typeof parsed.token === 'string' ? { id: parsed.id, token: parsed.token } : memory;
      } catch {
        return memory; // storage blocked (private mode): the conversation lasts as long as the page
      }
    },
    save(s) {
      memory = s;
      try {
        localStorage.setItem(key, JSON.stringify(s));
      } catch {
        /* kept in memory only */
      }
    },
    clear() {
      memory = null;
      try {
        localStorage.removeItem(key);
      } catch {
        /* nothing stored */
      }
    },
  };
}

const TYPING_SHOWN_MS = 6000;

export const problems = {
  offline: 'Vi får ikkje kontakt med kundesenteret. Sjekk at du er kopla til nettet, og prøv igjen.',
  closed: 'Denne samtalen er avslutta. Start ein ny samtale for å skrive igjen.',
  tooLong: 'Meldinga er for lang. Del henne opp i fleire meldingar.',
  rateLimited: 'Du har sendt mange meldingar på kort tid. Vent litt og prøv igjen.',
  other: 'Noko gjekk gale. Prøv igjen, eller ring oss.',
  loginRequired: 'Innlogginga di er avslutta. Logg inn med BankID på nytt for å halde fram.',
  upstream: 'Vi får ikkje henta opplysningane dine akkurat no. Prøv igjen om litt, eller snakk med ein rådgjevar.',
  unavailable: 'Dette kan vi ikkje gjere for deg i chatten. Snakk med ein rådgjevar, så hjelper vi deg.',
};

function problemText(e: unknown): string {
  if (e instanceof NetworkError) return problems.offline;
  if (e instanceof ApiError) {
    if (e.code === 'ERR_CONVERSATION_CLOSED') return problems.closed;
    if (e.code === 'ERR_MESSAGE_TOO_LONG') return problems.tooLong;
    if (e.code === 'ERR_RATE_LIMITED') return problems.rateLimited;
    if (e.code === 'ERR_LOGIN_REQUIRED') return problems.loginRequired;
    if (e.code === 'ERR_UPSTREAM') return problems.upstream;
    if (e.code === 'ERR_ACTION_UNAVAILABLE') return problems.unavailable;
  }
  return problems.other;
}

export class ChatClient {
  view: ChatView = {
    state: 'new',
    loading: false,
    messages: [],
    pending: [],
    queue: null,
    closedHours: null,
    callbackSent: false,
    advisorName: null,
    advisorTyping: false,
    feedback: {},
    error: null,
    busy: false,
    login: null,
    action: null,
    csat: null,
  };
  private conv: Stored | null = null;
  private live: Live | null = null;
  private listeners = new Set<(v: ChatView) => void>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;

  constructor(
    private readonly base: string,
    private readonly storage: Storage,
    /** The page's address and a way to leave it (the login goes to the identity provider and back). */
    private readonly page: { href(): string; go(url: string): void; takeFragment(name: string): string | null } = browserPage,
  ) {}

  subscribe(fn: (v: ChatView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ChatView>): void {
    this.view = { ...this.view, ...patch };
    for (const fn of this.listeners) fn(this.view);
  }

  get lastSeq(): number {
    return this.view.messages.at(-1)?.seq ?? 0;
  }

  /** Adds messages by seq: each once, in order, whichever path (HTTP or socket) brought it first. */
  private merge(incoming: readonly PublicMessage[]): void {
    if (!incoming.length) return;
    const bySeq = new Map(this.view.messages.map((m) => [m.seq, m]));
    for (const m of incoming) bySeq.set(m.seq, m);
    const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    const sent = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
    let advisorTyping = this.view.advisorTyping;
    let closedHours = this.view.closedHours;
    let callbackSent = this.view.callbackSent;
    let loginChanged = false;
    for (const m of incoming) {
      if (m.kind === 'identified' || m.kind === 'logged-out') loginChanged = true;
      if (m.author === 'advisor') advisorTyping = false;
      if (m.kind === 'callback') {
        callbackSent = true;
        closedHours = null;
      }
    }
    this.set({ messages, pending: this.view.pending.filter((p) => !sent.has(p.clientMessageId)), advisorTyping, closedHours, callbackSent });
    if (loginChanged) void this.refreshLogin();
  }

  /**
   * The conversation's state and who has it, as the service says (a state frame, or a read of the
   * messages). Back in the queue there is no advisor; a closed conversation keeps the name, so its
   * history still says who wrote; an unknown name (undefined) leaves the one shown.
   */
  private applyState(state: ConversationState, advisorName?: string | null): void {
    const patch: Partial<ChatView> = { state };
    if (state !== 'queued') patch.queue = null;
    if (state !== 'advisor') patch.advisorTyping = false;
    if (state === 'queued' || state === 'bot') patch.advisorName = null;
    else if (advisorName) patch.advisorName = advisorName;
    // Closed in an advisor's hands, with the conversation still here: ask once how it went.
    if (state === 'closed' && (advisorName ?? this.view.advisorName) && this.conv && this.view.csat === null) patch.csat = 'ask';
    // A login ends with its conversation.
    if (state === 'closed') Object.assign(patch, { login: null, action: null });
    this.set(patch);
  }

  private applyHandoff(h: HandoffResult): void {
    if (h.state === 'queued') this.set({ state: 'queued', queue: { position: h.position, estimatedWaitSeconds: h.estimatedWaitSeconds }, closedHours: null });
    else if (h.state === 'advisor') this.applyState('advisor');
    else this.set({ closedHours: { opensAt: h.opensAt, now: h.now, phone: h.phone, callbackPath: h.callback.path } });
  }

  private onFrame = (f: ServerFrame): void => {
    if (!this.conv || ('conversationId' in f && f.conversationId !== this.conv.id)) return;
    switch (f.type) {
      case 'message':
        this.merge([f.message]);
        break;
      case 'state':
        this.applyState(f.state, f.advisorName);
        break;
      case 'queue':
        this.set({ state: 'queued', queue: { position: f.position, estimatedWaitSeconds: f.estimatedWaitSeconds } });
        break;
      case 'typing':
        if (f.author !== 'advisor') break;
        clearTimeout(this.typingTimer);
        this.set({ advisorTyping: true });
        this.typingTimer = setTimeout(() => this.set({ advisorTyping: false }), TYPING_SHOWN_MS);
        break;
      default:
        break;
    }
  };

  private follow(): void {
    this.live?.close();
    const conv = this.conv;
    if (!conv) return;
    this.live = connectLive({
      url: () => wsUrl(this.base, `/api/conversations/${conv.id}/ws?token=${encodeURIComponent(conv.token)}&after=${this.lastSeq}`),
      onFrame: this.onFrame,
      giveUpAfter: 50,
    });
  }

  private forget(): void {
    this.live?.close();
    this.live = null;
    this.conv = null;
    this.storage.clear();
  }

  /** Resumes the stored conversation, if any: its whole history, its state, its place in the queue. */
  async start(): Promise<void> {
    const returned = this.page.takeFragment(LOGIN_FRAGMENT);
    const stored = this.storage.load();
    if (!stored) {
      if (returned && returned !== 'ok') this.set({ error: loginProblems[returned] ?? loginProblems.state! });
      return;
    }
    this.conv = stored;
    this.set({ loading: true });
    try {
      const r = await this.pages(stored, 0);
      this.applyState(r.state, r.advisorName);
      if (r.state === 'closed') {
        this.forget(); // the history stays on screen; the next message starts a new conversation
        this.set({ csat: null }); // asked when it closed, not again on a later visit
        return;
      }
      this.follow();
      await this.refreshLogin();
      if (returned) await this.afterLogin(returned);
      if (r.state === 'queued') this.applyHandoff(await request<HandoffResult>(this.base, `/api/conversations/${stored.id}/handoff`, { method: 'POST', token: stored.token }));
    } catch (e) {
      if (e instanceof ApiError && [401, 403, 404].includes(e.status)) this.forget();
      else this.set({ error: problemText(e) });
    } finally {
      this.set({ loading: false });
    }
  }

  private async ensure(): Promise<Stored> {
    if (this.conv) return this.conv;
    const created = await request<Stored>(this.base, '/api/conversations', { method: 'POST' });
    this.conv = created;
    this.storage.save(created);
    this.set({ state: 'bot', messages: [], feedback: {}, callbackSent: false, closedHours: null, advisorName: null, login: null, action: null });
    this.follow();
    void this.refreshLogin();
    return created;
  }

  async send(text: string, clientMessageId = newId()): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const pending = this.view.pending.filter((p) => p.clientMessageId !== clientMessageId);
    this.set({ pending: [...pending, { clientMessageId, text: trimmed, failed: false }], error: null });
    try {
      if (this.view.state === 'closed') this.forget();
      const conv = await this.ensure();
      const r = await request<PostResult>(this.base, `/api/conversations/${conv.id}/messages`, { token: conv.token, body: { text: trimmed, clientMessageId } });
      this.lastTypingSent = 0;
      this.merge([r.message, ...r.replies]);
      if (r.handoff) this.applyHandoff(r.handoff);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ERR_CONVERSATION_CLOSED') {
        this.forget();
        this.set({ state: 'closed' });
      }
      this.set({
        pending: this.view.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, failed: true } : p)),
        error: problemText(e),
      });
    }
  }

  retry(clientMessageId: string): Promise<void> {
    const p = this.view.pending.find((x) => x.clientMessageId === clientMessageId);
    return p ? this.send(p.text, clientMessageId) : Promise.resolve();
  }

  /** "Snakk med ein rådgjevar": a place in the queue, or, when closed, the leave-a-message form. */
  async handoff(): Promise<void> {
    this.set({ busy: true, error: null });
    try {
      if (this.view.state === 'closed') this.forget();
      const conv = await this.ensure();
      this.applyHandoff(await request<HandoffResult>(this.base, `/api/conversations/${conv.id}/handoff`, { method: 'POST', token: conv.token }));
      // The system message ("Du er nummer 1 i køen …") comes over the socket; fetch it in case the socket is down.
      await this.catchUp();
    } catch (e) {
      this.set({ error: problemText(e) });
    } finally {
      this.set({ busy: false });
    }
  }

  /** Every page of messages after `after`, merged as they come; the last page's state. */
  private async pages(conv: { id: string; token: string }, after: number): Promise<MessagesResult> {
    for (let from = after; ; ) {
      const r = await request<MessagesResult>(this.base, `/api/conversations/${conv.id}/messages?after=${from}`, { token: conv.token });
      this.merge(r.messages);
      if (!r.hasMore || r.next === null || r.next <= from) return r;
      from = r.next;
    }
  }

  async catchUp(): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    const r = await this.pages(conv, this.lastSeq);
    if (r.state !== this.view.state || r.advisorName !== this.view.advisorName) this.applyState(r.state, r.advisorName);
  }

  async feedback(seq: number, helped: boolean): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    this.set({ feedback: { ...this.view.feedback, [seq]: helped } });
    try {
      await request<void>(this.base, `/api/conversations/${conv.id}/feedback`, { token: conv.token, body: { seq, helped } });
    } catch {
      /* a lost verdict is no reason to bother the customer */
    }
    if (!helped) await this.handoff();
  }

  async leaveMessage(input: { name?: string; phone?: string; email?: string; message: string }): Promise<boolean> {
    const conv = this.conv;
    const path = this.view.closedHours?.callbackPath;
    if (!conv || !path) return false;
    this.set({ busy: true, error: null });
    try {
      await request(this.base, path, { token: conv.token, body: input });
      this.set({ callbackSent: true, closedHours: null });
      await this.catchUp();
      return true;
    } catch (e) {
      this.set({ error: e instanceof ApiError && e.code === 'ERR_VALIDATION' ? 'Sjekk telefonnummeret eller e-postadressa.' : problemText(e) });
      return false;
    } finally {
      this.set({ busy: false });
    }
  }

  /** The customer ends the conversation (leaves the queue if waiting). */
  async end(): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    try {
      await request(this.base, `/api/conversations/${conv.id}/close`, { method: 'POST', token: conv.token });
      await this.catchUp();
    } catch (e) {
      this.set({ error: problemText(e) });
    }
    this.forget();
    this.set({ state: 'closed', queue: null, closedHours: null });
  }

  /** Clears the screen for a new conversation; it is created with the next message. */
  restart(): void {
    this.forget();
    this.set({ state: 'new', messages: [], pending: [], feedback: {}, queue: null, closedHours: null, callbackSent: false, advisorName: null, error: null, login: null, action: null, csat: null });
  }

  /** "Kor nøgd var du?": once; a lost answer is not worth bothering the customer about. */
  async rate(score: number, comment: string): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    this.set({ busy: true });
    try {
      await request(this.base, `/api/conversations/${conv.id}/csat`, { token: conv.token, body: comment.trim() ? { score, comment: comment.trim() } : { score } });
    } catch {
      /* already answered, or the network: either way, thank and move on */
    }
    this.set({ csat: 'sent', busy: false });
  }

  /** Whether logging in is offered, and whether this conversation is logged in. */
  async refreshLogin(): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    try {
      this.set({ login: await request<LoginStatus>(this.base, `/api/conversations/${conv.id}/identity`, { token: conv.token }) });
    } catch {
      /* the chat works without it */
    }
  }

  /** "Logg inn med BankID": to the identity provider; back on this page, in this conversation. */
  async logIn(): Promise<void> {
    this.set({ busy: true, error: null });
    try {
      const conv = await this.ensure();
      const r = await request<{ authorizationUrl: string }>(this.base, `/api/conversations/${conv.id}/identity/login`, { token: conv.token, body: { returnTo: this.page.href() } });
      this.page.go(r.authorizationUrl);
    } catch (e) {
      this.set({ error: e instanceof ApiError && e.code === 'ERR_UPSTREAM' ? loginProblems.unavailable! : problemText(e), busy: false });
    }
  }

  async logOut(): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    try {
      this.set({ login: await request<LoginStatus>(this.base, `/api/conversations/${conv.id}/identity/logout`, { method: 'POST', token: conv.token }), action: null });
      await this.catchUp();
    } catch (e) {
      this.set({ error: problemText(e) });
    }
  }

  /**
   * Back from the identity provider: the transcript says how it went. An action waiting goes on —
   * to its confirmation when logged in, or back to "log in first" to try again.
   */
  private async afterLogin(result: string): Promise<void> {
    const before = this.lastSeq;
    await this.catchUp();
    const pending = sessionGet(PENDING_ACTION_KEY);
    sessionSet(PENDING_ACTION_KEY, null);
    const [actionId, label] = pending?.split('|') ?? [];
    if (actionId && label) await this.startAction(actionId, label);
    // A refusal the service could tie to this conversation is in the transcript; one it could not (a tampered state) is said here.
    const told = this.view.messages.some((m) => m.seq > before && m.kind === 'login-failed');
    if (result !== 'ok' && !told) this.set({ error: loginProblems[result] ?? loginProblems.state! });
  }

  /** The customer chose an action under an answer: log in first if needed, then confirm. */
  async startAction(actionId: string, label: string): Promise<void> {
    const conv = this.conv;
    if (!conv) return;
    this.set({ action: { actionId, label, stage: 'loading' }, error: null });
    try {
      const p = await request<PreparedAction>(this.base, `/api/conversations/${conv.id}/actions/${actionId}/prepare`, { method: 'POST', token: conv.token });
      if (p.loginNeeded) {
        sessionSet(PENDING_ACTION_KEY, `${actionId}|${label}`);
        this.set({ action: { actionId, label, stage: 'login', text: p.text } });
      } else this.set({ action: { actionId, label, stage: 'confirm', prepared: p, again: p.again !== null } });
    } catch (e) {
      this.set({ action: null, error: problemText(e) });
    }
  }

  cancelAction(): void {
    sessionSet(PENDING_ACTION_KEY, null);
    this.set({ action: null });
  }

  /** The customer confirmed: the order is placed; the receipt arrives as a message. */
  async confirmAction(): Promise<boolean> {
    const conv = this.conv;
    const a = this.view.action;
    if (!conv || !a || a.stage !== 'confirm') return false;
    this.set({ busy: true, error: null });
    try {
      const r = await request<{ receipt: PublicMessage; handoff?: HandoffResult }>(this.base, `/api/conversations/${conv.id}/actions/${a.actionId}`, { token: conv.token, body: a.again ? { again: true } : {} });
      this.merge([r.receipt]);
      if (r.handoff) this.applyHandoff(r.handoff);
      this.set({ action: null });
      await this.catchUp();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ERR_CONFIRM_AGAIN') {
        await this.startAction(a.actionId, a.label);
        return false;
      }
      if (e instanceof ApiError && e.code === 'ERR_LOGIN_REQUIRED') await this.refreshLogin();
      this.set({ error: problemText(e) });
      return false;
    } finally {
      this.set({ busy: false });
    }
  }

  /** Tells the advisor the customer is writing, at most every few seconds. */
  typing(): void {
    if (this.view.state !== 'advisor') return;
    const now = Date.now();
    if (now - this.lastTypingSent < 3000) return;
    if (this.live?.send({ type: 'typing' })) this.lastTypingSent = now;
  }

  dispose(): void {
    this.live?.close();
    clearTimeout(this.typingTimer);
  }
}

/** The real page: its address without a fragment, leaving it, and reading a fragment once. */
const browserPage = {
  href: () => location.href.split('#')[0]!,
  go: (url: string) => location.assign(url),
  takeFragment(name: string): string | null {
    const m = new RegExp(`(?:^#|&)${name}=([a-z]+)`).exec(location.hash);
    if (!m) return null;
    history.replaceState(history.state, '', location.pathname + location.search);
    return m[1]!;
  },
};

function sessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function sessionSet(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    /* without storage the customer picks the action again after logging in */
  }
}
