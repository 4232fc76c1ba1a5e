// Starts the service: `npm start`. Listens on PORT (default 3000) and shuts down gracefully on
// SIGTERM or SIGINT: stops accepting, finishes requests in flight (every accepted message is
// stored before it is answered), closes sockets (clients reconnect with their last seq), then exits.
import { AppError } from '../chat/errors.js';
import { ContentError } from '../content/index.js';
import { ConfigError, loadConfig } from './config.js';
import { buildServer } from './server.js';

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        app.log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((e: unknown) => {
  // A mistake in the configuration, the content pack or the opening hours: say what, no stack.
  if (e instanceof ConfigError || e instanceof ContentError || e instanceof AppError) {
    console.error(`cannot start: ${e.message}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
