import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { notificationStreamName, workerEvent, type NotificationSentData } from '#notification-events';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { leaderOf, openCycle, referencePlan } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';

const plan = referencePlan();

/** A reminder as the notification worker records it. */
function reminder(cycleId: string, notificationId: string): NotificationSentData {
  return {
    notificationId,
    cycleId,
    step: 'registration',
    kind: 'reminder',
    offset: 'P3D',
    recipient: { type: 'unit', unitId: 'an-phu' },
    units: [{ id: 'an-phu', name: 'Huyện An Phú' }],
    dueAt: '2020-02-28T16:59:59.999Z',
    scheduledAt: '2020-02-25T01:00:00.000Z',
    sentAt: '2020-02-25T01:00:00.120Z',
    subject: 'Còn 3 ngày đến hạn Đăng ký thi đua',
    message: 'Đơn vị chưa nộp bản đăng ký thi đua.',
    channels: ['in-app', 'email'],
  };
}

describe('alerts sent about a cycle, in its audit trail', () => {
  const temp = tempStore();
  let models: ReadModels;
  let cycleId: string;

  beforeAll(async () => {
    const driver = new CycleDriver(temp.store);
    cycleId = await openCycle(driver, plan);
    await driver.run({
      cycleId,
      type: 'OpenStep',
      actor: leaderOf(plan.leaderUnitId),
      at: '2020-02-01T01:00:00Z',
      step: 'registration',
    });
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
    // As the worker's `recordSent` does: the notification's own stream, opened once.
    const sent = (roundId: string, data: NotificationSentData) =>
      temp.store.append(
        notificationStreamName(data.notificationId),
        [workerEvent({ type: 'NotificationSent', data }, data.sentAt, roundId, data.notificationId)],
        'no-stream',
      );
    await sent(`${cycleId}.registration.reminder.P3D.1582909199999`, reminder(cycleId, 'n-1'));
    await sent('another-cycle-2020.registration.reminder.P3D.1582909199999', reminder('another-cycle-2020', 'n-2'));
    const delivered = await temp.store.append(
      notificationStreamName('n-1'),
      [
        workerEvent(
          {
            type: 'NotificationDelivered',
            data: {
              notificationId: 'n-1',
              channel: 'email',
              deliveryId: 'd-1',
              target: 'an-phu@example.vn',
              attempts: 2,
              deliveredAt: '2020-02-25T01:00:05Z',
            },
          },
          '2020-02-25T01:00:05Z',
          'round-1',
          'd-1',
        ),
      ],
      0,
    );
    expect(await models.waitForPosition(delivered.position)).toBe(true);
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('lists the reminder and its delivery after the decisions, in Vietnamese', async () => {
    const trail = (await models.auditTrail(cycleId))!;
    expect(trail.map((e) => e.action)).toEqual([
      'CycleOpened',
      'StepOpened',
      'NotificationSent',
      'NotificationDelivered',
    ]);
    expect(trail[2]).toMatchObject({
      actor: { userId: 'notification-worker', role: 'system' },
      summary: 'Nhắc hạn bước Đăng ký thi đua gửi Huyện An Phú: Còn 3 ngày đến hạn Đăng ký thi đua',
    });
    expect(trail[3]!.summary).toBe('Đã chuyển thông báo qua thư điện tử tới an-phu@example.vn (lần thử thứ 2)');
  });

  it('lists them among the cycle’s events, and verifies their chain', async () => {
    const events = (await models.cycleEvents(cycleId))!;
    expect(events.map((e) => e.type)).toEqual([
      'CycleOpened',
      'StepOpened',
      'NotificationSent',
      'NotificationDelivered',
    ]);
    expect(await models.verify(cycleId)).toEqual({ ok: true, checkedEvents: 4 });
  });
});
