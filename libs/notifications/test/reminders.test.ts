/**
 * The worker end to end on real parts: SQLite store, the machine's Redis under a prefix of the
 * test's own, BullMQ timers seconds away, events from the real deciders.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Harness, sleep, summarize, waitUntil } from '../src/testing/harness.js';

// Timers seconds away on a shared machine: room beyond the default 30 s.
jest.setTimeout(90_000);

// Registration due 8 s from now; reminders 6 s and 3 s before (t+2, t+5); escalation 1 s after (t+9).
const NOTIFICATIONS = { reminders: ['PT6S', 'PT3S'], escalateAfter: 'PT1S' };

let harness: Harness;
afterEach(async () => harness.cleanup());

describe('deadline notifications', () => {
  it('sends exactly the expected reminders and escalation, and shows them in the inboxes', async () => {
    harness = new Harness();
    const runtime = await harness.start();
    const due = await harness.openRegistration(8, NOTIFICATIONS);
    await harness.submitRegistration('b');
    await waitUntil('the first reminders are sent', async () => (await harness.sent()).length >= 3);
    await harness.submitRegistration('c');
    await waitUntil('the escalation is sent', async () => (await harness.sent()).some((n) => n.kind === 'escalation'));
    await sleep(1500);

    const sent = await harness.sent();
    expect(summarize(sent)).toEqual([
      'escalation PT1S → leader a [a,d]',
      'reminder PT3S → unit a [a]',
      'reminder PT3S → unit d [d]',
      'reminder PT6S → unit a [a]',
      'reminder PT6S → unit c [c]',
      'reminder PT6S → unit d [d]',
    ]);
    expect(sent.every((n) => n.dueAt === new Date(due).toISOString())).toBe(true);
    // Never before its moment.
    expect(sent.every((n) => Date.parse(n.sentAt) >= Date.parse(n.scheduledAt))).toBe(true);
    expect(sent.find((n) => n.kind === 'escalation')!.message).toContain('2 đơn vị chưa nộp bản đăng ký thi đua');

    const officerD = await runtime.inbox({ userId: 'officer-d', roles: ['unit'], unitId: 'd', provinceId: 'tinh' });
    expect(officerD.map((n) => n.kind)).toEqual(['reminder', 'reminder']);
    expect(officerD[0].subject).toBe(`Nhắc hạn: Đăng ký thi đua – Cụm thi đua số 1 năm ${new Date().getUTCFullYear()}`);
    const leaderA = await runtime.inbox({ userId: 'leader-a', roles: ['leader'], unitId: 'a', provinceId: 'tinh' });
    expect(leaderA.map((n) => n.kind)).toEqual(['escalation', 'reminder', 'reminder']);
    expect(await runtime.inbox({ userId: 'officer-b', roles: ['unit'], unitId: 'b', provinceId: 'tinh' })).toEqual([]);
    expect(await runtime.inbox({ userId: 'auditor-1', roles: ['auditor'], provinceId: 'tinh' })).toEqual([]);
    // Unit "d" of another province sees nothing of this one's (unit ids repeat across provinces).
    expect(
      await runtime.inbox({ userId: 'officer-d2', roles: ['unit'], unitId: 'd', provinceId: 'tinh-khac' }),
    ).toEqual([]);
  });

  it("moves reminders with an extension, and a submission cancels that unit's reminders", async () => {
    harness = new Harness();
    await harness.start();
    await harness.openRegistration(8, NOTIFICATIONS);
    // Before the first reminder: the whole step moves to t+11, unit d alone to t+14, c submits.
    const newDue = harness.at(11);
    const dDue = harness.at(14);
    await harness.extendRegistration(newDue);
    await harness.extendRegistration(dDue, 'd');
    await harness.submitRegistration('c');
    await waitUntil(
      'both escalations are sent',
      async () => (await harness.sent()).filter((n) => n.kind === 'escalation').length >= 2,
      25_000,
    );
    await sleep(1000);

    const sent = await harness.sent();
    const byDue = (iso: string) => summarize(sent.filter((n) => n.dueAt === new Date(iso).toISOString()));
    expect(byDue(newDue)).toEqual([
      'escalation PT1S → leader a [a,b]',
      'reminder PT3S → unit a [a]',
      'reminder PT3S → unit b [b]',
      'reminder PT6S → unit a [a]',
      'reminder PT6S → unit b [b]',
    ]);
    expect(byDue(dDue)).toEqual([
      'escalation PT1S → leader a [d]',
      'reminder PT3S → unit d [d]',
      'reminder PT6S → unit d [d]',
    ]);
    // Nothing for the old due date, nothing for c.
    expect(sent).toHaveLength(8);
    expect(sent.some((n) => n.units.some((u) => u.id === 'c'))).toBe(false);
  });
});
