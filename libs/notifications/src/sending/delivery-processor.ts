/**
 * Delivery to an outside channel (webhook, e-mail). The order is "record, then deliver": the
 * notification is already in the log (`NotificationSent`) when its delivery job runs. The job reads
 * the notification's stream; if a `NotificationDelivered` for this channel is there, it stops.
 * Otherwise it delivers and then records `NotificationDelivered`. A crash between the two makes
 * the retry deliver again with the same delivery id: the wire is at-least-once (the receiver drops
 * repeats by id), the record exactly-once (appended at the stream revision it read).
 * After the last attempt the failure is recorded (`NotificationDeliveryFailed`) and the job is
 * copied to the dead-letter queue, where operators see it.
 */
import type { Job, Queue } from 'bullmq';
import { WrongExpectedRevisionError } from '#event-store';
import type { EventStore, RecordedEvent } from '#event-store';
import {
  notificationStreamName,
  workerEvent,
  type ExternalChannel,
  type NotificationEvent,
  type NotificationSentData,
} from '#notification-events';
import { readNotification } from './record.js';

export const DEAD_LETTER_QUEUE = 'thidua-dead-letter';

export interface DeliveryJob {
  notificationId: string;
}

/** Delivers and answers the target it delivered to (URL, address). */
export type Deliver = (notification: NotificationSentData, deliveryId: string) => Promise<string>;

export interface DeliveryDeps {
  store: EventStore;
  channel: ExternalChannel;
  deliver: Deliver;
  /** Where the delivery goes, for the failure record when delivering throws. */
  target: (notification: NotificationSentData) => string;
  deadLetters: Queue;
  clock: () => Date;
}

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'unknown-notification';

/** What one attempt came to, as operators count it: a thrown attempt is retried, or dead-lettered after the last. */
export type DeliveryReport = DeliveryOutcome | 'failed' | 'dead-lettered';

/** Whether this attempt of the job is its last (a failure then goes to the dead-letter queue). */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

export async function processDelivery(job: Job<DeliveryJob>, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const { notificationId } = job.data;
  const deliveryId = `${notificationId}.${deps.channel}`;
  const events = await readNotification(deps.store, notificationId);
  const sent = events.find((e) => e.type === 'NotificationSent')?.data as unknown as NotificationSentData | undefined;
  if (!sent) return 'unknown-notification';
  if (findDelivered(events, deps.channel)) return 'already-delivered';
  const attempts = job.attemptsMade + 1;
  let target: string;
  try {
    target = await deps.deliver(sent, deliveryId);
  } catch (err) {
    if (isLastAttempt(job)) await deadLetter(job, deps, sent, deliveryId, attempts, err);
    throw err;
  }
  await appendOnce(
    deps.store,
    notificationId,
    deps.channel,
    {
      type: 'NotificationDelivered',
      data: {
        notificationId,
        channel: deps.channel,
        deliveryId,
        target,
        attempts,
        deliveredAt: deps.clock().toISOString(),
      },
    },
    deps.clock().toISOString(),
  );
  return 'delivered';
}

function findDelivered(events: RecordedEvent[], channel: ExternalChannel): boolean {
  return events.some((e) => e.type === 'NotificationDelivered' && (e.data as { channel?: string }).channel === channel);
}

/** Appends at the revision read; if someone appended meanwhile, re-reads and appends only if still missing. */
async function appendOnce(
  store: EventStore,
  notificationId: string,
  channel: ExternalChannel,
  event: NotificationEvent,
  occurredAt: string,
): Promise<void> {
  const stream = notificationStreamName(notificationId);
  for (;;) {
    const events = await store.readStream(stream);
    const already = events.some((e) => e.type === event.type && (e.data as { channel?: string }).channel === channel);
    if (already) return;
    const last = events[events.length - 1];
    try {
      await store.append(
        stream,
        [workerEvent(event, occurredAt, notificationId, `${notificationId}.${channel}.${event.type}`)],
        last.revision,
      );
      return;
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError)) throw err;
    }
  }
}

async function deadLetter(
  job: Job<DeliveryJob>,
  deps: DeliveryDeps,
  sent: NotificationSentData,
  deliveryId: string,
  attempts: number,
  err: unknown,
): Promise<void> {
  const error = err instanceof Error ? err.message : String(err);
  const deadLetteredAt = deps.clock().toISOString();
  await appendOnce(
    deps.store,
    sent.notificationId,
    deps.channel,
    {
      type: 'NotificationDeliveryFailed',
      data: {
        notificationId: sent.notificationId,
        channel: deps.channel,
        deliveryId,
        target: deps.target(sent),
        attempts,
        error,
        deadLetteredAt,
      },
    },
    deadLetteredAt,
  );
  await deps.deadLetters.add(
    `${deps.channel}-failed`,
    {
      queue: job.queueName,
      jobId: job.id ?? null,
      notificationId: sent.notificationId,
      channel: deps.channel,
      attempts,
      error,
      deadLetteredAt,
    },
    { jobId: `dead.${job.id ?? deliveryId}` },
  );
}
