/**
 * The API process's metrics: one registry per app (tests start several apps in one process), the
 * commands (counted by `RunCommandHandler`), the read models and, when this process runs the
 * notification worker, its queues, deliveries and scheduler. `GET /metrics` exists only with
 * METRICS_TOKEN set (else 404, as any unknown path) and answers 401 without that bearer token.
 */
import type { Express } from 'express';
import {
  CommandMetrics,
  createMetricsRegistry,
  METRICS_PATH,
  metricsEndpoint,
  NotificationMetrics,
  type Registry,
} from '#metrics';
import type { AppConfig } from '#config';

export interface ApiMetrics {
  registry: Registry;
  commands: CommandMetrics;
  /** Only when the notification worker runs in this process (NOTIFICATIONS_WORKER=auto). */
  notifications?: NotificationMetrics;
}

export function createApiMetrics(config: Pick<AppConfig, 'metrics' | 'notifications'>): ApiMetrics {
  const registry = createMetricsRegistry({ defaults: config.metrics.token !== undefined });
  return {
    registry,
    commands: new CommandMetrics(registry),
    ...(config.notifications.worker === 'off' ? {} : { notifications: new NotificationMetrics(registry) }),
  };
}

/** Mounts `GET /metrics` when a token is configured; answers whether it did. */
export function mountMetrics(expressApp: Express, metrics: ApiMetrics, token: string | undefined): boolean {
  if (token === undefined) return false;
  const endpoint = metricsEndpoint(metrics.registry, token);
  expressApp.get(METRICS_PATH, (req, res) => void endpoint(req, res));
  return true;
}
