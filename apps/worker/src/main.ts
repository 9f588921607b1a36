/**
 * `npm run start:worker`: a notification worker alone (no HTTP), on the same log as the API.
 *
 * Environment: DATA_DIR (default ./data; the SQLite log is DATA_DIR/events.sqlite, as for the API),
 * EVENT_STORE (sqlite | eventstoredb | postgres) with EVENTSTORE_CONNECTION_STRING or DATABASE_URL
 * (+ DATABASE_SCHEMA, DATABASE_POOL_SIZE), REDIS_URL (default
 * redis://127.0.0.1:6379), BULL_PREFIX (default bull), WEBHOOK_URL + WEBHOOK_SECRET,
 * SMTP_URL + MAIL_FROM (+ MAIL_TO, an address template with {recipient}).
 * Any number of workers may run at once: each alert is still sent once (see the library README).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEventStore, type EventStoreConfig } from '#event-store';
import { NotificationsRuntime, notificationsConfigFromEnv, redactUrl } from '#notifications';

function eventStoreConfig(env: NodeJS.ProcessEnv): EventStoreConfig {
  const kind = env.EVENT_STORE || 'sqlite';
  if (kind === 'eventstoredb') {
    if (!env.EVENTSTORE_CONNECTION_STRING) throw new Error('EVENTSTORE_CONNECTION_STRING is required with EVENT_STORE=eventstoredb');
    return { kind, connectionString: env.EVENTSTORE_CONNECTION_STRING };
  }
  if (kind === 'postgres') {
    if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required with EVENT_STORE=postgres');
    const poolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined;
    if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 1)) {
      throw new Error(`DATABASE_POOL_SIZE must be an integer >= 1 (got "${env.DATABASE_POOL_SIZE}")`);
    }
    return { kind, connectionString: env.DATABASE_URL, schema: env.DATABASE_SCHEMA || undefined, poolSize };
  }
  if (kind !== 'sqlite') throw new Error(`EVENT_STORE must be sqlite, eventstoredb or postgres (got "${kind}")`);
  const dataDir = resolve(env.DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  return { kind, path: join(dataDir, 'events.sqlite') };
}

async function main(): Promise<void> {
  const config = notificationsConfigFromEnv(process.env);
  const storeConfig = eventStoreConfig(process.env);
  const store = await createEventStore(storeConfig);
  const runtime = await NotificationsRuntime.start({ store, ...config, runWorker: true });
  const channels = ['in-app', ...Object.keys(config.channels)].join(', ');
  console.log(
    `thidua notification worker: store ${storeConfig.kind}${storeConfig.kind === 'sqlite' ? ` (${storeConfig.path})` : ''}, ` +
      `Redis ${redactUrl(config.redisUrl)}, prefix ${config.prefix}, channels ${channels}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing jobs in progress, then closing`);
    setTimeout(() => process.exit(1), 15_000).unref();
    runtime
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`shutdown failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`thidua notification worker failed to start: ${(err as Error).message}`);
  process.exit(1);
});
