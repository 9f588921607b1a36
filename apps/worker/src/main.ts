/**
 * `npm run start:worker`: a notification worker alone (no HTTP), on the same log as the API.
 *
 * Configured by the same variables as the API, read by the same loader (`loadWorkerConfig` of
 * `#config`): the store (DATA_DIR, EVENT_STORE, EVENTSTORE_CONNECTION_STRING or DATABASE_URL) and the
 * notifications (REDIS_URL, BULL_PREFIX, WEBHOOK_*, SMTP_URL, MAIL_*); see the README's table.
 * Any number of workers may run at once: each alert is still sent once (see the library README).
 * With METRICS_PORT (and METRICS_TOKEN) it also answers `GET /metrics` on that port: its queues,
 * deliveries and scheduler (libs/metrics), behind the token.
 */
import { ConfigError, loadWorkerConfig } from '#config';
import { createEventStore } from '#event-store';
import { NotificationsRuntime, redactUrl } from '#notifications';
import { workerMetrics } from './worker-metrics.js';

async function main(): Promise<void> {
  const { eventStore: storeConfig, notifications: config, metrics: metricsConfig } = loadWorkerConfig(process.env);
  const store = await createEventStore(storeConfig);
  const metrics = workerMetrics(metricsConfig);
  const runtime = await NotificationsRuntime.start({
    store,
    ...config,
    runWorker: true,
    ...(metrics ? { onDelivery: metrics.onDelivery } : {}),
  });
  const metricsServer = await metrics?.serve(runtime, store);
  const channels = ['in-app', ...Object.keys(config.channels)].join(', ');
  console.log(
    `thidua notification worker: store ${storeConfig.kind}${storeConfig.kind === 'sqlite' ? ` (${storeConfig.path})` : ''}, ` +
      `Redis ${redactUrl(config.redisUrl)}, prefix ${config.prefix}, channels ${channels}` +
      (metricsServer ? `, metrics on port ${metricsServer.port} (/metrics)` : ''),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing jobs in progress, then closing`);
    setTimeout(() => process.exit(1), 15_000).unref();
    Promise.resolve(metricsServer?.close())
      .then(() => runtime.close())
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
  // A configuration error says which variable, in the words the API uses for it.
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`thidua notification worker failed to start: ${(err as Error).message}`);
  process.exit(1);
});
