/**
 * Recording a notification is sending it: `NotificationSent` opens the notification's own stream
 * with expected revision 'no-stream', so of two workers (or a worker and its own retry after a
 * crash) exactly one append succeeds and the other learns the notification already went out.
 */
import { WrongExpectedRevisionError } from '#event-store';
import type { EventStore, RecordedEvent } from '#event-store';
import { notificationStreamName, workerEvent, type NotificationSentData } from '#notification-events';

/** 'sent' if this call recorded it, 'already' if the log had it: in both cases it went out once. */
export async function recordSent(
  store: EventStore,
  roundId: string,
  data: NotificationSentData,
): Promise<'sent' | 'already'> {
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
