// Prometheus metrics, one registry per app (so tests can build several apps in one process).
import { readdir } from 'node:fs/promises';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Default metrics that list every open handle on the event loop at each scrape: with 10,000
 * customers connected each took 10–30 ms, a stall every scrape. The open-descriptor count is
 * kept, read off the event loop; the connections are counted by chat_websocket_connections.
 */
const PER_HANDLE = ['process_open_fds', 'nodejs_active_handles', 'nodejs_active_handles_total', 'nodejs_active_resources', 'nodejs_active_resources_total'];

export function createMetrics(queueLength: () => Promise<number>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of PER_HANDLE) registry.removeSingleMetric(name);
  if (process.platform === 'linux') {
    new Gauge({
      name: 'process_open_fds',
      help: 'Number of open file descriptors.',
      registers: [registry],
      async collect() {
        // Less the one the listing itself used.
        this.set((await readdir('/proc/self/fd').catch(() => [' '])).length - 1);
      },
    });
  }
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    messagesStored: new Counter({
      name: 'chat_messages_stored_total',
      help: 'Messages stored (resends not counted), by author',
      labelNames: ['author'] as const,
      registers: [registry],
    }),
    conversationsSwept: new Counter({
      name: 'chat_conversations_swept_total',
      help: 'Conversations closed because the customer had gone: abandoned (left the queue) or idle (bot)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'chat_websocket_connections',
      help: 'Open WebSocket connections on this instance',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    queueLength: new Gauge({
      name: 'chat_queue_length',
      help: 'Conversations waiting for an advisor',
      registers: [registry],
      async collect() {
        this.set(await queueLength());
      },
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
