/**
 * Starts the notifications runtime with the API: the in-app inbox always; the deadline scheduler
 * and BullMQ workers too unless NOTIFICATIONS_WORKER=off. When Redis does not answer, the API
 * says so once and keeps accepting commands; the workers resume when Redis is back, and every
 * reminder that fell due meanwhile is sent then (the scheduler resumes from its checkpoint).
 */
import type { Logger as PinoLogger } from 'pino';
import type { EventStore } from '#event-store';
import { NotificationsRuntime, pingRedis, redactUrl, type NotificationsRuntimeOptions } from '#notifications';
import type { AppConfig } from '#config';
import type { Clock } from '../shell/clock.js';

export async function startNotifications(
  config: AppConfig,
  store: EventStore,
  clock: Clock,
  log: PinoLogger,
  hooks: Pick<NotificationsRuntimeOptions, 'onDelivery'> = {},
): Promise<NotificationsRuntime> {
  const { worker, ...settings } = config.notifications;
  const logger = {
    info: (m: string) => log.info(m),
    warn: (m: string) => log.warn(m),
    error: (m: string) => log.error(m),
  };
  const redis = await pingRedis(settings.redisUrl);
  if (worker === 'off') {
    log.info('NOTIFICATIONS_WORKER=off: no notification worker in this process (run `npm run start:worker`)');
  } else if (redis.status === 'up') {
    log.info(`Redis answers at ${redactUrl(settings.redisUrl)}: running the notification worker in this process`);
  }
  // When Redis does not answer, the runtime itself says so (once) and waits for it.
  return NotificationsRuntime.start({
    store,
    redisUrl: settings.redisUrl,
    prefix: settings.prefix,
    channels: settings.channels,
    clock: () => clock.now(),
    runWorker: worker !== 'off',
    logger,
    ...(hooks.onDelivery ? { onDelivery: hooks.onDelivery } : {}),
  });
}

/** Closes the runtime, but never waits more than `ms` for it (BullMQ retries a Redis that is down). */
export async function closeNotifications(runtime: NotificationsRuntime, log: PinoLogger, ms = 3_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const result = await Promise.race([runtime.close().then(() => 'closed' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') log.warn(`notification runtime did not close within ${ms} ms (Redis down?): leaving it`);
}
