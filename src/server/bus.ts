// Event buses: in-process for one instance, Redis pub/sub for several. With Redis, an instance's
// own events also come back through Redis, so every socket is served by one path.
import type { Redis as RedisClient } from 'ioredis';
import type { ChatEvent, EventBus } from '../chat/events.js';

type Handler = (event: ChatEvent) => void;

function dispatch(handlers: Set<Handler>, event: ChatEvent, onError: (e: unknown) => void): void {
  for (const h of handlers) {
    try {
      h(event);
    } catch (e) {
      onError(e);
    }
  }
}

export function localBus(onError: (e: unknown) => void = () => {}): EventBus {
  const handlers = new Set<Handler>();
  return {
    async publish(event) {
      dispatch(handlers, event, onError);
    },
    subscribe(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    async ping() {},
    async close() {
      handlers.clear();
    },
  };
}

/** Connects and subscribes before it resolves, so no event published afterwards is missed. */
export async function redisBus(url: string, channel: string, onError: (e: unknown) => void = () => {}): Promise<EventBus> {
  // Loaded here, not at the top: an instance on the embedded default never needs it, and its
  // start is the sooner (ioredis, pg and argon2 were 65 ms of a 950 ms start).
  const { Redis } = await import('ioredis');
  const pub: RedisClient = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Set<Handler>();
  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    let event: ChatEvent;
    try {
      event = JSON.parse(raw) as ChatEvent;
    } catch (e) {
      onError(e);
      return;
    }
    dispatch(handlers, event, onError);
  });
  await sub.subscribe(channel);
  return {
    async publish(event) {
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
    async ping() {
      await pub.ping();
    },
  };
}
