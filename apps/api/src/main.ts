/**
 * `npm start`: the API on the configured store, listening on PORT. A bad configuration stops it
 * at once with a message naming the variable; SIGTERM and SIGINT stop it gracefully (no new
 * connections, requests in flight finish, then the store is closed).
 */
import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from '#config';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, close } = await createApp(config);
  const server = await app.listen(config.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const logger = app.get(Logger);
  const secretNote = {
    env: 'AUTH_JWT_SECRET',
    file: `${config.dataDir}/jwt-secret`,
    generated: `${config.dataDir}/jwt-secret (new)`,
  }[config.auth.jwtSecretSource];
  logger.log(
    `thidua API listening on http://localhost:${port} (docs: /docs, store: ${config.eventStore.kind}, data: ${config.dataDir}, token secret: ${config.auth.jwksUrl ? 'JWKS ' + config.auth.jwksUrl : secretNote})`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining requests and closing the event store`);
    // A hung request must not keep the process alive forever.
    setTimeout(() => {
      process.stderr.write('graceful shutdown timed out after 10 s\n');
      process.exit(1);
    }, 10_000).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const e = error as Error & { code?: string };
    process.stderr.write(`thidua API failed to start: ${e.name}${e.code ? ` (${e.code})` : ''}: ${e.message}\n`);
  }
  process.exit(1);
});
