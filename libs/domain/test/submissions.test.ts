import { describe, expect, it } from '@jest/globals';
import { LIMITS } from '../src/index.js';
import type {
  RegistrationSubmitted,
  SelfAssessmentSubmitted,
  SubmitRegistration,
  SubmitSelfAssessment,
  UnitState,
} from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  journey,
  leader,
  memberLeader,
  officer,
  outsideLeader,
  province,
} from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const registrationOpen = () => journey.openStep(journey.open(new World()), 'registration');
const register = (unitId = 'c', at: string = AT): SubmitRegistration => ({
  ...base,
  at,
  type: 'SubmitRegistration',
  actor: officer(unitId),
  unitId,
  aimedAward: 'certificate-of-merit',
  targets: [{ criterionId: 'K1', target: 120, note: 'Kế hoạch' }],
});
const selfAssess = (scores: SubmitSelfAssessment['scores'], unitId = 'c'): SubmitSelfAssessment => ({
  ...base,
  type: 'SubmitSelfAssessment',
  actor: officer(unitId),
  unitId,
  scores,
});

describe('SubmitRegistration', () => {
  it('records version 1 with the due date in force, on time, against the cycle revision it saw', () => {
    const world = registrationOpen();
    given(world.cycleEvents)
      .when(register())
      .then([
        {
          type: 'RegistrationSubmitted',
          data: {
            cycleId: CYCLE_ID,
            unitId: 'c',
            version: 1,
            submittedAt: AT,
            dueAt: '2030-02-28T16:59:59.999Z',
            late: false,
            cycleRevision: 1,
            aimedAward: 'certificate-of-merit',
            targets: [{ criterionId: 'K1', target: 120, note: 'Kế hoạch' }],
          },
        },
      ]);
  });

  it('a correction is a new version; the earlier one stays in the stream', () => {
    const world = registrationOpen();
    world.run(register());
    const [second] = world.run(register()) as [RegistrationSubmitted];
    expect(second.data.version).toBe(2);
    expect(world.unitEvents.get('c')).toHaveLength(2);
  });

  it('a late submission is taken and marked late against the due date in force', () => {
    const world = registrationOpen();
    const [late] = world.run(register('c', '2030-03-01T01:00:00Z')) as [RegistrationSubmitted];
    expect(late.data.late).toBe(true);
  });

  it('an extension for the step, or for the unit, counts when marking late', () => {
    const world = registrationOpen();
    world.run({
      ...base,
      type: 'ExtendDueDate',
      actor: leader,
      step: 'registration',
      unitId: 'c',
      due: '2030-03-05',
      reason: 'Lũ lụt',
    });
    expect((world.decide(register('c', '2030-03-01T01:00:00Z'))[0] as RegistrationSubmitted).data).toMatchObject({
      late: false,
      dueAt: '2030-03-05T16:59:59.999Z',
    });
    expect((world.decide(register('d', '2030-03-01T01:00:00Z'))[0] as RegistrationSubmitted).data.late).toBe(true);
    world.run({
      ...base,
      type: 'ExtendDueDate',
      actor: province,
      step: 'registration',
      due: '2030-03-02',
      reason: 'Tết',
    });
    expect((world.decide(register('d', '2030-03-01T01:00:00Z'))[0] as RegistrationSubmitted).data.late).toBe(false);
  });

  it('rule: a unit submits only for itself (NOT_YOUR_UNIT)', () => {
    given(registrationOpen().cycleEvents)
      .when({ ...register('c'), actor: officer('d') })
      .thenRefused('NOT_YOUR_UNIT');
  });

  it('rule: only unit officers submit (FORBIDDEN_ROLE)', () => {
    given(registrationOpen().cycleEvents)
      .when({ ...register('a'), actor: leader })
      .thenRefused('FORBIDDEN_ROLE');
  });

  it('rule: only member units (an outside unit does not see the cycle: CYCLE_NOT_FOUND)', () => {
    given(registrationOpen().cycleEvents).when(register('x')).thenRefused('CYCLE_NOT_FOUND');
  });

  it('rule: nothing is taken in a step that is not open, until it is reopened (STEP_NOT_OPEN)', () => {
    given(journey.open(new World()).cycleEvents).when(register()).thenRefused('STEP_NOT_OPEN');
    const world = journey.closeStep(registrationOpen(), 'registration');
    given(world.cycleEvents).when(register()).thenRefused('STEP_NOT_OPEN');
    world.run({ ...base, type: 'ReopenStep', actor: leader, step: 'registration', reason: 'Đăng ký bổ sung' });
    given(world.cycleEvents).when(register()).thenTypes(['RegistrationSubmitted']);
  });

  it('rule: targets name criteria of the table, once each; the aimed award is configured (VALIDATION_FAILED)', () => {
    const error = given(registrationOpen().cycleEvents)
      .when({
        ...register(),
        aimedAward: 'gold-medal',
        targets: [
          { criterionId: 'B1', target: 1 },
          { criterionId: 'K1', target: -1 },
          { criterionId: 'K1', target: 2 },
        ],
      })
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'targets[0].criterionId',
      'targets[1].target',
      'targets[2]',
      'aimedAward',
    ]);
  });

  it('rule: a target and a note stay within LIMITS, the limits the HTTP layer declares too (VALIDATION_FAILED)', () => {
    const error = given(registrationOpen().cycleEvents)
      .when({
        ...register(),
        targets: [{ criterionId: 'K1', target: LIMITS.quantity + 1, note: 'x'.repeat(LIMITS.text + 1) }],
      })
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors).toEqual([
      {
        field: 'targets[0].target',
        message: `không được lớn hơn ${LIMITS.quantity}`,
        messageEn: `must not be greater than ${LIMITS.quantity}`,
      },
      {
        field: 'targets[0].note',
        message: `dài quá ${LIMITS.text} ký tự`,
        messageEn: `longer than ${LIMITS.text} characters`,
      },
    ]);
  });
});

describe('SubmitMidYearReport', () => {
  it('records progress and summary', () => {
    const world = journey.openStep(journey.closeStep(registrationOpen(), 'registration'), 'mid-year-review');
    const [event] = world.decide({
      ...base,
      type: 'SubmitMidYearReport',
      actor: officer('c'),
      unitId: 'c',
      progress: [{ criterionId: 'K1', actual: 56 }],
      summary: 'Đạt 56%',
    });
    expect(event).toMatchObject({
      type: 'MidYearReportSubmitted',
      data: { version: 1, progress: [{ criterionId: 'K1', actual: 56 }], summary: 'Đạt 56%', late: false },
    });
  });

  it('rule: only while the mid-year review is open (STEP_NOT_OPEN)', () => {
    given(registrationOpen().cycleEvents)
      .when({ ...base, type: 'SubmitMidYearReport', actor: officer('c'), unitId: 'c', progress: [] })
      .thenRefused('STEP_NOT_OPEN');
  });

  it('rule: progress is a number per known criterion (VALIDATION_FAILED)', () => {
    const world = journey.openStep(journey.closeStep(registrationOpen(), 'registration'), 'mid-year-review');
    given(world.cycleEvents)
      .when({
        ...base,
        type: 'SubmitMidYearReport',
        actor: officer('c'),
        unitId: 'c',
        progress: [{ criterionId: 'K1', actual: Number.NaN }],
      })
      .thenRefused('VALIDATION_FAILED');
  });
});

describe('SubmitSelfAssessment', () => {
  const open = () => journey.toSelfAssessment().cycleEvents;

  it('records points per criterion, bonus and penalty, with evidence kept', () => {
    const [event] = given(open())
      .when(
        selfAssess([
          { criterionId: 'K1', points: 9.5, evidence: 'Báo cáo thu ngân sách' },
          { criterionId: 'B1', points: 2 },
          { criterionId: 'P1', points: 0.25 },
        ]),
      )
      .thenTypes(['SelfAssessmentSubmitted']) as [SelfAssessmentSubmitted];
    expect(event.data.scores).toEqual([
      { criterionId: 'K1', points: 9.5, evidence: 'Báo cáo thu ngân sách' },
      { criterionId: 'B1', points: 2 },
      { criterionId: 'P1', points: 0.25 },
    ]);
  });

  it('refuses evidence that is not text, naming the line (VALIDATION_FAILED), as JSON null would send it', () => {
    const error = given(open())
      .when(selfAssess([{ criterionId: 'K1', points: 9, evidence: null as unknown as string }]))
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual(['scores[0].evidence']);
  });

  it('rule: points never exceed the criterion maximum (POINTS_EXCEED_MAX)', () => {
    const error = given(open())
      .when(selfAssess([{ criterionId: 'K1', points: 10.5 }]))
      .thenRefused('POINTS_EXCEED_MAX');
    expect(error.status).toBe(422);
  });

  it('rule: bonus and penalty stay within their maximum (POINTS_EXCEED_MAX)', () => {
    given(open())
      .when(selfAssess([{ criterionId: 'B1', points: 6 }]))
      .thenRefused('POINTS_EXCEED_MAX');
    given(open())
      .when(selfAssess([{ criterionId: 'P1', points: 5.01 }]))
      .thenRefused('POINTS_EXCEED_MAX');
  });

  it('rule: points are non-negative with at most two decimals, for known items (VALIDATION_FAILED)', () => {
    const error = given(open())
      .when(
        selfAssess([
          { criterionId: 'K1', points: -1 },
          { criterionId: 'K2', points: 1.234 },
          { criterionId: 'Z9', points: 1 },
        ]),
      )
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'scores[0].points',
      'scores[1].points',
      'scores[2].criterionId',
    ]);
  });
});

describe('AcceptSubmission and ReturnSubmission', () => {
  const submitted = () => {
    const world = registrationOpen();
    world.run(register());
    return world;
  };
  const events = (world: World) => [...world.cycleEvents, ...(world.unitEvents.get('c') ?? [])];

  it('the leader accepts the latest version', () => {
    given(events(submitted()))
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'c', submission: 'registration', note: 'Đạt' })
      .then([
        {
          type: 'SubmissionAccepted',
          data: { cycleId: CYCLE_ID, unitId: 'c', submission: 'registration', version: 1, note: 'Đạt' },
        },
      ]);
  });

  it('the leader returns it with a reason, and the unit corrects it with a new version', () => {
    const world = submitted();
    world.run({
      ...base,
      type: 'ReturnSubmission',
      actor: leader,
      unitId: 'c',
      submission: 'registration',
      version: 1,
      reason: 'Thiếu chỉ tiêu thu ngân sách',
    });
    expect(world.context().units.c?.registration?.status).toBe('returned');
    world.run(register());
    const unit = world.context().units.c as UnitState;
    expect(unit.registration).toMatchObject({ version: 2, status: 'submitted' });
  });

  it('rule: a return needs a reason (REASON_REQUIRED)', () => {
    given(events(submitted()))
      .when({ ...base, type: 'ReturnSubmission', actor: leader, unitId: 'c', submission: 'registration', reason: '' })
      .thenRefused('REASON_REQUIRED');
  });

  it('rule: there must be a submission (SUBMISSION_NOT_FOUND)', () => {
    given(registrationOpen().cycleEvents)
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'd', submission: 'registration' })
      .thenRefused('SUBMISSION_NOT_FOUND');
  });

  it('rule: the reviewed version must be the latest (SUBMISSION_VERSION_STALE)', () => {
    const world = submitted();
    world.run(register());
    given(events(world))
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'c', submission: 'registration', version: 1 })
      .thenRefused('SUBMISSION_VERSION_STALE');
  });

  it('rule: a reviewed version is not reviewed again (SUBMISSION_ALREADY_REVIEWED)', () => {
    const world = submitted();
    world.run({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'c', submission: 'registration' });
    given(events(world))
      .when({ ...base, type: 'ReturnSubmission', actor: leader, unitId: 'c', submission: 'registration', reason: 'x' })
      .thenRefused('SUBMISSION_ALREADY_REVIEWED');
  });

  it('rule: nothing is accepted in a closed step unless it is reopened (STEP_NOT_OPEN)', () => {
    const world = journey.closeStep(submitted(), 'registration');
    given(events(world))
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'c', submission: 'registration' })
      .thenRefused('STEP_NOT_OPEN');
  });

  it('rule: only the cycle leader reviews (FORBIDDEN_ROLE, NOT_CLUSTER_LEADER), a known kind of a member unit (VALIDATION_FAILED, NOT_A_MEMBER)', () => {
    const all = events(submitted());
    given(all)
      .when({ ...base, type: 'AcceptSubmission', actor: officer('c'), unitId: 'c', submission: 'registration' })
      .thenRefused('FORBIDDEN_ROLE');
    given(all)
      .when({ ...base, type: 'AcceptSubmission', actor: memberLeader, unitId: 'c', submission: 'registration' })
      .thenRefused('NOT_CLUSTER_LEADER');
    given(all)
      .when({ ...base, type: 'AcceptSubmission', actor: outsideLeader, unitId: 'c', submission: 'registration' })
      .thenRefused('CYCLE_NOT_FOUND');
    given(all)
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'c', submission: 'pledge' as 'registration' })
      .thenRefused('VALIDATION_FAILED');
    given(all)
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'c', submission: 'registration', version: 0 })
      .thenRefused('VALIDATION_FAILED');
    given(all)
      .when({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'x', submission: 'registration' })
      .thenRefused('NOT_A_MEMBER');
  });
});
