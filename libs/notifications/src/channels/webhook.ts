/**
 * Webhook channel: a JSON POST signed with HMAC-SHA256 over the exact body, so the receiver can
 * check it came from us (`X-Thidua-Signature: sha256=<hex>`), and carrying a delivery id that stays
 * the same across retries (`X-Thidua-Delivery`), so the receiver can drop a repeat.
 */
import { createHmac } from 'node:crypto';
import type { NotificationSentData } from '#notification-events';

export interface WebhookConfig {
  url: string;
  secret: string;
  /** Tries before the delivery is dead-lettered (default 5). */
  attempts?: number;
  /** First retry delay; each next one doubles (default 1000 ms). */
  backoffMs?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'x-thidua-signature';
export const DELIVERY_HEADER = 'x-thidua-delivery';

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function webhookBody(notification: NotificationSentData, deliveryId: string): string {
  return JSON.stringify({ type: 'NotificationSent', deliveryId, notification });
}

/** Resolves on a 2xx answer; throws otherwise (BullMQ then retries with backoff). */
export async function postWebhook(
  config: WebhookConfig,
  notification: NotificationSentData,
  deliveryId: string,
): Promise<void> {
  const body = webhookBody(notification, deliveryId);
  const response = await fetch(config.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [SIGNATURE_HEADER]: sign(body, config.secret),
      [DELIVERY_HEADER]: deliveryId,
      'user-agent': 'thidua-notifications',
    },
    body,
    signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`webhook answered ${response.status} ${response.statusText}`);
}
