import { canonicalJson } from '#event-store';
import { workerEvent, type NotificationSentData } from './index.js';

const sent: NotificationSentData = {
  notificationId: 'c-2030.registration.reminder.P7D.1.province-tinh',
  cycleId: 'c-2030',
  step: 'registration',
  kind: 'reminder',
  offset: 'P7D',
  recipient: { type: 'province', provinceId: 'tinh' },
  units: [{ id: 'u1', name: 'Xã số 1' }],
  dueAt: '2030-02-28T16:59:59.999Z',
  scheduledAt: '2030-02-21T01:00:00.000Z',
  sentAt: '2030-02-21T01:00:00.012Z',
  subject: 'Nhắc hạn',
  message: 'Kính gửi',
  channels: ['in-app'],
};

describe('workerEvent', () => {
  it("writes data and metadata in the store's canonical key order, so that canonical JSON is plain JSON.stringify", () => {
    const event = workerEvent({ type: 'NotificationSent', data: sent }, sent.sentAt, 'round', sent.notificationId);
    expect(JSON.stringify(event.data)).toBe(canonicalJson(event.data));
    expect(JSON.stringify(event.metadata)).toBe(canonicalJson(event.metadata));
    expect(event.data).toEqual(sent);
    expect(event.metadata).toMatchObject({
      actor: { userId: 'notification-worker', role: 'system' },
      commandId: sent.notificationId,
      correlationId: 'round',
      causationId: 'round',
      occurredAt: sent.sentAt,
      schemaVersion: 1,
    });
  });
});
