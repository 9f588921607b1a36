import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { InboxModel } from './inbox.js';

let position = 0;
function event(type: string, data: Record<string, unknown>): RecordedEvent {
  position++;
  return {
    type,
    data: data as RecordedEvent['data'],
    metadata: {
      eventId: `e${position}`,
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      actor: { userId: 'x', role: 'system' },
      occurredAt: '2030-01-01T00:00:00Z',
      schemaVersion: 1,
    },
    streamId: 's',
    revision: position,
    position,
    prevHash: null,
    hash: 'h',
  };
}

const sent = (cycleId: string, recipient: Record<string, string>) =>
  event('NotificationSent', {
    notificationId: `${cycleId}.${JSON.stringify(recipient)}`,
    cycleId,
    step: 'registration',
    kind: 'reminder',
    recipient,
    subject: 's',
    message: 'm',
    dueAt: 'd',
    sentAt: 't',
    units: [],
  });

describe('the inbox, with unit ids that repeat across provinces', () => {
  const model = new InboxModel();
  model.apply(event('CycleOpened', { cycleId: 'an-giang-cum-2-2020', provinceId: 'an-giang' }));
  model.apply(event('CycleOpened', { cycleId: 'ben-tre-cum-1-2020', provinceId: 'ben-tre' }));
  model.apply(sent('an-giang-cum-2-2020', { type: 'unit', unitId: 'chau-thanh' }));
  model.apply(sent('ben-tre-cum-1-2020', { type: 'unit', unitId: 'chau-thanh' }));
  model.apply(sent('an-giang-cum-2-2020', { type: 'province', provinceId: 'an-giang' }));
  model.apply(sent('ben-tre-cum-1-2020', { type: 'province', provinceId: 'ben-tre' }));

  it("shows a unit officer only its own province's notifications to its unit", () => {
    const items = model.forUser({ userId: 'o', roles: ['unit'], unitId: 'chau-thanh', provinceId: 'ben-tre' });
    expect(items.map((i) => i.cycleId)).toEqual(['ben-tre-cum-1-2020']);
  });

  it("shows a province officer only its own province's notifications", () => {
    const items = model.forUser({ userId: 'p', roles: ['province'], provinceId: 'an-giang' });
    expect(items.map((i) => [i.cycleId, i.recipient.type])).toEqual([['an-giang-cum-2-2020', 'province']]);
  });

  it('shows nothing to a user without a province', () => {
    expect(model.forUser({ userId: 'o', roles: ['unit'], unitId: 'chau-thanh' })).toEqual([]);
  });
});
