/**
 * The worker's configuration from the environment, shared by `apps/worker` and the HTTP app:
 * REDIS_URL, BULL_PREFIX, WEBHOOK_URL + WEBHOOK_SECRET, SMTP_URL + MAIL_FROM (+ MAIL_TO).
 * A half-configured channel is an error at start-up, not a silent no-op.
 */
import type { SmtpConfig } from './channels/email.js';
import type { WebhookConfig } from './channels/webhook.js';
import { DEFAULT_REDIS_URL, redisOptionsFromUrl } from './redis/redis-connection.js';

export interface NotificationsEnvConfig {
  redisUrl: string;
  prefix: string;
  channels: { webhook?: WebhookConfig; smtp?: SmtpConfig };
}

export function notificationsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationsEnvConfig {
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  redisOptionsFromUrl(redisUrl); // throws a clear error on a malformed URL
  const channels: NotificationsEnvConfig['channels'] = {};
  if (env.WEBHOOK_URL || env.WEBHOOK_SECRET) {
    if (!env.WEBHOOK_URL || !env.WEBHOOK_SECRET)
      throw new Error('WEBHOOK_URL and WEBHOOK_SECRET go together: set both or neither');
    channels.webhook = { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET };
  }
  if (env.SMTP_URL || env.MAIL_FROM) {
    if (!env.SMTP_URL || !env.MAIL_FROM) throw new Error('SMTP_URL and MAIL_FROM go together: set both or neither');
    channels.smtp = { url: env.SMTP_URL, from: env.MAIL_FROM, ...(env.MAIL_TO ? { to: env.MAIL_TO } : {}) };
  }
  return { redisUrl, prefix: env.BULL_PREFIX || 'bull', channels };
}
