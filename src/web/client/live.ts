// A WebSocket that reconnects with backoff. `url()` is asked again on every connect, so a client
// can resume from its last seq ("?after=…") and the server sends exactly what it missed.
import type { ServerFrame } from './types.js';

export interface LiveOptions {
  url: () => string;
  onFrame: (frame: ServerFrame) => void;
  /** Called on every (re)connect, before frames arrive: the place to re-send "watch" frames. */
  onOpen?: (send: (frame: unknown) => void) => void;
  onStatus?: (connected: boolean) => void;
  /** The server refused the socket for good (e.g. the token no longer opens the conversation). */
  giveUpAfter?: number;
}

export interface Live {
  send(frame: unknown): boolean;
  close(): void;
}

const MAX_DELAY_MS = 15_000;

export function connectLive(o: LiveOptions): Live {
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  const send = (frame: unknown): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  function open(): void {
    if (closed) return;
    const s = new WebSocket(o.url());
    socket = s;
    s.onopen = () => {
      attempt = 0;
      o.onStatus?.(true);
      o.onOpen?.(send);
      keepAlive = setInterval(() => send({ type: 'ping' }), 25_000);
    };
    s.onmessage = (e) => {
      try {
        o.onFrame(JSON.parse(String(e.data)) as ServerFrame);
      } catch {
        /* a frame we cannot read is skipped; the next catch-up brings any message again */
      }
    };
    s.onclose = () => {
      clearInterval(keepAlive);
      if (socket === s) socket = null;
      o.onStatus?.(false);
      if (closed) return;
      attempt++;
      if (o.giveUpAfter && attempt > o.giveUpAfter) return;
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** Math.min(attempt, 5)) * (0.75 + Math.random() / 2);
      timer = setTimeout(open, delay);
    };
  }

  open();
  return {
    send,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(keepAlive);
      socket?.close();
    },
  };
}
