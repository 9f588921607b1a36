/**
 * Outside channels on real servers: an HTTP receiver for the webhook, an SMTP server
 * (smtp-server) for e-mail. Record first, deliver after; each delivery recorded once.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { RecordedEvent } from '#event-store';
import { Harness, sleep, waitUntil } from '../src/testing/harness.js';
import { notificationStreamName } from '#notification-events';

// Timers seconds away on a shared machine: room beyond the default 30 s.
jest.setTimeout(90_000);

let harness: Harness;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await harness.cleanup();
  while (closers.length) await closers.pop()!();
});

interface Received {
  deliveryId: string;
  signature: string;
  body: string;
  answered: number;
}

/** An HTTP receiver that fails the first `failures` requests of each delivery id with a 503. */
async function webhookReceiver(failures: number): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const deliveryId = String(req.headers['x-thidua-delivery']);
      const seen = received.filter((r) => r.deliveryId === deliveryId).length;
      const answered = seen < failures ? 503 : 200;
      received.push({
        deliveryId,
        signature: String(req.headers['x-thidua-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/thidua`, received };
}

async function notificationStreams(): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of await harness.store.readAll()) {
    if (!e.streamId.startsWith('notification-')) continue;
    byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  }
  return byStream;
}

/** Units a, b, c submit: only d is reminded (t+2), then the leader is told (t+5). */
async function oneMissingUnit(): Promise<void> {
  await harness.openRegistration(4, { reminders: ['PT2S'], escalateAfter: 'PT1S' });
  for (const unit of ['a', 'b', 'c']) await harness.submitRegistration(unit);
}

describe('webhook', () => {
  it('a webhook failing three times then succeeding is delivered once, signed correctly', async () => {
    harness = new Harness();
    const secret = 'bí-mật-của-webhook';
    const receiver = await webhookReceiver(3);
    await harness.start({ channels: { webhook: { url: receiver.url, secret, attempts: 5, backoffMs: 100 } } });
    await oneMissingUnit();
    await waitUntil(
      'both notifications are delivered',
      () => receiver.received.filter((r) => r.answered === 200).length >= 2,
      25_000,
    );
    await sleep(1000);

    const sent = await harness.sent();
    expect(sent.map((n) => n.kind).sort()).toEqual(['escalation', 'reminder']);
    for (const n of sent) {
      const requests = receiver.received.filter((r) => r.deliveryId === `${n.notificationId}.webhook`);
      expect(requests.map((r) => r.answered)).toEqual([503, 503, 503, 200]);
      for (const r of requests) {
        expect(r.signature).toBe(`sha256=${createHmac('sha256', secret).update(r.body, 'utf8').digest('hex')}`);
        expect(JSON.parse(r.body).notification).toEqual(n);
      }
      const stream = (await notificationStreams()).get(notificationStreamName(n.notificationId))!;
      expect(stream.map((e) => e.type)).toEqual(['NotificationSent', 'NotificationDelivered']);
      expect(stream[1].data).toMatchObject({ channel: 'webhook', attempts: 4, target: receiver.url });
    }
  });

  it('a webhook that keeps failing is dead-lettered: recorded in the log and visible in the dead-letter queue', async () => {
    harness = new Harness();
    const receiver = await webhookReceiver(1000);
    const runtime = await harness.start({
      channels: { webhook: { url: receiver.url, secret: 's', attempts: 2, backoffMs: 50 } },
    });
    await harness.openRegistration(3, { reminders: ['PT2S'], escalateAfter: 'P1D' });
    for (const unit of ['a', 'b', 'c']) await harness.submitRegistration(unit);
    const deadLetters = runtime.queues().find((q) => q.name === 'thidua-dead-letter')!;
    await waitUntil(
      'the delivery is dead-lettered',
      async () => (await deadLetters.getJobCounts('waiting')).waiting >= 1,
    );

    const [job] = await deadLetters.getJobs(['waiting']);
    const [sent] = await harness.sent();
    expect(job.data).toMatchObject({
      queue: 'thidua-webhook',
      notificationId: sent.notificationId,
      channel: 'webhook',
      attempts: 2,
    });
    expect(receiver.received).toHaveLength(2);
    const stream = (await notificationStreams()).get(notificationStreamName(sent.notificationId))!;
    expect(stream.map((e) => e.type)).toEqual(['NotificationSent', 'NotificationDeliveryFailed']);
    expect(stream[1].data).toMatchObject({
      channel: 'webhook',
      attempts: 2,
      error: 'webhook answered 503 Service Unavailable',
    });
  });
});

describe('e-mail', () => {
  it("sends each notification once over SMTP, in Vietnamese, to the recipient's address", async () => {
    harness = new Harness();
    const mails: { to: string[]; raw: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise((resolve) => smtp.close(() => resolve())));
    const port = (smtp.server.address() as AddressInfo).port;
    await harness.start({
      channels: {
        smtp: { url: `smtp://127.0.0.1:${port}`, from: 'thidua@so-noi-vu.example', to: '{recipient}@thidua.example' },
      },
    });
    await oneMissingUnit();
    await waitUntil('both e-mails arrive', () => mails.length >= 2, 25_000);
    await sleep(1000);

    expect(mails.map((m) => m.to).sort()).toEqual([['leader-a@thidua.example'], ['unit-d@thidua.example']]);
    const reminder = mails.find((m) => m.to[0] === 'unit-d@thidua.example')!;
    expect(decodeHeader(reminder.raw, 'Subject')).toBe(
      `Nhắc hạn: Đăng ký thi đua – Cụm thi đua số 1 năm ${new Date().getUTCFullYear()}`,
    );
    const [sentReminder] = (await harness.sent()).filter((n) => n.kind === 'reminder');
    expect(decodeHeader(reminder.raw, 'X-Thidua-Delivery')).toBe(`${sentReminder.notificationId}.email`);
    const stream = (await notificationStreams()).get(notificationStreamName(sentReminder.notificationId))!;
    expect(stream.map((e) => e.type)).toEqual(['NotificationSent', 'NotificationDelivered']);
    expect(stream[1].data).toMatchObject({ channel: 'email', target: 'unit-d@thidua.example', attempts: 1 });
  });
});

/** A header's value with RFC 2047 encoded words (B or Q) decoded and folded lines joined. */
function decodeHeader(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))!;
  const value = line.slice(name.length + 1).trim();
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
