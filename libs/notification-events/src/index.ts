/**
 * The facts the notification worker adds to the log, so that an auditor sees who was alerted of
 * what, and when: the contract between the worker that writes them (`libs/notifications`) and the
 * read side that shows them (`libs/projections`), which import this and not each other.
 * Each notification has its own stream, `notification-<notificationId>`, created by
 * `NotificationSent` with expected revision 'no-stream': the log itself refuses a second send.
 * Deliveries to outside channels follow on the same stream.
 */
import { createHash } from 'node:crypto';
import { toNewEvents } from '#command-handling';
import type { NewEvent } from '#event-store';

/** The steps whose due dates are watched. */
export const TRACKED_STEPS = ['registration', 'mid-year-review', 'self-assessment', 'vote', 'nomination'] as const;
export type TrackedStep = (typeof TRACKED_STEPS)[number];

export type RoundKind = 'reminder' | 'escalation';

export type Recipient =
  { type: 'unit'; unitId: string } | { type: 'leader'; unitId: string } | { type: 'province'; provinceId: string };

export const CHANNELS = ['in-app', 'webhook', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels delivered outside the log, each by its own queue. */
export type ExternalChannel = Exclude<Channel, 'in-app'>;

export const NOTIFICATION_STREAM_PREFIX = 'notification-';

/** Ids are long (cycle, step, kind, offset, due, recipient); the store caps stream ids at 200. */
export function notificationStreamName(notificationId: string): string {
  const name = `${NOTIFICATION_STREAM_PREFIX}${notificationId}`;
  return name.length <= 200
    ? name
    : `${NOTIFICATION_STREAM_PREFIX}${createHash('sha256').update(notificationId).digest('hex')}`;
}

export type NotificationSentData = {
  notificationId: string;
  /** The round is the metadata's correlationId (`<cycleId>.<step>.<kind>.<offset>.<due ms>`). */
  cycleId: string;
  step: TrackedStep;
  kind: RoundKind;
  offset: string;
  recipient: Recipient;
  /** For a reminder, the unit reminded; for an escalation, the units still missing, with names. */
  units: { id: string; name: string }[];
  dueAt: string;
  /** When the round was due to fire, and when it did: the difference is the lateness. */
  scheduledAt: string;
  sentAt: string;
  subject: string;
  message: string;
  /** In-app is delivered by this event itself; the others by their queues, recorded below. */
  channels: Channel[];
};

export type NotificationDeliveredData = {
  notificationId: string;
  channel: ExternalChannel;
  deliveryId: string;
  target: string;
  attempts: number;
  deliveredAt: string;
};

export type NotificationDeliveryFailedData = {
  notificationId: string;
  channel: ExternalChannel;
  deliveryId: string;
  target: string;
  attempts: number;
  error: string;
  deadLetteredAt: string;
};

export type NotificationEvent =
  | { type: 'NotificationSent'; data: NotificationSentData }
  | { type: 'NotificationDelivered'; data: NotificationDeliveredData }
  | { type: 'NotificationDeliveryFailed'; data: NotificationDeliveryFailedData };

export const WORKER_ACTOR = { userId: 'notification-worker', role: 'system' } as const;
export const NOTIFICATION_SCHEMA_VERSION = 1;

/**
 * A worker's event as the log holds it: the worker is its actor, the round (or notification) its
 * cause. Its data and metadata come with their keys in sorted order: the store's canonical JSON
 * then is plain `JSON.stringify`, where unsorted keys take its key-sorting writer, three times
 * slower, and a round of 10,000 reminders serializes 20,000 payloads. The bytes stored and hashed
 * are the same. Data built in sorted order (as the round worker builds it) is not copied.
 */
export function workerEvent(
  event: NotificationEvent,
  occurredAt: string,
  correlationId: string,
  commandId: string,
): NewEvent {
  const [enveloped] = toNewEvents([event], {
    commandId,
    correlationId,
    causationId: correlationId,
    actor: { ...WORKER_ACTOR },
    occurredAt,
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
  });
  return { type: enveloped!.type, data: keysSorted(enveloped!.data), metadata: keysSorted(enveloped!.metadata) };
}

/** The same plain JSON value with every object's keys in sorted order: itself if they already are. */
function keysSorted<T>(value: T): T {
  return inKeyOrder(value) ? value : (sortedCopy(value) as T);
}

function inKeyOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(inKeyOrder);
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    if (!inKeyOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = sortedCopy(record[key]);
  return sorted;
}
