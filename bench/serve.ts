// The chat server for bench/chat.bench.ts: the real service with rate limits raised so the
// benchmark measures the service, not the limiter. PORT, DATA_DIR and OPENING_HOURS as usual.
import { loadConfig } from '../src/server/config.js';
import { buildServer } from '../src/server/server.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const high = 10_000_000;
const app = await buildServer(config, {
  print: () => {},
  limits: { requestsPerAddressPerMinute: high, conversationsPerAddressPerMinute: high, loginsPerAddressPerMinute: high, messagesPerConversationPerMinute: high },
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
await app.listen({ port: config.port, host: '127.0.0.1' });
