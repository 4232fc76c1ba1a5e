// The WebSocket hub of one instance: the sockets connected here, fed from the event bus.
//
// Each socket tracks the last seq it has seen per conversation. On connect (and on "watch") it is
// first sent every message after the seq the client gives; live events then follow. An event
// whose seq leaves a gap (events from several writers may arrive out of order) is answered from
// the database instead, so a client sees every message exactly once, in order.
//
// A customer's open socket also keeps the customer "seen" (for the abandonment sweeper): at
// connect and, while the socket answers pings, once a minute.
import type { WebSocket } from 'ws';
import { PRESENCE_RESOLUTION_MS } from '../chat/abandon.js';
import { advisorNameOf, queueSnapshot, type ChatContext } from '../chat/context.js';
import { deliversTo, type ChatEvent, type Subscriber } from '../chat/events.js';
import { publicMessage, type ChatMessage } from '../chat/messages.js';
import type { Metrics } from './metrics.js';

export type ServerFrame =
  | { type: 'message'; conversationId: string; message: ReturnType<typeof publicMessage> | ChatMessage }
  | { type: 'synced'; conversationId: string; lastSeq: number }
  /** To a customer: the name only; to an advisor: the id too. */
  | { type: 'state'; conversationId: string; state: string; advisorName: string | null; advisorId?: string | null }
  | { type: 'queue'; conversationId: string; position: number; estimatedWaitSeconds: number }
  | { type: 'queue.changed' }
  | { type: 'typing'; conversationId: string; author: 'customer' | 'advisor' }
  | { type: 'note'; conversationId: string; note: unknown }
  | { type: 'callback'; callback: unknown }
  /** To an advisor: the conversation's identity or actions changed; read them again. */
  | { type: 'details'; conversationId: string; what: 'identity' | 'actions' }
  | { type: 'error'; error: { code: string; message: string } };

/** Close code for an advisor's socket whose sessions were ended (4000–4999 are the application's). */
export const SIGNED_OUT = 4401;

/** How often sockets are pinged; one that has not answered the previous ping is dropped. */
const HEARTBEAT_MS = 30_000;

interface Connection {
  alive: boolean;
  socket: WebSocket;
  subscriber: Subscriber;
  watching: Set<string>;
  lastSeq: Map<string, number>;
  /** Serialises this socket's work, so catch-up and live events keep their order. */
  chain: Promise<void>;
  lastPosition?: number;
  /** When this socket last recorded its customer as seen (ms, by ctx.now). */
  seenAt: number;
}

export interface HubOptions {
  /** How often sockets are pinged (tests shorten it). */
  heartbeatMs?: number;
}

/**
 * The heartbeat pings a slice of the sockets every tick, a heartbeat's worth of slices: with
 * 10,000 customers, 33 sockets every 100 ms (well under a millisecond) rather than a thousand
 * every 3 s (20 ms, a stall every customer's message behind it waited for).
 */
const HEARTBEAT_TICK_MS = 100;

export function createHub(ctx: ChatContext, metrics: Metrics, onError: (e: unknown) => void, { heartbeatMs = HEARTBEAT_MS }: HubOptions = {}) {
  const connections = new Set<Connection>();
  // Indexes, so an event touches only the sockets that may receive it (deliversTo still decides).
  const byConversation = new Map<string, Set<Connection>>();
  const advisors = new Set<Connection>();
  const customers = new Set<Connection>();
  const slices = Array.from({ length: Math.max(1, Math.round(heartbeatMs / HEARTBEAT_TICK_MS)) }, () => new Set<Connection>());
  let attached = 0;
  let queueRefresh: Promise<void> | null = null;

  const index = (c: Connection, conversationId: string) => {
    let set = byConversation.get(conversationId);
    if (!set) byConversation.set(conversationId, (set = new Set()));
    set.add(c);
  };
  const unindex = (c: Connection, conversationId: string) => {
    const set = byConversation.get(conversationId);
    if (!set) return;
    set.delete(c);
    if (!set.size) byConversation.delete(conversationId);
  };

  /** The sockets an event may be for. */
  function candidates(event: ChatEvent): Iterable<Connection> {
    switch (event.type) {
      case 'message.created':
      case 'note.created':
      case 'conversation.state_changed':
      case 'typing':
      case 'customer.identified':
      case 'action.requested':
      case 'action.delivered':
      case 'action.failed':
        return byConversation.get(event.conversationId) ?? [];
      case 'queue.changed':
      case 'callback.created':
      case 'advisor.signed_out':
        return advisors; // customers hear of the queue through pushPositions
      case 'content.published':
        return [];
    }
  }

  const send = (c: Connection, frame: ServerFrame) => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(frame));
  };
  const enqueue = (c: Connection, work: () => Promise<void>) => {
    c.chain = c.chain.then(work).catch(onError);
    return c.chain;
  };
  const shape = (c: Connection, m: ChatMessage) => (c.subscriber.kind === 'customer' ? publicMessage(m) : m);

  /** Sends every message after the last seen seq, page by page, from the database. */
  async function catchUp(c: Connection, conversationId: string): Promise<void> {
    for (let more = true; more && c.socket.readyState === c.socket.OPEN; ) {
      const page = await ctx.repos.messages.page(conversationId, c.lastSeq.get(conversationId) ?? 0);
      for (const m of page.messages) {
        send(c, { type: 'message', conversationId, message: shape(c, m) });
        c.lastSeq.set(conversationId, m.seq);
      }
      more = page.hasMore;
    }
  }

  async function deliverMessage(c: Connection, conversationId: string, m: ChatMessage): Promise<void> {
    const last = c.lastSeq.get(conversationId) ?? 0;
    if (m.seq <= last) return;
    if (m.seq === last + 1) {
      send(c, { type: 'message', conversationId, message: shape(c, m) });
      c.lastSeq.set(conversationId, m.seq);
      return;
    }
    await catchUp(c, conversationId);
  }

  async function pushPositions(): Promise<void> {
    if (!customers.size) return;
    const snapshot = await queueSnapshot(ctx);
    for (const c of customers) {
      if (c.subscriber.kind !== 'customer') continue;
      const id = c.subscriber.conversationId;
      const position = snapshot.positions.get(id);
      if (position === undefined || position === c.lastPosition) continue;
      c.lastPosition = position;
      send(c, { type: 'queue', conversationId: id, position, estimatedWaitSeconds: snapshot.waitFor(position) });
    }
  }

  function onEvent(event: ChatEvent): void {
    if (event.type === 'queue.changed') {
      // Coalesce bursts: one queue read serves every customer on this instance.
      queueRefresh ??= Promise.resolve()
        .then(() => {
          queueRefresh = null;
          return pushPositions();
        })
        .catch(onError);
    }
    for (const c of [...candidates(event)]) {
      if (!deliversTo(event, c.subscriber)) continue;
      switch (event.type) {
        case 'message.created':
          void enqueue(c, () => deliverMessage(c, event.conversationId, event.message));
          break;
        case 'conversation.state_changed':
          void enqueue(c, async () => {
            if (event.state !== 'queued') c.lastPosition = undefined;
            const { conversationId, state, advisorName } = event;
            send(c, c.subscriber.kind === 'customer' ? { type: 'state', conversationId, state, advisorName } : { type: 'state', conversationId, state, advisorName, advisorId: event.advisorId });
          });
          break;
        case 'typing':
          send(c, { type: 'typing', conversationId: event.conversationId, author: event.author });
          break;
        case 'note.created':
          void enqueue(c, async () => send(c, { type: 'note', conversationId: event.conversationId, note: event.note }));
          break;
        case 'callback.created':
          send(c, { type: 'callback', callback: event.callback });
          break;
        case 'queue.changed':
          if (c.subscriber.kind === 'advisor') send(c, { type: 'queue.changed' });
          break;
        case 'customer.identified':
          void enqueue(c, async () => send(c, { type: 'details', conversationId: event.conversationId, what: 'identity' }));
          break;
        case 'action.requested':
        case 'action.delivered':
        case 'action.failed':
          void enqueue(c, async () => send(c, { type: 'details', conversationId: event.conversationId, what: 'actions' }));
          break;
        case 'advisor.signed_out':
          // The session this socket was opened with is gone: nothing more reaches it.
          c.socket.close(SIGNED_OUT, 'signed out');
          break;
      }
    }
  }

  const unsubscribe = ctx.bus.subscribe(onEvent);
  /**
   * A customer's socket is open (and answers pings): the customer is here; the database is told
   * once a minute, on the next heartbeat tick with every other customer seen since the last
   * (one statement rather than one transaction each: 10,000 sockets make 170 a second).
   */
  const seen = new Set<string>();
  function stillHere(c: Connection): void {
    if (c.subscriber.kind !== 'customer') return;
    const now = ctx.now();
    if (now.getTime() - c.seenAt < PRESENCE_RESOLUTION_MS) return;
    c.seenAt = now.getTime();
    seen.add(c.subscriber.conversationId);
  }
  function recordPresence(): void {
    if (seen.size === 0) return;
    const ids = [...seen];
    seen.clear();
    ctx.repos.conversations.touchCustomers(ids, ctx.now(), PRESENCE_RESOLUTION_MS).catch(onError);
  }

  // Each socket is pinged once per heartbeatMs, a slice of them per tick; one that has not
  // answered since its last ping is dropped.
  let tick = 0;
  const heartbeat = setInterval(() => {
    recordPresence();
    for (const c of slices[tick++ % slices.length]!) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }, Math.max(1, Math.floor(heartbeatMs / slices.length)));
  heartbeat.unref();

  function attach(socket: WebSocket, subscriber: Subscriber, watching: Set<string>): Connection {
    const c: Connection = { alive: true, socket, subscriber, watching, lastSeq: new Map(), chain: Promise.resolve(), seenAt: -Infinity };
    const slice = slices[attached++ % slices.length]!;
    connections.add(c);
    slice.add(c);
    (subscriber.kind === 'advisor' ? advisors : customers).add(c);
    for (const id of watching) index(c, id);
    socket.on('pong', () => {
      c.alive = true;
      stillHere(c);
    });
    metrics.wsConnections.inc({ kind: subscriber.kind });
    socket.on('close', () => {
      connections.delete(c);
      slice.delete(c);
      advisors.delete(c);
      customers.delete(c);
      for (const id of c.watching) unindex(c, id);
      metrics.wsConnections.dec({ kind: subscriber.kind });
    });
    return c;
  }

  /** Starts following a conversation from `after`: the missed messages, then live ones. */
  function follow(c: Connection, conversationId: string, after: number): Promise<void> {
    return enqueue(c, async () => {
      c.watching.add(conversationId);
      if (connections.has(c)) index(c, conversationId);
      c.lastSeq.set(conversationId, after);
      await catchUp(c, conversationId);
      send(c, { type: 'synced', conversationId, lastSeq: c.lastSeq.get(conversationId) ?? after });
    });
  }

  return {
    customer(socket: WebSocket, conversationId: string, after: number): void {
      const c = attach(socket, { kind: 'customer', conversationId }, new Set([conversationId]));
      stillHere(c);
      void follow(c, conversationId, after).then(() =>
        enqueue(c, async () => {
          const conv = await ctx.repos.conversations.get(conversationId);
          if (conv) send(c, { type: 'state', conversationId, state: conv.state, advisorName: await advisorNameOf(ctx, conv) });
          if (conv?.state === 'queued') await pushPositions();
        }),
      );
    },

    advisor(socket: WebSocket, advisorId: string): { watch(conversationId: string, after: number): Promise<void>; unwatch(id: string): void } {
      const watching = new Set<string>();
      const c = attach(socket, { kind: 'advisor', advisorId, watching }, watching);
      return {
        watch: (conversationId, after) => follow(c, conversationId, after),
        unwatch: (id) => {
          watching.delete(id);
          unindex(c, id);
          c.lastSeq.delete(id);
        },
      };
    },

    size: () => connections.size,

    close(): void {
      clearInterval(heartbeat);
      unsubscribe();
      for (const c of connections) c.socket.close(1001, 'server shutting down');
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
