/**
 * Recording a notification is sending it: `NotificationSent` opens the notification's own stream
 * with expected revision 'no-stream', so of two workers (or a worker and its own retry after a
 * crash) exactly one append succeeds and the other learns the notification already went out.
 */
import { toNewEvents } from '#command-handling';
import { WrongExpectedRevisionError } from '#event-store';
import type { EventStore, NewEvent, RecordedEvent } from '#event-store';
import {
  NOTIFICATION_SCHEMA_VERSION,
  WORKER_ACTOR,
  notificationStreamName,
  type NotificationEvent,
  type NotificationSentData,
} from '../notification-events.js';

/** The worker's own events: the worker is their actor, the round (or notification) their cause. */
export function workerEvent(event: NotificationEvent, occurredAt: string, correlationId: string, commandId: string): NewEvent {
  return toNewEvents([event], {
    commandId,
    correlationId,
    causationId: correlationId,
    actor: { ...WORKER_ACTOR },
    occurredAt,
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
  })[0]!;
}

/** 'sent' if this call recorded it, 'already' if the log had it: in both cases it went out once. */
export async function recordSent(store: EventStore, roundId: string, data: NotificationSentData): Promise<'sent' | 'already'> {
  const event = workerEvent({ type: 'NotificationSent', data }, data.sentAt, roundId, data.notificationId);
  try {
    await store.append(notificationStreamName(data.notificationId), [event], 'no-stream');
    return 'sent';
  } catch (err) {
    if (err instanceof WrongExpectedRevisionError) return 'already';
    throw err;
  }
}

export async function readNotification(store: EventStore, notificationId: string): Promise<RecordedEvent[]> {
  return store.readStream(notificationStreamName(notificationId));
}
