/**
 * The worker's metrics, when METRICS_PORT is set: its own registry and listener (the worker has no
 * HTTP server), with the queues, deliveries and scheduler of the runtime it runs.
 */
import type { WorkerConfig } from '#config';
import type { EventStore } from '#event-store';
import { createMetricsRegistry, NotificationMetrics, serveMetrics, type MetricsServer } from '#metrics';
import type { NotificationsRuntime, NotificationsRuntimeOptions } from '#notifications';

export interface WorkerMetrics {
  /** The runtime's hook, to pass to `NotificationsRuntime.start`. */
  onDelivery: NonNullable<NotificationsRuntimeOptions['onDelivery']>;
  /** Watches the started runtime and listens on METRICS_PORT. */
  serve(runtime: NotificationsRuntime, store: EventStore): Promise<MetricsServer>;
}

export function workerMetrics(config: WorkerConfig['metrics']): WorkerMetrics | undefined {
  if (!config) return undefined;
  const registry = createMetricsRegistry({ defaults: true });
  const notifications = new NotificationMetrics(registry);
  return {
    onDelivery: notifications.onDelivery,
    serve: (runtime, store) => {
      notifications.watch(runtime, store);
      return serveMetrics({ registry, token: config.token, port: config.port });
    },
  };
}
