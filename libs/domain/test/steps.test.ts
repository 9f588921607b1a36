import { describe, expect, it } from '@jest/globals';
import type { DueDateExtended, OpenedCycleState } from '../src/index.js';
import { dueInForce } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  auditor,
  deputy,
  journey,
  leader,
  officer,
  memberLeader,
  outsideLeader,
  province,
} from '../src/testing/small-cycle.js';

const opened = () => journey.open(new World()).cycleEvents;
const base = { cycleId: CYCLE_ID, at: AT } as const;

describe('OpenStep and CloseStep', () => {
  it('opens registration, then closes it with a summary', () => {
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'registration' })
      .then([{ type: 'StepOpened', data: { cycleId: CYCLE_ID, step: 'registration' } }]);
    const world = journey.openStep(journey.open(new World()), 'registration');
    given(world.cycleEvents)
      .when({ ...base, type: 'CloseStep', actor: leader, step: 'registration', summary: ' Ký kết giao ước ' })
      .then([{ type: 'StepClosed', data: { cycleId: CYCLE_ID, step: 'registration', summary: 'Ký kết giao ước' } }]);
  });

  it('the deputy leader unit may drive the steps', () => {
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: deputy, step: 'registration' })
      .thenTypes(['StepOpened']);
  });

  it('rule: a leader of another cluster may not (NOT_CLUSTER_LEADER)', () => {
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: memberLeader, step: 'registration' })
      .thenRefused('NOT_CLUSTER_LEADER');
    // A leader of a unit outside the cycle does not see it at all.
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: outsideLeader, step: 'registration' })
      .thenRefused('CYCLE_NOT_FOUND');
  });

  it('rule: only leaders open and close steps (FORBIDDEN_ROLE)', () => {
    for (const actor of [officer('a'), province, auditor]) {
      given(opened())
        .when({ ...base, type: 'OpenStep', actor, step: 'registration' })
        .thenRefused('FORBIDDEN_ROLE');
    }
  });

  it('rule: an unknown cycle is not found (CYCLE_NOT_FOUND)', () => {
    const error = given()
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'registration' })
      .thenRefused('CYCLE_NOT_FOUND');
    expect(error.status).toBe(404);
  });

  it('rule: steps open in order (STEP_OUT_OF_ORDER)', () => {
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'mid-year-review' })
      .thenRefused('STEP_OUT_OF_ORDER');
    const world = journey.openStep(journey.open(new World()), 'registration');
    given(world.cycleEvents)
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'self-assessment' })
      .thenRefused('STEP_OUT_OF_ORDER');
  });

  it('rule: an open step is not opened again (STEP_ALREADY_OPEN); a closed one needs a reopen (STEP_ALREADY_CLOSED)', () => {
    const world = journey.openStep(journey.open(new World()), 'registration');
    given(world.cycleEvents)
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'registration' })
      .thenRefused('STEP_ALREADY_OPEN');
    journey.closeStep(world, 'registration');
    given(world.cycleEvents)
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'registration' })
      .thenRefused('STEP_ALREADY_CLOSED');
  });

  it('rule: only an open step closes (STEP_NOT_OPEN)', () => {
    given(opened())
      .when({ ...base, type: 'CloseStep', actor: leader, step: 'registration' })
      .thenRefused('STEP_NOT_OPEN');
  });

  it('rule: the vote is opened by OpenVote, not OpenStep (VALIDATION_FAILED)', () => {
    given(opened())
      .when({ ...base, type: 'OpenStep', actor: leader, step: 'vote' as 'registration' })
      .thenRefused('VALIDATION_FAILED');
  });

  it('rule: a closed cycle takes no more step commands (CYCLE_CLOSED)', () => {
    const world = journey.toDecided();
    given(world.cycleEvents)
      .when({ ...base, type: 'CloseStep', actor: leader, step: 'registration' })
      .thenRefused('CYCLE_CLOSED');
  });
});

describe('ReopenStep', () => {
  const closedRegistration = () =>
    journey.closeStep(journey.openStep(journey.open(new World()), 'registration'), 'registration');

  it('reopens a closed step with its reason, by the leader or the province', () => {
    for (const actor of [leader, province]) {
      given(closedRegistration().cycleEvents)
        .when({ ...base, type: 'ReopenStep', actor, step: 'registration', reason: 'Đơn vị C xin đăng ký bổ sung' })
        .then([
          {
            type: 'StepReopened',
            data: { cycleId: CYCLE_ID, step: 'registration', reason: 'Đơn vị C xin đăng ký bổ sung' },
          },
        ]);
    }
  });

  it('rule: a reason is required (REASON_REQUIRED)', () => {
    given(closedRegistration().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'registration', reason: '  ' })
      .thenRefused('REASON_REQUIRED');
  });

  it('rule: only a closed step is reopened (STEP_NOT_CLOSED)', () => {
    given(opened())
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'registration', reason: 'x' })
      .thenRefused('STEP_NOT_CLOSED');
    given(journey.toVote().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'vote', reason: 'x' })
      .thenRefused('STEP_NOT_CLOSED');
  });

  it('rule: self-assessment is not reopened once scores are locked (SCORES_LOCKED)', () => {
    given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'self-assessment', reason: 'x' })
      .thenRefused('SCORES_LOCKED');
  });

  it('rule: units may not reopen (FORBIDDEN_ROLE); other clusters may not (NOT_CLUSTER_LEADER)', () => {
    given(closedRegistration().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: officer('a'), step: 'registration', reason: 'x' })
      .thenRefused('FORBIDDEN_ROLE');
    given(closedRegistration().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: memberLeader, step: 'registration', reason: 'x' })
      .thenRefused('NOT_CLUSTER_LEADER');
  });

  it('rule: only reopenable steps (VALIDATION_FAILED)', () => {
    given(opened())
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'decision' as 'vote', reason: 'x' })
      .thenRefused('VALIDATION_FAILED');
  });

  it('rule: the vote is reopened for a new round only while no nominations await or were accepted (NOMINATIONS_PENDING, NOMINATIONS_ALREADY_ACCEPTED)', () => {
    given(journey.toNominated().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'vote', reason: 'x' })
      .thenRefused('NOMINATIONS_PENDING');
    given(journey.toAccepted().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'vote', reason: 'x' })
      .thenRefused('NOMINATIONS_ALREADY_ACCEPTED');
    given(journey.toVoteClosed().cycleEvents)
      .when({ ...base, type: 'ReopenStep', actor: leader, step: 'vote', reason: 'Bỏ phiếu lại' })
      .thenTypes(['StepReopened']);
  });
});

describe('ExtendDueDate', () => {
  it('moves a step due date for every unit, storing the given value and the resolved instant', () => {
    given(opened())
      .when({
        ...base,
        type: 'ExtendDueDate',
        actor: province,
        step: 'registration',
        due: '2030-03-10',
        reason: 'Tết Nguyên đán',
      })
      .then([
        {
          type: 'DueDateExtended',
          data: {
            cycleId: CYCLE_ID,
            step: 'registration',
            due: '2030-03-10',
            dueAt: '2030-03-10T16:59:59.999Z',
            reason: 'Tết Nguyên đán',
          },
        },
      ]);
  });

  it('moves the due date of one unit only', () => {
    const world = journey.open(new World());
    const [event] = world.run({
      ...base,
      type: 'ExtendDueDate',
      actor: leader,
      step: 'registration',
      unitId: 'c',
      due: '2030-03-05T17:00:00+07:00',
      reason: 'Lũ lụt',
    }) as [DueDateExtended];
    expect(event.data).toMatchObject({ unitId: 'c', dueAt: '2030-03-05T10:00:00.000Z' });
    const cycle = world.context().cycle as OpenedCycleState;
    expect(dueInForce(cycle, 'registration', 'c')).toBe('2030-03-05T10:00:00.000Z');
    expect(dueInForce(cycle, 'registration', 'd')).toBe('2030-02-28T16:59:59.999Z');
  });

  it('rule: the new due date is later than the one in force, extensions included (DUE_NOT_LATER)', () => {
    const world = journey.open(new World());
    world.run({ ...base, type: 'ExtendDueDate', actor: leader, step: 'registration', due: '2030-03-10', reason: 'x' });
    given(world.cycleEvents)
      .when({ ...base, type: 'ExtendDueDate', actor: leader, step: 'registration', due: '2030-03-05', reason: 'x' })
      .thenRefused('DUE_NOT_LATER');
    given(world.cycleEvents)
      .when({
        ...base,
        type: 'ExtendDueDate',
        actor: leader,
        step: 'registration',
        unitId: 'c',
        due: '2030-03-05',
        reason: 'x',
      })
      .thenRefused('DUE_NOT_LATER');
  });

  it('rule: a reason is required (REASON_REQUIRED)', () => {
    given(opened())
      .when({ ...base, type: 'ExtendDueDate', actor: leader, step: 'registration', due: '2030-03-10', reason: '' })
      .thenRefused('REASON_REQUIRED');
  });

  it('rule: a per-unit extension only for the steps units submit in, and a valid due date (VALIDATION_FAILED)', () => {
    const error = given(opened())
      .when({ ...base, type: 'ExtendDueDate', actor: leader, step: 'vote', unitId: 'c', due: 'soon', reason: 'x' })
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual(['unitId', 'due']);
    given(opened())
      .when({ ...base, type: 'ExtendDueDate', actor: leader, step: 'party' as 'vote', due: '2030-03-10', reason: 'x' })
      .thenRefused('VALIDATION_FAILED');
  });

  it('rule: the unit must be a member (NOT_A_MEMBER)', () => {
    given(opened())
      .when({
        ...base,
        type: 'ExtendDueDate',
        actor: leader,
        step: 'registration',
        unitId: 'x',
        due: '2030-03-10',
        reason: 'x',
      })
      .thenRefused('NOT_A_MEMBER');
  });

  it('rule: units may not extend their own due date (FORBIDDEN_ROLE)', () => {
    given(opened())
      .when({
        ...base,
        type: 'ExtendDueDate',
        actor: officer('c'),
        step: 'registration',
        unitId: 'c',
        due: '2030-03-10',
        reason: 'x',
      })
      .thenRefused('FORBIDDEN_ROLE');
  });
});
