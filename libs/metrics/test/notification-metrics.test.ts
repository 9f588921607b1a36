/**
 * The notification worker's metrics on real Redis: queue counts read from BullMQ, deliveries by
 * channel and outcome as the runtime reports them, the scheduler's position against the store's
 * head. One reminder goes to the in-app inbox and to a webhook that always fails (2 attempts).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QUEUE_NAMES } from '#notifications';
import { Harness, waitUntil } from '#notifications/testing';
import { parseMetrics, valueOf, type Sample } from '../../../tests/support/metrics.js';
import { NotificationMetrics } from '../src/notification-metrics.js';
import { createMetricsRegistry } from '../src/registry.js';

jest.setTimeout(60_000);

let harness: Harness | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await harness?.cleanup();
  while (closers.length) await closers.pop()!();
});

/** A webhook receiver that answers 503 to everything. */
async function failingReceiver(): Promise<string> {
  const server = createServer((req, res) => req.resume().on('end', () => res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

describe('NotificationMetrics', () => {
  it("counts the queues' jobs, the deliveries by channel and outcome, and the scheduler's position", async () => {
    harness = new Harness();
    const registry = createMetricsRegistry({ defaults: false });
    const metrics = new NotificationMetrics(registry);
    const runtime = await harness.start({
      channels: { webhook: { url: await failingReceiver(), secret: 's', attempts: 2, backoffMs: 50 } },
      onDelivery: metrics.onDelivery,
    });
    metrics.watch(runtime, harness.store);
    const read = async (): Promise<Sample[]> => parseMetrics(await registry.metrics());
    const jobs = (samples: Sample[], queue: string, state: string) =>
      valueOf(samples, 'thidua_notification_jobs', { queue, state });

    // Units a, b, c register: d alone is reminded, 2 s before its due date; the escalation is a day away.
    await harness.openRegistration(4, { reminders: ['PT2S'], escalateAfter: 'P1D' });
    for (const unit of ['a', 'b', 'c']) await harness.submitRegistration(unit);
    const head = await harness.store.headPosition();
    await harness.scheduledUpTo(runtime);
    const scheduled = await read();
    // (The reminder may already have fired and added its notification: at least, not exactly.)
    expect(valueOf(scheduled, 'thidua_notification_scheduler_position')).toBeGreaterThanOrEqual(head);
    expect(jobs(scheduled, QUEUE_NAMES.rounds, 'delayed')).toBeGreaterThanOrEqual(1);

    await waitUntil(
      'the webhook delivery has failed for good',
      async () => jobs(await read(), QUEUE_NAMES.webhook, 'failed') === 1,
    );
    const done = await read();
    expect(valueOf(done, 'thidua_notification_deliveries_total', { channel: 'in-app', outcome: 'delivered' })).toBe(1);
    expect(valueOf(done, 'thidua_notification_deliveries_total', { channel: 'webhook', outcome: 'failed' })).toBe(1);
    expect(
      valueOf(done, 'thidua_notification_deliveries_total', { channel: 'webhook', outcome: 'dead-lettered' }),
    ).toBe(1);
    expect(
      valueOf(done, 'thidua_notification_deliveries_total', { channel: 'webhook', outcome: 'delivered' }),
    ).toBeUndefined();
    expect(jobs(done, QUEUE_NAMES.deadLetter, 'waiting')).toBe(1);
    expect(jobs(done, QUEUE_NAMES.webhook, 'waiting')).toBe(0);
    // The reminder's round has fired; the escalation's waits for tomorrow.
    expect(jobs(done, QUEUE_NAMES.rounds, 'delayed')).toBe(1);
    expect(jobs(done, QUEUE_NAMES.rounds, 'failed')).toBe(0);
    // The notification and its failure are the log's last events: the scheduler follows them to the head.
    await harness.scheduledUpTo(runtime);
    const followed = await read();
    const last = await harness.store.headPosition();
    expect(last).toBeGreaterThan(head);
    expect(valueOf(followed, 'thidua_notification_scheduler_position')).toBe(last);
    expect(valueOf(followed, 'thidua_notification_scheduler_lag_events')).toBe(0);
  });
});
