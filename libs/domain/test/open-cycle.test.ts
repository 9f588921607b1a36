import { describe, expect, it } from '@jest/globals';
import type { CycleOpened } from '../src/index.js';
import { DEFAULT_NOTIFICATIONS, MAX_STREAM_NAME_LENGTH, defaultCycleId, unitStreamName } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import { leader, openCycleCommand, province } from '../src/testing/small-cycle.js';

describe('OpenCycle', () => {
  it('records the whole configuration with the defaults of the domain document', () => {
    const [event] = given().when(openCycleCommand()).thenTypes(['CycleOpened']) as [CycleOpened];
    expect(event.data.awards).toEqual([
      { kind: 'emulation-flag', quota: 1 },
      { kind: 'certificate-of-merit', quota: 2 },
    ]);
    expect(event.data.voteRules).toEqual({ quorum: '2/3', passThreshold: '7/10', of: 'ballots-cast' });
    expect(event.data.tieBreak).toEqual(['final-score', 'first-group', 'vote']);
    expect(event.data.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(event.data.notifications).toEqual(DEFAULT_NOTIFICATIONS);
    expect(event.data.deputyUnitId).toBe('b');
  });

  it('stores each due date as given and resolved: a date means the end of that day in the time zone', () => {
    const [event] = given()
      .when(openCycleCommand({ schedule: { ...openCycleCommand().schedule, decision: '2031-04-30T09:30:00+07:00' } }))
      .thenTypes(['CycleOpened']) as [CycleOpened];
    expect(event.data.schedule.registration).toEqual({ given: '2030-02-28', dueAt: '2030-02-28T16:59:59.999Z' });
    expect(event.data.schedule.decision).toEqual({
      given: '2031-04-30T09:30:00+07:00',
      dueAt: '2031-04-30T02:30:00.000Z',
    });
  });

  it('expresses the older rule "90% of all members" and custom quotas, reminders and time zone', () => {
    const [event] = given()
      .when(
        openCycleCommand({
          awards: [{ kind: 'emulation-flag', quota: 2 }],
          voteRules: { quorum: 0.5, passThreshold: '90%', of: 'members' },
          notifications: { reminders: ['P10D'], at: '07:30' },
          timeZone: 'Asia/Bangkok',
        }),
      )
      .thenTypes(['CycleOpened']) as [CycleOpened];
    expect(event.data.voteRules).toEqual({ quorum: '1/2', passThreshold: '9/10', of: 'members' });
    expect(event.data.notifications).toEqual({ reminders: ['P10D'], at: '07:30', escalateAfter: 'P1D' });
    expect(event.data.awards).toEqual([{ kind: 'emulation-flag', quota: 2 }]);
  });

  it('accepts reminders and escalation delays up to 366 days, in any ISO unit', () => {
    const notifications = { reminders: ['P366D', 'P1Y1D', 'PT8784H', 'PT1S'], at: '08:00', escalateAfter: 'P1Y' };
    const [event] = given().when(openCycleCommand({ notifications })).thenTypes(['CycleOpened']) as [CycleOpened];
    expect(event.data.notifications).toEqual(notifications);
  });

  it("keeps the cycle's holidays (Tết) as sorted distinct dates, frozen with the reminders", () => {
    const holidays = ['2031-01-24', '2031-01-22', '2031-01-23', '2031-01-22'];
    const [event] = given()
      .when(openCycleCommand({ notifications: { holidays } }))
      .thenTypes(['CycleOpened']) as [CycleOpened];
    expect(event.data.notifications.holidays).toEqual(['2031-01-22', '2031-01-23', '2031-01-24']);
  });

  it('rule: holidays are dates YYYY-MM-DD around the cycle year (VALIDATION_FAILED)', () => {
    const error = given()
      .when(openCycleCommand({ notifications: { holidays: ['2031-02-30', '10/02/2031', '9999-12-31'] } }))
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'notifications.holidays[0]',
      'notifications.holidays[1]',
      'notifications.holidays[2]',
    ]);
  });

  it('stores names in Unicode NFC and trimmed', () => {
    const decomposed = ' Cụm thi đua số 1 '.normalize('NFD');
    const [event] = given()
      .when(openCycleCommand({ clusterName: decomposed }))
      .thenTypes(['CycleOpened']) as [CycleOpened];
    expect(event.data.clusterName).toBe('Cụm thi đua số 1'.normalize('NFC'));
  });

  it('rule: only the province opens a cycle (FORBIDDEN_ROLE)', () => {
    given()
      .when(openCycleCommand({ actor: leader }))
      .thenRefused('FORBIDDEN_ROLE');
  });

  it('rule: a second cycle for the same cluster and year is refused (CYCLE_ALREADY_OPEN)', () => {
    given(new World().run(openCycleCommand())).when(openCycleCommand()).thenRefused('CYCLE_ALREADY_OPEN');
    expect(defaultCycleId('cum-1', 2030)).toBe('cum-1-2030');
  });

  it('rule: the command instant must be an ISO instant with an offset (VALIDATION_FAILED)', () => {
    given()
      .when(openCycleCommand({ at: '2030-01-02 08:00' }))
      .thenRefused('VALIDATION_FAILED');
  });

  const invalid: Array<[string, Parameters<typeof openCycleCommand>[0], string]> = [
    ['the leader must be a member', { leaderUnitId: 'x' }, 'leaderUnitId'],
    ['the deputy must be a member', { deputyUnitId: 'x' }, 'deputyUnitId'],
    ['the deputy differs from the leader', { deputyUnitId: 'a' }, 'deputyUnitId'],
    [
      'unit ids are unique',
      {
        units: [
          { id: 'a', name: 'A' },
          { id: 'a', name: 'A2' },
        ],
      },
      'units[1]',
    ],
    ['the roster is not empty', { units: [] }, 'units'],
    ['ids are safe in stream names', { cycleId: 'cum.1/2030' }, 'cycleId'],
    ['the year is an integer', { year: 2030.5 }, 'year'],
    ['the year is plausible', { year: 1800 }, 'year'],
    [
      'maximum points are positive',
      { criteria: { ...openCycleCommand().criteria, bonus: [{ id: 'B1', title: 'x', maxPoints: 0 }] } },
      'criteria.bonus[0].maxPoints',
    ],
    [
      'criterion ids are unique across criteria, bonus and penalty',
      { criteria: { ...openCycleCommand().criteria, penalty: [{ id: 'K1', title: 'x', maxPoints: 1 }] } },
      'criteria[4]',
    ],
    [
      'a criterion kind is quantitative or qualitative',
      {
        criteria: {
          groups: [
            { id: 'G', title: 'G', criteria: [{ id: 'K', title: 'K', maxPoints: 1, kind: 'other' as 'qualitative' }] },
          ],
          bonus: [],
          penalty: [],
        },
      },
      'criteria.groups[0].criteria[0].kind',
    ],
    [
      'a group has criteria',
      { criteria: { groups: [{ id: 'G', title: 'G', criteria: [] }], bonus: [], penalty: [] } },
      'criteria.groups[0].criteria',
    ],
    ['quotas are at least 1', { awards: [{ kind: 'emulation-flag', quota: 0 }] }, 'awards[0].quota'],
    [
      'award kinds are unique',
      {
        awards: [
          { kind: 'emulation-flag', quota: 1 },
          { kind: 'emulation-flag', quota: 1 },
        ],
      },
      'awards[1]',
    ],
    ['the quorum is a ratio in (0, 1]', { voteRules: { quorum: 1.5 } }, 'voteRules.quorum'],
    ['the pass threshold is a ratio in (0, 1]', { voteRules: { passThreshold: 'most' } }, 'voteRules.passThreshold'],
    ['the threshold counts ballots cast or members', { voteRules: { of: 'people' as 'members' } }, 'voteRules.of'],
    ['the tie rule starts with the final score', { tieBreak: ['first-group', 'final-score'] }, 'tieBreak[0]'],
    ['the tie rule knows its keys', { tieBreak: ['final-score', 'coin-toss' as 'vote'] }, 'tieBreak[1]'],
    ['the time zone exists', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    [
      'each due date is a date or date-time',
      { schedule: { ...openCycleCommand().schedule, vote: '20/01/2031' } },
      'schedule.vote',
    ],
    [
      'due dates follow the order of the steps',
      { schedule: { ...openCycleCommand().schedule, 'mid-year-review': '2030-01-15' } },
      'schedule.mid-year-review',
    ],
    [
      'the schedule knows its steps',
      { schedule: { ...openCycleCommand().schedule, party: '2030-05-01' } as OpenCycleSchedule },
      'schedule.party',
    ],
    ['reminders are ISO durations', { notifications: { reminders: ['7 days'] } }, 'notifications.reminders[0]'],
    ['a reminder is not negative', { notifications: { reminders: ['P7D', '-P1D'] } }, 'notifications.reminders[1]'],
    ['a reminder has no negative part', { notifications: { reminders: ['P1DT-1H'] } }, 'notifications.reminders[0]'],
    ['a reminder is not zero', { notifications: { reminders: ['PT0S'] } }, 'notifications.reminders[0]'],
    ['a reminder is at most 366 days', { notifications: { reminders: ['P100000Y'] } }, 'notifications.reminders[0]'],
    [
      'a reminder in days is at most 366 days',
      { notifications: { reminders: ['P99999999D'] } },
      'notifications.reminders[0]',
    ],
    ['the reminder time is HH:mm', { notifications: { at: '8h' } }, 'notifications.at'],
    ['escalation is an ISO duration', { notifications: { escalateAfter: 'tomorrow' } }, 'notifications.escalateAfter'],
    ['escalation is not negative', { notifications: { escalateAfter: '-P1D' } }, 'notifications.escalateAfter'],
    ['escalation is not zero', { notifications: { escalateAfter: 'P0D' } }, 'notifications.escalateAfter'],
    ['escalation is at most 366 days', { notifications: { escalateAfter: 'P367D' } }, 'notifications.escalateAfter'],
  ];
  type OpenCycleSchedule = ReturnType<typeof openCycleCommand>['schedule'];

  it.each(invalid)('rule: %s (VALIDATION_FAILED)', (_rule, overrides, field) => {
    const error = given().when(openCycleCommand(overrides)).thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toContain(field);
    expect(error.kind).toBe('invalid');
  });

  it('rule: a malformed criteria table is refused, not crashed on (VALIDATION_FAILED)', () => {
    const broken = openCycleCommand({
      criteria: null as never,
      units: 'a,b' as never,
      notifications: 'daily' as never,
    });
    const error = given().when(broken).thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual(
      expect.arrayContaining(['criteria', 'units', 'notifications']),
    );
  });

  it('rule: every unit stream name fits the store (VALIDATION_FAILED naming the unit id)', () => {
    const cycleId = 'c'.repeat(100);
    const fits = 'a'.repeat(MAX_STREAM_NAME_LENGTH - unitStreamName(cycleId, '').length);
    const tooLong = `${fits}x`;
    expect(unitStreamName(cycleId, fits)).toHaveLength(MAX_STREAM_NAME_LENGTH);
    const units = [
      { id: fits, name: 'A' },
      { id: tooLong, name: 'B' },
    ];

    const error = given()
      .when(openCycleCommand({ cycleId, units, leaderUnitId: fits, deputyUnitId: tooLong }))
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors).toEqual([
      {
        field: 'units[1].id',
        message: expect.stringContaining('vượt quá 200 ký tự'),
        messageEn: expect.stringContaining('exceeds 200'),
      },
    ]);
    expect(error.message).toContain('units[1].id');

    given()
      .when(
        openCycleCommand({
          cycleId,
          units: [units[0]!, { id: 'b', name: 'B' }],
          leaderUnitId: fits,
          deputyUnitId: 'b',
        }),
      )
      .thenTypes(['CycleOpened']);
  });

  it('opens for a province actor holding several roles', () => {
    given()
      .when(openCycleCommand({ actor: { userId: 'p', roles: ['auditor', 'province'], provinceId: 'tinh' } }))
      .thenTypes(['CycleOpened']);
    expect(province.roles).toEqual(['province']);
  });
});
