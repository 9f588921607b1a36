/**
 * `npm start`: the API on the configured store, listening on PORT. A bad configuration stops it
 * at once with a message naming the variable. The port is taken before the application is
 * loaded (`listenWhileBooting`): /health answers "starting" within a fraction of a second while
 * NestJS and the app's modules load, then the application serves the same socket. SIGTERM and
 * SIGINT stop it gracefully (no new connections, requests in flight finish, then the store is
 * closed).
 */
import { ConfigError, loadConfig, type AppConfig } from '#config';
import { listenWhileBooting } from './shell/booting-server.js';
import { boundHeapGrowth } from './shell/heap-growth.js';

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
  boundHeapGrowth(config.heapGrowthPercent);
  const booting = await listenWhileBooting(config.port);
  let app: { close: () => Promise<void>; log: (message: string) => void } | undefined = undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Before the app is up there is nothing to drain: the store opens again cleanly next time.
    if (!app) process.exit(0);
    app.log(`${signal} received: draining requests and closing the event store`);
    // A hung request must not keep the process alive forever.
    setTimeout(() => {
      process.stderr.write('graceful shutdown timed out after 10 s\n');
      process.exit(1);
    }, 10_000).unref();
    booting
      .drain()
      .then(() => app!.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  // Loaded only now: these modules are what the booting server answers for meanwhile.
  await import('reflect-metadata');
  const { Logger } = await import('nestjs-pino');
  const { createApp } = await import('./app.js');
  const created = await createApp(config);
  booting.serve(created.app.getHttpAdapter().getInstance());
  const logger = created.app.get(Logger);
  app = { close: created.close, log: (message) => logger.log(message) };
  const address = booting.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const secretNote = {
    env: 'AUTH_JWT_SECRET',
    file: `${config.dataDir}/jwt-secret`,
    generated: `${config.dataDir}/jwt-secret (new)`,
  }[config.auth.jwtSecretSource];
  logger.log(
    `thidua API listening on http://localhost:${port} (docs: /docs, store: ${config.eventStore.kind}, data: ${config.dataDir}, token secret: ${config.auth.jwksUrl ? 'JWKS ' + config.auth.jwksUrl : secretNote})`,
  );
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
