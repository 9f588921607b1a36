import { describe, expect, it } from '@jest/globals';
import { DeadlinesModel } from '../deadlines/deadlines-model.js';
import { cycleEvents, testCycleConfig, type Located } from '../testing/cycle-events.js';
import { formatDue, messageFor } from './messages.js';
import { notificationsOf, planCycle, type Round } from './plan.js';

const CYCLE = 'cum-test-2020';
// 28/02/2020 end of day in Asia/Ho_Chi_Minh (UTC+7).
const DUE = '2020-02-28T16:59:59.999Z';

function fold(events: Located[]): DeadlinesModel {
  const model = new DeadlinesModel();
  for (const { event } of events) model.apply(event);
  return model;
}

function plan(events: Located[]): Round[] {
  return planCycle(fold(events).cycle(CYCLE)!);
}

const opened = [cycleEvents.opened(testCycleConfig({ dueAt: DUE }), '2020-01-02T01:00:00.000Z')];
const open = [...opened, cycleEvents.stepOpened(CYCLE, 'registration', '2020-01-10T01:00:00.000Z')];

describe('planCycle', () => {
  it('plans nothing for a step that is not open', () => {
    expect(plan(opened)).toEqual([]);
  });

  it('does not follow a past year recorded from paper: nobody is reminded of its deadlines', () => {
    const paper = { ...testCycleConfig({ dueAt: DUE }), recordedFromPaper: { source: 'Hồ sơ lưu năm 2020' } };
    const model = fold([
      cycleEvents.opened(paper, '2020-01-02T01:00:00.000Z'),
      cycleEvents.stepOpened(CYCLE, 'registration', '2020-01-10T01:00:00.000Z'),
    ]);
    expect(model.cycle(CYCLE)).toBeUndefined();
    expect(fold(open).cycle(CYCLE)).toBeDefined();
  });

  it('plans 7, 3 and 1 days before at 08:00 local time, and escalates at 08:00 the next working day after', () => {
    const rounds = plan(open);
    // Due Friday 28/02/2020: the day after is a Saturday, so the escalation waits for Monday 02/03.
    expect(rounds.map((r) => [r.kind, r.offset, r.sendAt])).toEqual([
      ['reminder', 'P7D', '2020-02-21T01:00:00.000Z'],
      ['reminder', 'P3D', '2020-02-25T01:00:00.000Z'],
      ['reminder', 'P1D', '2020-02-27T01:00:00.000Z'],
      ['escalation', 'P1D', '2020-03-02T01:00:00.000Z'],
    ]);
    expect(rounds.every((r) => r.step === 'registration' && !r.roundId.includes(':'))).toBe(true);
  });

  it('moves a reminder off a weekend or a holiday to the working day before, and sends one of two that meet there', () => {
    // Due Wednesday 17/02/2021, the first working day after Tết (holidays 10 to 16/02/2021).
    const due = '2021-02-17T16:59:59.999Z';
    const tet = ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'];
    const config = testCycleConfig({ dueAt: due, holidays: tet });
    const rounds = planCycle(
      fold([
        cycleEvents.opened(config, '2021-01-02T01:00:00.000Z'),
        cycleEvents.stepOpened(CYCLE, 'registration', '2021-01-04T01:00:00.000Z'),
      ]).cycle(CYCLE)!,
    );
    // 7 days before is Wednesday 10/02 (Tết), 3 days before Sunday 14/02, 1 day before Tuesday
    // 16/02 (Tết): each goes back to Tuesday 09/02, the last working day before Tết, once.
    expect(rounds.map((r) => [r.kind, r.offset, r.sendAt])).toEqual([
      ['reminder', 'P7D', '2021-02-09T01:00:00.000Z'],
      ['escalation', 'P1D', '2021-02-18T01:00:00.000Z'],
    ]);
  });

  it('says when a due date falls on a day off', () => {
    expect(formatDue(DUE, 'Asia/Ho_Chi_Minh')).toBe('23:59 ngày 28/02/2020');
    expect(formatDue(DUE, 'Asia/Ho_Chi_Minh', ['2020-02-28'])).toBe('23:59 ngày 28/02/2020 (ngày nghỉ)');
    expect(formatDue('2020-02-29T16:59:59.999Z', 'Asia/Ho_Chi_Minh')).toBe('23:59 ngày 29/02/2020 (ngày nghỉ)');
  });

  it('keeps exact offsets exact, whatever the day', () => {
    const config = testCycleConfig({
      dueAt: DUE,
      reminders: ['PT2H'],
      escalateAfter: 'PT30M',
      holidays: ['2020-02-28'],
    });
    const rounds = plan([
      cycleEvents.opened(config, '2020-01-02T01:00:00.000Z'),
      cycleEvents.stepOpened(CYCLE, 'registration', '2020-01-10T01:00:00.000Z'),
    ]);
    expect(rounds.map((r) => r.sendAt)).toEqual(['2020-02-28T14:59:59.999Z', '2020-02-28T17:29:59.999Z']);
  });

  it('sends offsets with a time part exactly at due minus offset', () => {
    const config = testCycleConfig({ dueAt: DUE, reminders: ['PT2H', 'PT90S'], escalateAfter: 'PT30M' });
    const rounds = plan([
      cycleEvents.opened(config, '2020-01-02T01:00:00.000Z'),
      cycleEvents.stepOpened(CYCLE, 'registration', '2020-01-10T01:00:00.000Z'),
    ]);
    expect(rounds.map((r) => r.sendAt)).toEqual([
      '2020-02-28T14:59:59.999Z',
      '2020-02-28T16:58:29.999Z',
      '2020-02-28T17:29:59.999Z',
    ]);
  });

  it('leaves out reminders whose moment had passed when the step opened', () => {
    const late = [...opened, cycleEvents.stepOpened(CYCLE, 'registration', '2020-02-24T00:00:00.000Z')];
    expect(plan(late).map((r) => r.offset)).toEqual(['P3D', 'P1D', 'P1D']);
  });

  it('drops the step once every unit submitted or once it closed', () => {
    const all = ['u1', 'u2', 'u3'].map((u) => cycleEvents.registered(CYCLE, u, '2020-01-20T00:00:00.000Z', DUE));
    expect(plan([...open, ...all])).toEqual([]);
    expect(plan([...open, cycleEvents.stepClosed(CYCLE, 'registration', '2020-01-20T00:00:00.000Z')])).toEqual([]);
  });

  it('plans the new due date after a step-wide extension, and a separate one for a unit extension', () => {
    const newDue = '2020-03-10T16:59:59.999Z';
    const unitDue = '2020-03-20T16:59:59.999Z';
    const rounds = plan([
      ...open,
      cycleEvents.extended(CYCLE, 'registration', newDue, '2020-02-01T00:00:00.000Z'),
      cycleEvents.extended(CYCLE, 'registration', unitDue, '2020-02-01T00:00:00.000Z', 'u3'),
    ]);
    expect(new Set(rounds.map((r) => r.dueAt))).toEqual(new Set([newDue, unitDue]));
    expect(rounds).toHaveLength(8);
  });
});

describe('notificationsOf', () => {
  const at = (iso: string) => new Date(iso);

  it('reminds each unit that has not submitted, and only those', () => {
    const model = fold([...open, cycleEvents.registered(CYCLE, 'u2', '2020-01-20T00:00:00.000Z', DUE)]);
    const cycle = model.cycle(CYCLE)!;
    const [p7] = planCycle(cycle);
    const sent = notificationsOf(p7, cycle, at(p7.sendAt));
    expect(sent.map((n) => n.recipient)).toEqual([
      { type: 'unit', unitId: 'u1' },
      { type: 'unit', unitId: 'u3' },
    ]);
    expect(sent[0].notificationId).toBe(`${p7.roundId}.unit-u1`);
    const message = messageFor(sent[1], cycle);
    expect(message.subject).toBe('Nhắc hạn: Đăng ký thi đua – Cụm thi đua số 2 năm 2020');
    expect(message.text).toBe(
      'Kính gửi Huyện Thử Nghiệm 3: đơn vị chưa nộp bản đăng ký thi đua của Cụm thi đua số 2 năm 2020. Hạn chót là 23:59 ngày 28/02/2020 (còn 7 ngày).',
    );
  });

  it('re-arms a unit whose submission was returned', () => {
    const model = fold([
      ...open,
      cycleEvents.registered(CYCLE, 'u2', '2020-01-20T00:00:00.000Z', DUE),
      cycleEvents.returned(CYCLE, 'u2', '2020-01-21T00:00:00.000Z'),
    ]);
    const cycle = model.cycle(CYCLE)!;
    const [p7] = planCycle(cycle);
    expect(notificationsOf(p7, cycle, at(p7.sendAt)).map((n) => n.units[0])).toEqual(['u1', 'u2', 'u3']);
  });

  it('sends nothing from a round whose due date has moved, or once the due moment has passed', () => {
    const model = fold([
      ...open,
      cycleEvents.extended(CYCLE, 'registration', '2020-03-10T16:59:59.999Z', '2020-02-01T00:00:00.000Z'),
    ]);
    const stale: Round = plan(open)[0];
    const cycle = model.cycle(CYCLE)!;
    expect(notificationsOf(stale, cycle, at(stale.sendAt))).toEqual([]);
    const fresh = planCycle(cycle)[0];
    expect(notificationsOf(fresh, cycle, at('2020-03-11T00:00:00.000Z'))).toEqual([]);
    expect(notificationsOf(fresh, cycle, at(fresh.sendAt))).toHaveLength(3);
  });

  it('escalates to the leader naming the missing units, and to the province for a late nomination', () => {
    const model = fold([...open, cycleEvents.registered(CYCLE, 'u1', '2020-01-20T00:00:00.000Z', DUE)]);
    const cycle = model.cycle(CYCLE)!;
    const escalation = planCycle(cycle).find((r) => r.kind === 'escalation')!;
    const [sent] = notificationsOf(escalation, cycle, at(escalation.sendAt));
    expect(sent.recipient).toEqual({ type: 'leader', unitId: 'u1' });
    expect(sent.units).toEqual(['u2', 'u3']);
    expect(messageFor(sent, cycle).text).toBe(
      'Đã quá hạn 23:59 ngày 28/02/2020 mà 2 đơn vị chưa nộp bản đăng ký thi đua của Cụm thi đua số 2 năm 2020: Huyện Thử Nghiệm 2, Huyện Thử Nghiệm 3.',
    );

    const nomination = fold([
      ...opened,
      {
        streamId: 'x',
        event: {
          ...opened[0].event,
          type: 'VoteClosed',
          data: { cycleId: CYCLE, round: 1, members: 3, participants: 3, results: {} },
        },
      },
    ]);
    const n = nomination.cycle(CYCLE)!;
    const late = planCycle(n).find((r) => r.kind === 'escalation')!;
    expect(late.step).toBe('nomination');
    expect(notificationsOf(late, n, at(late.sendAt)).map((x) => x.recipient)).toEqual([
      { type: 'leader', unitId: 'u1' },
      { type: 'province', provinceId: 'an-giang' },
    ]);
  });
});
