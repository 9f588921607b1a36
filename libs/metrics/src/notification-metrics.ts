/**
 * The notification worker as operators watch it: its queues' jobs (waiting, delayed, active,
 * failed: BullMQ's `getJobCounts`, read from Redis at each scrape), deliveries by channel and
 * outcome (counted as they happen in this process), and how far the scheduler has put the log's
 * deadlines into Redis. Registered by the process that runs the worker.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { HeadSource } from './read-model-metrics.js';
import { within } from './within.js';

export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** What this needs of a BullMQ queue. */
export interface CountedQueue {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

/** What this needs of `NotificationsRuntime` of #notifications. */
export interface WatchedRuntime {
  queues(): CountedQueue[];
  readonly scheduler: { readonly position: number } | null;
}

export class NotificationMetrics {
  private readonly deliveries: Counter<'channel' | 'outcome'>;

  constructor(private readonly registry: Registry) {
    this.deliveries = new Counter({
      name: 'thidua_notification_deliveries_total',
      help:
        'Deliveries by channel and outcome: in-app, notifications recorded (delivered) or found recorded; ' +
        'webhook and e-mail, each attempt (delivered, already-delivered, unknown-notification, failed and retried, dead-lettered)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    });
  }

  /** The runtime's `onDelivery`. */
  readonly onDelivery = (channel: string, outcome: string, count: number): void => {
    this.deliveries.inc({ channel, outcome }, count);
  };

  /** Reads the runtime's queues and scheduler at each scrape, and the store's head for the scheduler's lag. */
  watch(runtime: WatchedRuntime, store: HeadSource): void {
    const registers = [this.registry];
    new Gauge({
      name: 'thidua_notification_jobs',
      help: "Jobs in the notification worker's queues by state (BullMQ getJobCounts); a queue Redis does not answer for is left out",
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const counts = await Promise.all(
          runtime.queues().map(async (queue) => ({
            queue: queue.name,
            counts: await within(queue.getJobCounts(...QUEUE_STATES)).catch(() => undefined),
          })),
        );
        this.reset();
        for (const { queue, counts: byState } of counts) {
          if (!byState) continue;
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      },
    });
    const scheduler = runtime.scheduler;
    if (!scheduler) return;
    new Gauge({
      name: 'thidua_notification_scheduler_position',
      help: "Global log position up to which the scheduler has put every event's timers into Redis",
      registers,
      collect() {
        this.set(scheduler.position);
      },
    });
    new Gauge({
      name: 'thidua_notification_scheduler_lag_events',
      help: "Events in the store whose timers the scheduler has not put into Redis yet (the store's head minus its position)",
      registers,
      async collect() {
        const head = await within(store.headPosition()).catch(() => undefined);
        if (head !== undefined) this.set(Math.max(0, head - scheduler.position));
      },
    });
  }
}
