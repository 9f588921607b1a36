/**
 * Deadline notifications: the planner (pure), the runtime (scheduler, BullMQ workers, channels,
 * inbox, dashboard) and the facts it records. See README.md.
 */
export { NotificationsRuntime, QUEUE_NAMES, DEFAULT_PREFIX } from './runtime.js';
export type { NotificationsRuntimeOptions } from './runtime.js';
export type { InboxItem, InboxUser } from './inbox/inbox.js';
export type { RedisStatus } from './redis/redis-connection.js';
export { DEFAULT_REDIS_URL, pingRedis, redactUrl } from './redis/redis-connection.js';
export type { WebhookConfig } from './channels/webhook.js';
export { SIGNATURE_HEADER, DELIVERY_HEADER } from './channels/webhook.js';
export type { SmtpConfig } from './channels/email.js';
export { DASHBOARD_PATH } from './operators/dashboard.js';
export type { ExpressLike } from './operators/dashboard.js';
export type { Logger } from './logger.js';
export { notificationsConfigFromEnv } from './config.js';
export type { NotificationsEnvConfig } from './config.js';
export { DeadlinesModel } from './deadlines/deadlines-model.js';
export type { CycleDeadlines } from './deadlines/deadlines-model.js';
export { planCycle, notificationsOf, isRoundLive } from './planning/plan.js';
export type { Round, PlannedNotification } from './planning/plan.js';
export { recordSent } from './sending/record.js';
export type { DeliveryReport } from './sending/delivery-processor.js';
export { consoleLogger, silentLogger } from './logger.js';
export { failFastConnection, workerConnection } from './redis/redis-connection.js';
