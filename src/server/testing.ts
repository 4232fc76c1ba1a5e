// Helpers for end-to-end tests: a real server on a real port (real engine, real database), an
// HTTP client, and a WebSocket client that records every frame.
import type { FastifyInstance } from 'fastify';
import { createServer, type AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { loadConfig } from './config.js';
import { buildServer, type ServerOptions } from './server.js';

/** A port free on loopback now, for a server started in a child process. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

export const ADMIN = { email: 'admin@bank.test', password: 'correct horse battery staple' };
/** OPS_TOKEN of test servers: opens /metrics and /docs. */
export const OPS_TOKEN = 'test-ops-token-0123456789abcdef';
export const OPS = { authorization: `Bearer ${OPS_TOKEN}` };

export interface TestServer {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

export interface TestServerOptions extends ServerOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  openingHours?: string;
  /** WIDGET_ORIGINS */
  widgetOrigins?: string;
  /** TRUST_PROXY */
  trustProxy?: string;
  /** More configuration (e.g. DEV_IDENTITY_PROVIDER=true, ORDERS_WEBHOOK_URL); the test provider is off unless asked for. */
  env?: Record<string, string | undefined>;
  /** Listen here (default any free port); PUBLIC_URL is then http://127.0.0.1:<port>. */
  port?: number;
}

export async function startTestServer(o: TestServerOptions): Promise<TestServer> {
  const config = loadConfig({
    DATA_DIR: o.dataDir,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    OPENING_HOURS: o.openingHours,
    WIDGET_ORIGINS: o.widgetOrigins,
    TRUST_PROXY: o.trustProxy,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    OPS_TOKEN: OPS_TOKEN,
    CONTENT_DIR: 'content',
    LOG_LEVEL: 'silent',
    DEV_IDENTITY_PROVIDER: 'false',
    ...(o.port ? { PORT: String(o.port), PUBLIC_URL: `http://127.0.0.1:${o.port}` } : {}),
    ...o.env,
  });
  const app = await buildServer(config, { print: () => {}, logger: false, ...o });
  await app.listen({ port: o.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, close: () => app.close() };
}

export interface Response<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** JSON over HTTP; remembers a session cookie when the server sets one. */
export function client(base: string, auth: { token?: string } = {}) {
  let cookie: string | undefined;
  async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response<T>> {
    const headers: Record<string, string> = { ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    if (cookie) headers.cookie = cookie;
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    patch: <T = Record<string, unknown>>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = Record<string, unknown>>(path: string) => call<T>('DELETE', path),
    cookie: () => cookie,
  };
}

export interface Frame {
  type: string;
  conversationId?: string;
  message?: { seq: number; author: string; kind: string; text: string };
  [key: string]: unknown;
}

/** A WebSocket that records frames and lets a test wait for one. */
export async function openSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)) as Frame);
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return {
    ws,
    frames,
    send: (frame: unknown) => ws.send(JSON.stringify(frame)),
    /** Resolves with the first frame (from `from` on) that matches; fails after `ms`. */
    waitFor(match: (f: Frame) => boolean, ms = 5000, from = 0): Promise<Frame> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.slice(from).find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames.slice(from)).slice(0, 2000)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    messages: () => frames.filter((f) => f.type === 'message').map((f) => f.message!),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
export type TestSocket = Awaited<ReturnType<typeof openSocket>>;
