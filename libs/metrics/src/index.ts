/**
 * Operators' metrics in the Prometheus text format (prom-client): one registry per process, the
 * token-guarded `/metrics` answer, and what each part of thidua tells (commands, read models,
 * the notification worker). See README.md for every metric.
 */
export { createMetricsRegistry } from './registry.js';
export { bearerMatches, metricsEndpoint, serveMetrics, METRICS_PATH } from './scrape.js';
export type { MetricsServer } from './scrape.js';
export { CommandMetrics, UNKNOWN_COMMAND } from './command-metrics.js';
export type { CommandResult, CommandTimer } from './command-metrics.js';
export { watchReadModels } from './read-model-metrics.js';
export type { HeadSource, ReadModelsProgress } from './read-model-metrics.js';
export { NotificationMetrics, QUEUE_STATES } from './notification-metrics.js';
export type { CountedQueue, WatchedRuntime } from './notification-metrics.js';
export type { Registry } from 'prom-client';
