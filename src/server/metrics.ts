// Prometheus metrics, one registry per app (so tests can build several apps in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(queueLength: () => Promise<number>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
