// The advisor console's state without UI: who is logged in, the queue and callback requests, the
// conversations open in tabs with their transcripts and notes, and the WebSocket that keeps them
// live (a "watch" per open conversation from its last seq, so nothing is missed or doubled).
import { ApiError, newId, request, wsUrl } from '../http.js';
import { connectLive, type Live } from '../live.js';
import type {
  Advisor,
  AdvisorChange,
  AdvisorMessage,
  AuditEntry,
  CallbackRequest,
  ConversationView,
  Delivery,
  IdentityDetails,
  NewAdvisor,
  Note,
  PreparedAction,
  QueueEntry,
  ServerFrame,
} from '../types.js';
import { worksConversations } from './roles.js';
import { problemText } from './problem.js';
import { loginProblem, readMe, requestLogin, requestLogout } from './session.js';

export interface OpenConversation {
  id: string;
  view: ConversationView | null;
  messages: AdvisorMessage[];
  notes: Note[];
  callbacks: CallbackRequest[];
  customerTyping: boolean;
  error: string | null;
  /** Who the customer is (BankID), and the actions ordered; null until read. */
  details: IdentityDetails | null;
}

export interface ConsoleState {
  me: Advisor | null;
  checking: boolean;
  loginError: string | null;
  queue: QueueEntry[];
  callbacks: CallbackRequest[];
  tabs: string[];
  active: string | null;
  open: Record<string, OpenConversation>;
  /** Conversations that entered the queue since the advisor last looked. */
  arrivals: string[];
  connected: boolean;
  error: string | null;
}

/** An answer from the knowledge base the advisor can insert (GET /agent/suggestions). */
export interface Suggestion {
  topicId: string;
  title: string;
  answer: string;
}

export interface StoreEffects {
  /** Called when a conversation enters the queue: the audible notice. */
  onArrival: () => void;
}

const QUEUE_POLL_MS = 20_000;
const TYPING_SHOWN_MS = 6000;

export class ConsoleStore {
  state: ConsoleState = {
    me: null,
    checking: true,
    loginError: null,
    queue: [],
    callbacks: [],
    tabs: [],
    active: null,
    open: {},
    arrivals: [],
    connected: false,
    error: null,
  };
  private listeners = new Set<(s: ConsoleState) => void>();
  private live: Live | null = null;
  private poll: ReturnType<typeof setInterval> | undefined;
  private seenQueued: Set<string> | null = null;
  /** The queue read in flight; reads run one at a time, so an older answer never overwrites a newer one. */
  private queueRead: Promise<void> | null = null;
  /** Something changed since the read in flight began: read again when it is done. */
  private queueStale = false;
  /** Counts this advisor's own changes to the queue shown (a claim); a read begun before one is not applied. */
  private localEdits = 0;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastTypingSent = new Map<string, number>();

  constructor(
    private readonly base: string,
    private readonly effects: StoreEffects,
  ) {}

  subscribe(fn: (s: ConsoleState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ConsoleState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  private patchOpen(id: string, patch: Partial<OpenConversation>): void {
    const current = this.state.open[id];
    if (!current) return;
    this.set({ open: { ...this.state.open, [id]: { ...current, ...patch } } });
  }

  /** A conversation to open in a tab once the console has begun (`/agent?samtale=<id>`). */
  private pendingOpen: string | null = null;

  /** `open`: a conversation to show in a tab first, as the insight page links to one. */
  async start(open: string | null = null): Promise<void> {
    this.pendingOpen = open;
    const me = await readMe(this.base);
    this.set({ me, checking: false });
    if (me) await this.begin();
  }

  async login(email: string, password: string): Promise<void> {
    this.set({ loginError: null });
    try {
      this.set({ me: await requestLogin(this.base, email, password) });
      await this.begin();
    } catch (e) {
      this.set({ loginError: loginProblem(e) });
    }
  }

  async logout(): Promise<void> {
    this.live?.close();
    clearInterval(this.poll);
    await requestLogout(this.base);
    this.seenQueued = null;
    this.set({ me: null, queue: [], callbacks: [], tabs: [], active: null, open: {}, arrivals: [] });
  }

  private async begin(): Promise<void> {
    // An analyst reads the figures only: no queue, no socket (the service refuses both).
    if (!this.state.me || !worksConversations(this.state.me.role)) return;
    await this.refreshQueue();
    this.live?.close();
    this.live = connectLive({
      url: () => wsUrl(this.base, '/api/advisor/ws'),
      onFrame: this.onFrame,
      // On every (re)connect: reload each open conversation (its state may have changed while the
      // socket was down) and watch it again from its last seq; then the queue.
      onOpen: () => {
        for (const id of this.state.tabs) void this.load(id);
        void this.refreshQueue();
      },
      // A socket that drops may have been closed because the session ended: the queue read finds out.
      onStatus: (connected) => {
        this.set({ connected });
        if (!connected && this.state.me) void this.refreshQueue();
      },
    });
    clearInterval(this.poll);
    this.poll = setInterval(() => void this.refreshQueue(), QUEUE_POLL_MS);
    // Conversations this advisor already had (after a reload) open again in tabs.
    for (const c of this.state.queue) if (c.state === 'advisor') this.openTab(c.id, false);
    if (this.pendingOpen) this.openTab(this.pendingOpen);
    this.pendingOpen = null;
  }

  /**
   * Reads the queue. Calls while a read is in flight coalesce into one more read after it, so
   * bursts of "queue.changed" cost two requests, and answers are applied in the order asked.
   */
  refreshQueue(): Promise<void> {
    this.queueStale = true;
    this.queueRead ??= this.readQueue();
    return this.queueRead;
  }

  private async readQueue(): Promise<void> {
    try {
      while (this.queueStale) {
        this.queueStale = false;
        const edits = this.localEdits;
        let r: { conversations: QueueEntry[]; callbacks: CallbackRequest[] };
        try {
          r = await request<{ conversations: QueueEntry[]; callbacks: CallbackRequest[] }>(this.base, '/api/advisor/queue');
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) {
            this.signedOut('Økta di har gått ut. Logg inn igjen.');
            return;
          }
          this.set({ error: 'Mista kontakten med tenaren. Prøver igjen …' });
          continue;
        }
        // Read before this advisor's own change (a claim shown at once): it would undo it. Read again.
        if (edits !== this.localEdits) {
          this.queueStale = true;
          continue;
        }
        const queued = r.conversations.filter((c) => c.state === 'queued').map((c) => c.id);
        const fresh = this.seenQueued ? queued.filter((id) => !this.seenQueued!.has(id)) : [];
        this.seenQueued = new Set(queued);
        const arrivals = [...this.state.arrivals.filter((id) => queued.includes(id)), ...fresh];
        this.set({ queue: r.conversations, callbacks: r.callbacks, arrivals, error: null });
        if (fresh.length) this.effects.onArrival();
      }
    } finally {
      // Cleared in the same step the loop ends, so a call from now on starts a new read.
      this.queueRead = null;
    }
  }

  /** The session is gone (expired, or ended by an admin): back to the login, saying why. */
  private signedOut(why: string): void {
    this.live?.close();
    clearInterval(this.poll);
    this.seenQueued = null;
    this.set({ me: null, loginError: why, queue: [], callbacks: [], tabs: [], active: null, open: {}, arrivals: [] });
  }

  dismissArrivals(): void {
    this.set({ arrivals: [] });
  }

  private onFrame = (f: ServerFrame): void => {
    switch (f.type) {
      case 'queue.changed':
      case 'callback':
        void this.refreshQueue();
        break;
      case 'message': {
        const c = this.state.open[f.conversationId];
        if (!c || c.messages.some((m) => m.seq === f.message.seq)) break;
        const messages = [...c.messages, f.message].sort((a, b) => a.seq - b.seq);
        this.patchOpen(f.conversationId, { messages, customerTyping: f.message.author === 'customer' ? false : c.customerTyping });
        break;
      }
      case 'note': {
        const c = this.state.open[f.conversationId];
        if (c && !c.notes.some((n) => n.id === f.note.id)) this.patchOpen(f.conversationId, { notes: [...c.notes, f.note] });
        break;
      }
      case 'state': {
        const c = this.state.open[f.conversationId];
        if (c?.view) this.patchOpen(f.conversationId, { view: { ...c.view, state: f.state, advisorId: f.advisorId !== undefined ? f.advisorId : c.view.advisorId } });
        break;
      }
      case 'details':
        if (this.state.open[f.conversationId]) void this.loadDetails(f.conversationId);
        break;
      case 'typing': {
        if (f.author !== 'customer' || !this.state.open[f.conversationId]) break;
        clearTimeout(this.typingTimers.get(f.conversationId));
        this.patchOpen(f.conversationId, { customerTyping: true });
        this.typingTimers.set(
          f.conversationId,
          setTimeout(() => this.patchOpen(f.conversationId, { customerTyping: false }), TYPING_SHOWN_MS),
        );
        break;
      }
      default:
        break;
    }
  };

  /** Opens a conversation in a tab (or shows it), loads its transcript, and watches it live. */
  openTab(id: string, activate = true, load = true): void {
    if (!this.state.open[id]) {
      this.set({
        tabs: [...this.state.tabs, id],
        open: { ...this.state.open, [id]: { id, view: null, messages: [], notes: [], callbacks: [], customerTyping: false, error: null, details: null } },
      });
      if (load) void this.load(id);
    }
    if (activate || !this.state.active) this.set({ active: id, arrivals: this.state.arrivals.filter((a) => a !== id) });
  }

  closeTab(id: string): void {
    this.live?.send({ type: 'unwatch', conversationId: id });
    const tabs = this.state.tabs.filter((t) => t !== id);
    const open = { ...this.state.open };
    delete open[id];
    const i = this.state.tabs.indexOf(id);
    this.set({ tabs, open, active: this.state.active === id ? (tabs[Math.max(0, i - 1)] ?? null) : this.state.active });
  }

  activate(id: string): void {
    this.set({ active: id });
  }

  private async load(id: string): Promise<void> {
    try {
      const r = await request<{ conversation: ConversationView; messages: AdvisorMessage[]; notes: Note[]; callbacks: CallbackRequest[] }>(
        this.base,
        `/api/advisor/conversations/${id}`,
      );
      const c = this.state.open[id];
      if (!c) return;
      const bySeq = new Map([...r.messages, ...c.messages].map((m) => [m.seq, m]));
      this.patchOpen(id, { view: r.conversation, messages: [...bySeq.values()].sort((a, b) => a.seq - b.seq), notes: r.notes, callbacks: r.callbacks, error: null });
      this.live?.send({ type: 'watch', conversationId: id, after: this.state.open[id]?.messages.at(-1)?.seq ?? 0 });
      await this.loadDetails(id);
    } catch (e) {
      this.patchOpen(id, { error: problemText(e) });
    }
  }

  async loadDetails(id: string): Promise<void> {
    try {
      const details = await request<IdentityDetails>(this.base, `/api/advisor/conversations/${id}/identity`);
      if (this.state.open[id]) this.patchOpen(id, { details });
    } catch {
      /* the transcript works without it */
    }
  }

  /** The customer's full identity number; the reason goes to the audit log. */
  async revealIdentity(id: string, reason: string): Promise<string> {
    return (await request<{ nationalId: string }>(this.base, `/api/advisor/conversations/${id}/identity/reveal`, { body: { reason } })).nationalId;
  }

  /** What an action on the customer's behalf will use (their address). */
  async prepareAction(id: string, actionId: string): Promise<PreparedAction> {
    return request<PreparedAction>(this.base, `/api/advisor/conversations/${id}/actions/${actionId}/prepare`, { method: 'POST' });
  }

  async orderOnBehalf(id: string, actionId: string, again: boolean): Promise<void> {
    await request(this.base, `/api/advisor/conversations/${id}/actions/${actionId}`, { body: again ? { again: true } : {} });
    await this.loadDetails(id);
  }

  private async act(id: string, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      this.patchOpen(id, { error: null });
      return true;
    } catch (e) {
      this.patchOpen(id, { error: problemText(e) });
      await this.load(id);
      await this.refreshQueue();
      return false;
    }
  }

  async claim(id: string): Promise<void> {
    // Out of the waiting list at once, into "Mine samtalar": the next click on the list must reach
    // the next conversation, not this one again (the server's answer and the queue read come later).
    this.localEdits++;
    this.set({
      queue: this.state.queue.map((c) => (c.id === id && c.state === 'queued' ? { ...c, state: 'advisor' as const, position: null, estimatedWaitSeconds: null } : c)),
    });
    this.openTab(id, true, false);
    const ok = await this.act(id, () => request<ConversationView>(this.base, `/api/advisor/conversations/${id}/claim`, { method: 'POST' }));
    // Loaded after the claim, so the view cannot be an older read that raced it (act reloads on failure).
    if (ok) await this.load(id);
    await this.refreshQueue();
  }

  async reply(id: string, text: string): Promise<boolean> {
    const clientMessageId = newId();
    return this.act(id, async () => {
      const r = await request<{ message: AdvisorMessage }>(this.base, `/api/advisor/conversations/${id}/messages`, { body: { text, clientMessageId } });
      this.onFrame({ type: 'message', conversationId: id, message: r.message });
      // The customer's indicator went off with this message: the next key press says so again.
      this.lastTypingSent.delete(id);
    });
  }

  async note(id: string, text: string): Promise<boolean> {
    return this.act(id, async () => {
      const note = await request<Note>(this.base, `/api/advisor/conversations/${id}/notes`, { body: { text } });
      this.onFrame({ type: 'note', conversationId: id, note });
    });
  }

  async transfer(id: string): Promise<void> {
    await this.act(id, async () => {
      const view = await request<ConversationView>(this.base, `/api/advisor/conversations/${id}/transfer`, { method: 'POST' });
      this.patchOpen(id, { view });
    });
    await this.refreshQueue();
  }

  async close(id: string, outcome: string): Promise<void> {
    await this.act(id, async () => {
      const view = await request<ConversationView>(this.base, `/api/advisor/conversations/${id}/close`, { body: { outcome } });
      this.patchOpen(id, { view });
    });
    await this.refreshQueue();
  }

  async callbackDone(callbackId: string): Promise<void> {
    try {
      await request(this.base, `/api/advisor/callbacks/${callbackId}/done`, { method: 'POST' });
    } catch (e) {
      this.set({ error: problemText(e) });
    }
    await this.refreshQueue();
  }

  typing(id: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(id) ?? 0) < 3000) return;
    if (this.state.open[id]?.view?.state !== 'advisor') return;
    if (this.live?.send({ type: 'typing', conversationId: id })) this.lastTypingSent.set(id, now);
  }

  async suggestions(text: string, topic: string | null): Promise<Suggestion[]> {
    if (!text.trim() && !topic) return [];
    const r = await request<{ suggestions: Suggestion[] }>(
      this.base,
      `/agent/suggestions?text=${encodeURIComponent(text.slice(0, 1500))}${topic ? `&topic=${encodeURIComponent(topic)}` : ''}`,
    );
    return r.suggestions;
  }

  // Advisor accounts (admins only; the server refuses anyone else).

  async listAdvisors(): Promise<Advisor[]> {
    return (await request<{ advisors: Advisor[] }>(this.base, '/api/admin/advisors')).advisors;
  }

  async createAdvisor(input: NewAdvisor): Promise<Advisor> {
    return request<Advisor>(this.base, '/api/admin/advisors', { body: input });
  }

  async updateAdvisor(id: string, change: AdvisorChange): Promise<Advisor> {
    const a = await request<Advisor>(this.base, `/api/admin/advisors/${id}`, { method: 'PATCH', body: change });
    const me = this.state.me;
    if (me && a.id === me.id) {
      if (!a.active) this.signedOut('Kontoen din er deaktivert.');
      else this.set({ me: { ...me, name: a.name, role: a.role } });
    }
    return a;
  }

  async auditLog(filter: { action?: string; conversationId?: string; before?: string }): Promise<{ entries: AuditEntry[]; next: string | null }> {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
    return request(this.base, `/api/admin/audit?${q}`);
  }

  async deliveries(state?: 'pending' | 'delivered' | 'dead'): Promise<Delivery[]> {
    return (await request<{ deliveries: Delivery[] }>(this.base, `/api/admin/deliveries${state ? `?state=${state}` : ''}`)).deliveries;
  }

  async retryDelivery(id: string): Promise<Delivery> {
    return request<Delivery>(this.base, `/api/admin/deliveries/${id}/retry`, { method: 'POST' });
  }

  async setAdvisorPassword(id: string, password: string): Promise<void> {
    await request<void>(this.base, `/api/admin/advisors/${id}/password`, { body: { password } });
  }
}
