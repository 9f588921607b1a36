/**
 * Scoring integrity (issue 14): reviewed scores hold, the lock needs every score reviewed, an
 * unlock needs a reason and voids the vote, quantitative criteria are scored from figures, and
 * eligibility (disqualifying items, minimum total, registration where required) is in the standings.
 */
import { describe, expect, it } from '@jest/globals';
import type {
  CriteriaTable,
  DomainCommand,
  OpenCycle,
  ScoresLocked,
  SelfAssessmentSubmitted,
  SubmitSelfAssessment,
  VoteOpened,
} from '../src/index.js';
import { derivePoints, describeIneligibility } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  UNITS,
  journey,
  leader,
  officer,
  openCycleCommand,
  province,
} from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const lock = { ...base, type: 'LockScores', actor: leader } as const;
const unlock = (reason = 'Tỉnh trả hồ sơ: sai sót điểm tiêu chí K1 của đơn vị D') =>
  ({ ...base, type: 'UnlockScores', actor: leader, reason }) as const;
const missing = (unitId: string, reason = 'Không nộp bản tự chấm điểm đúng hạn') =>
  ({ ...base, type: 'RecordMissingSelfAssessment', actor: leader, unitId, reason }) as const;
const selfAssess = (unitId: string, scores: SubmitSelfAssessment['scores']): SubmitSelfAssessment => ({
  ...base,
  type: 'SubmitSelfAssessment',
  actor: officer(unitId),
  unitId,
  scores,
});

/** The small cycle with K1 scored from figures (revenue, full points at 120% of the plan) and K3 lower-is-better. */
function figuresCriteria(): CriteriaTable {
  const criteria = openCycleCommand().criteria;
  return {
    ...criteria,
    groups: [
      {
        ...criteria.groups[0]!,
        criteria: [
          {
            id: 'K1',
            title: 'Thu ngân sách',
            maxPoints: 10,
            kind: 'quantitative',
            unit: 'tỷ đồng',
            formula: { direction: 'higher-is-better', fullAt: 1.2 },
          },
          criteria.groups[0]!.criteria[1]!,
        ],
      },
      {
        id: 'G2',
        title: 'Xã hội',
        criteria: [
          {
            id: 'K3',
            title: 'Tỷ lệ hộ nghèo',
            maxPoints: 10,
            kind: 'quantitative',
            unit: '%',
            formula: { direction: 'lower-is-better', fullAt: 1 },
          },
        ],
      },
    ],
  };
}

function worldWith(overrides: Partial<OpenCycle>): World {
  const world = new World();
  journey.open(world, overrides);
  return world;
}

describe('LockScores needs every score reviewed', () => {
  it('rule: refused with the units in the way while a latest self-assessment is not accepted (SCORES_NOT_REVIEWED)', () => {
    const world = journey.toSelfAssessment();
    world.run(selfAssess('a', [{ criterionId: 'K2', points: 9 }]));
    world.run({ ...base, type: 'AcceptSubmission', actor: leader, unitId: 'a', submission: 'self-assessment' });
    world.run(selfAssess('b', [{ criterionId: 'K2', points: 9 }]));
    world.run(selfAssess('c', [{ criterionId: 'K2', points: 9 }]));
    world.run({
      ...base,
      type: 'ReturnSubmission',
      actor: leader,
      unitId: 'c',
      submission: 'self-assessment',
      reason: 'Thiếu minh chứng',
    });
    journey.closeStep(world, 'self-assessment');
    const error = given(world.cycleEvents, ...[...world.unitEvents.values()])
      .when(lock)
      .thenRefused('SCORES_NOT_REVIEWED');
    expect(error.message).toBe(
      'Chưa thể chốt điểm: Đơn vị B (chờ xem xét); Đơn vị C (bị trả lại, chưa nộp lại); Đơn vị D (chưa nộp, chưa ghi nhận không nộp)',
    );
    expect(error.errors?.map((e) => e.field)).toEqual(['units.b', 'units.c', 'units.d']);
  });

  it('rule: a resubmission after the acceptance needs its own review (SCORES_NOT_REVIEWED)', () => {
    const world = journey.toReviewed();
    world.run(selfAssess('d', [{ criterionId: 'K1', points: 9 }]));
    journey.closeStep(world, 'self-assessment');
    expect(world.refusal(lock).code).toBe('SCORES_NOT_REVIEWED');
  });

  it('locks when every unit is accepted or recorded missing', () => {
    const world = journey.toSelfAssessment();
    for (const unitId of UNITS) world.run(missing(unitId));
    journey.closeStep(world, 'self-assessment');
    expect(world.run(lock).map((event) => event.type)).toEqual(['ScoresLocked']);
  });
});

describe('RecordMissingSelfAssessment', () => {
  it('records the reason; the unit is scored on reviewers\u2019 points only and is not eligible', () => {
    const world = journey.toSelfAssessment();
    world.run(
      selfAssess('d', [
        { criterionId: 'K1', points: 9 },
        { criterionId: 'K2', points: 9 },
      ]),
    );
    world.run({
      ...base,
      type: 'AdjustScore',
      actor: province,
      unitId: 'd',
      criterionId: 'K2',
      points: 4,
      reason: 'Thẩm định',
    });
    world.run({
      ...base,
      type: 'ReturnSubmission',
      actor: leader,
      unitId: 'd',
      submission: 'self-assessment',
      reason: 'Sai biểu mẫu',
    });
    given(world.cycleEvents, world.unitEvents.get('d')!)
      .when(missing('d'))
      .then([
        {
          type: 'SelfAssessmentMissingRecorded',
          data: { cycleId: CYCLE_ID, unitId: 'd', version: 1, reason: 'Không nộp bản tự chấm điểm đúng hạn' },
        },
      ]);
    world.run(missing('d'));
    expect(world.context().units.d!.points).toEqual({ K2: 4 });
    for (const unitId of ['a', 'b', 'c']) world.run(missing(unitId));
    journey.closeStep(world, 'self-assessment');
    const [locked] = world.run(lock) as [ScoresLocked];
    expect(locked.data.scores.find((row) => row.unitId === 'd')).toMatchObject({
      final: 4,
      eligible: false,
      ineligible: [{ rule: 'self-assessment-missing', reason: 'Không nộp bản tự chấm điểm đúng hạn' }],
    });
  });

  it('rule: not while a self-assessment awaits review or was accepted (SELF_ASSESSMENT_PRESENT)', () => {
    const world = journey.toSelfAssessment();
    world.run(selfAssess('d', [{ criterionId: 'K1', points: 9 }]));
    given(world.cycleEvents, world.unitEvents.get('d')!).when(missing('d')).thenRefused('SELF_ASSESSMENT_PRESENT');
    expect(
      given(journey.toReview().cycleEvents, journey.toReview().unitEvents.get('d')!)
        .when(missing('d'))
        .thenRefused('SELF_ASSESSMENT_PRESENT').message,
    ).toContain('đã chấp nhận');
  });

  it('rule: once per version (SELF_ASSESSMENT_MISSING_ALREADY_RECORDED); a later self-assessment supersedes the record', () => {
    const world = journey.toSelfAssessment();
    world.run(missing('d'));
    expect(world.refusal(missing('d')).code).toBe('SELF_ASSESSMENT_MISSING_ALREADY_RECORDED');
    world.run(selfAssess('d', [{ criterionId: 'K1', points: 9 }]));
    expect(world.context().units.d!.selfAssessmentMissing).toBeUndefined();
    expect(world.context().units.d!.points).toEqual({ K1: 9 });
  });

  it('rule: a reason (REASON_REQUIRED), the leader (FORBIDDEN_ROLE), not before the step opened (STEP_OUT_OF_ORDER), not after the lock (SCORES_LOCKED)', () => {
    given(journey.toSelfAssessment().cycleEvents).when(missing('d', ' ')).thenRefused('REASON_REQUIRED');
    given(journey.toSelfAssessment().cycleEvents)
      .when({ ...missing('d'), actor: province } as DomainCommand)
      .thenRefused('FORBIDDEN_ROLE');
    given(journey.open(new World()).cycleEvents).when(missing('d')).thenRefused('STEP_OUT_OF_ORDER');
    given(journey.toLocked().cycleEvents).when(missing('d')).thenRefused('SCORES_LOCKED');
  });
});

describe('UnlockScores', () => {
  it('records the reason and voids the vote that followed the lock', () => {
    const world = journey.toNominated();
    world.run({ ...base, type: 'ReturnNominations', actor: province, reason: 'Sai sót điểm của đơn vị D' });
    given(world.cycleEvents)
      .when(unlock())
      .then([
        {
          type: 'ScoresUnlocked',
          data: { cycleId: CYCLE_ID, reason: 'Tỉnh trả hồ sơ: sai sót điểm tiêu chí K1 của đơn vị D', voidedRound: 1 },
        },
      ]);
  });

  it('rule: the vote must be run again: no nomination on the voided vote (VOTE_NOT_CLOSED); a new round on the new lock', () => {
    const world = journey.toNominated();
    world.run({ ...base, type: 'ReturnNominations', actor: province, reason: 'Sai sót điểm' });
    world.run(unlock());
    const cycle = world.context().cycle;
    expect(cycle.status !== 'none' && cycle.locked).toBeUndefined();
    world.run({
      ...base,
      type: 'AdjustScore',
      actor: leader,
      unitId: 'b',
      criterionId: 'K1',
      points: 7,
      reason: 'Sửa sai sót',
    });
    expect(
      world.refusal({
        ...base,
        type: 'SubmitNominations',
        actor: leader,
        nominations: [{ unitId: 'a', award: 'emulation-flag' }],
        dossier: [{ kind: 'minutes', ref: 'x' }],
      }).code,
    ).toBe('VOTE_NOT_CLOSED');
    const [relocked] = world.run(lock) as [ScoresLocked];
    expect(relocked.data.ranking).toEqual(['a', 'c', 'b', 'd']);
    const [opened] = world.run({ ...base, type: 'OpenVote', actor: leader }) as [VoteOpened];
    expect(opened.data).toMatchObject({
      round: 2,
      candidates: { 'emulation-flag': ['a'], 'certificate-of-merit': ['c', 'b'] },
    });
  });

  it('rule: only locked scores (SCORES_NOT_LOCKED), never while the dossier awaits or was accepted (NOMINATIONS_PENDING, NOMINATIONS_ALREADY_ACCEPTED)', () => {
    given(journey.toReview().cycleEvents).when(unlock()).thenRefused('SCORES_NOT_LOCKED');
    given(journey.toNominated().cycleEvents).when(unlock()).thenRefused('NOMINATIONS_PENDING');
    given(journey.toAccepted().cycleEvents).when(unlock()).thenRefused('NOMINATIONS_ALREADY_ACCEPTED');
  });

  it('rule: a reason (REASON_REQUIRED); the leader only (FORBIDDEN_ROLE); before any vote, nothing is voided', () => {
    given(journey.toLocked().cycleEvents).when(unlock('')).thenRefused('REASON_REQUIRED');
    given(journey.toLocked().cycleEvents)
      .when({ ...unlock(), actor: province } as DomainCommand)
      .thenRefused('FORBIDDEN_ROLE');
    given(journey.toLocked().cycleEvents)
      .when(unlock())
      .then([
        {
          type: 'ScoresUnlocked',
          data: { cycleId: CYCLE_ID, reason: 'Tỉnh trả hồ sơ: sai sót điểm tiêu chí K1 của đơn vị D' },
        },
      ]);
  });
});

describe('quantitative criteria scored from figures', () => {
  const figures = () => {
    const world = worldWith({ criteria: figuresCriteria() });
    journey.openStep(world, 'registration');
    world.run({
      ...base,
      type: 'SubmitRegistration',
      actor: officer('a'),
      unitId: 'a',
      targets: [{ criterionId: 'K1', target: 50 }],
    });
    journey.closeStep(world, 'registration');
    journey.openStep(world, 'mid-year-review');
    journey.closeStep(world, 'mid-year-review');
    journey.openStep(world, 'self-assessment');
    return world;
  };

  it('derives the points from the actual and the registered target, recording the figures', () => {
    const [event] = given(figures().cycleEvents, figures().unitEvents.get('a')!)
      .when(
        selfAssess('a', [
          { criterionId: 'K1', actual: 54, unit: 'tỷ đồng' },
          { criterionId: 'K2', points: 8 },
        ]),
      )
      .thenTypes(['SelfAssessmentSubmitted']) as [SelfAssessmentSubmitted];
    // 54 of 50 is 108%; the maximum comes at 120%: 10 × 1.08 / 1.2 = 9.
    expect(event.data.scores).toEqual([
      { criterionId: 'K1', points: 9, actual: 54, target: 50, unit: 'tỷ đồng' },
      { criterionId: 'K2', points: 8 },
    ]);
  });

  it('lower is better: a poverty rate under its target earns the maximum, over it proportionally less', () => {
    const world = figures();
    const [event] = world.run(
      selfAssess('b', [
        { criterionId: 'K1', actual: 70, target: 50, unit: 'tỷ đồng' },
        { criterionId: 'K3', actual: 4, target: 3, unit: '%' },
      ]),
    ) as [SelfAssessmentSubmitted];
    expect(event.data.scores.map((line) => line.points)).toEqual([10, 7.5]);
    expect(derivePoints(2.5, 3, 10, { direction: 'lower-is-better', fullAt: 1 })).toBe(10);
    expect(derivePoints(0, 3, 10, { direction: 'lower-is-better', fullAt: 1 })).toBe(10);
  });

  it('rule: a reviewer\u2019s adjustment stands above the derived points, and above a resubmission', () => {
    const world = figures();
    world.run(selfAssess('a', [{ criterionId: 'K1', actual: 54, unit: 'tỷ đồng' }]));
    world.run({
      ...base,
      type: 'AdjustScore',
      actor: leader,
      unitId: 'a',
      criterionId: 'K1',
      points: 6,
      reason: 'Số thu thực tế theo Kho bạc: 36 tỷ đồng',
    });
    world.run(selfAssess('a', [{ criterionId: 'K1', actual: 60, unit: 'tỷ đồng' }]));
    expect(world.context().units.a!.points).toEqual({ K1: 6 });
  });

  it('rule: figures, not points, for a criterion scored from figures (VALIDATION_FAILED, naming the field)', () => {
    const world = figures();
    const fields = (scores: SubmitSelfAssessment['scores'], unitId = 'a') =>
      given(world.cycleEvents, world.unitEvents.get('a')!)
        .when(selfAssess(unitId, scores))
        .thenRefused('VALIDATION_FAILED')
        .errors?.map((e) => e.field);
    expect(fields([{ criterionId: 'K1', points: 10 }])).toEqual(['scores[0].actual', 'scores[0].unit']);
    expect(fields([{ criterionId: 'K1', actual: 54, unit: '%' }])).toEqual(['scores[0].unit']);
    expect(fields([{ criterionId: 'K1', actual: 54, unit: 'tỷ đồng', target: 40 }])).toEqual(['scores[0].target']);
    expect(fields([{ criterionId: 'K1', actual: 54, unit: 'tỷ đồng', points: 10 }])).toEqual(['scores[0].points']);
    expect(fields([{ criterionId: 'K1', actual: 54, unit: 'tỷ đồng' }], 'b')).toEqual(['scores[0].target']);
    expect(fields([{ criterionId: 'K2', points: 5, actual: 3 }])).toEqual(['scores[0].actual']);
    expect(fields([{ criterionId: 'K2' }])).toEqual(['scores[0].points']);
  });

  it('rule: a formula only on a quantitative criterion, with a known direction and a sane full-points rate (VALIDATION_FAILED)', () => {
    const criteria = figuresCriteria();
    const broken: CriteriaTable = {
      ...criteria,
      groups: [
        {
          id: 'G1',
          title: 'Kinh tế',
          criteria: [
            {
              id: 'K1',
              title: 'A',
              maxPoints: 10,
              kind: 'qualitative',
              formula: { direction: 'higher-is-better', fullAt: 1 },
            },
            {
              id: 'K2',
              title: 'B',
              maxPoints: 10,
              kind: 'quantitative',
              formula: { direction: 'sideways' as 'higher-is-better', fullAt: 0 },
            },
            { id: 'K4', title: 'C', maxPoints: 10, kind: 'qualitative', disqualifyingBelow: 11 },
          ],
        },
      ],
      penalty: [{ id: 'P1', title: 'Vi phạm', maxPoints: 5, disqualifying: 'yes' as unknown as boolean }],
    };
    const error = given()
      .when(
        openCycleCommand({
          criteria: broken,
          eligibility: { registrationRequired: 'no' as unknown as boolean, minimumTotal: -1 },
        }),
      )
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((e) => e.field)).toEqual([
      'criteria.groups[0].criteria[0].formula',
      'criteria.groups[0].criteria[1].formula.direction',
      'criteria.groups[0].criteria[1].formula.fullAt',
      'criteria.groups[0].criteria[2].disqualifyingBelow',
      'criteria.penalty[0].disqualifying',
      'eligibility.registrationRequired',
      'eligibility.minimumTotal',
    ]);
  });
});

describe('eligibility: disqualifying items, minimum total, registration per cycle', () => {
  /** Opens the small cycle with `overrides`, everyone self-assesses SELF-like points, accepted, locked. */
  function locked(overrides: Partial<OpenCycle>, scores: Record<string, Record<string, number>>): World {
    const world = worldWith(overrides);
    journey.toSelfAssessment(world);
    for (const unitId of UNITS) {
      world.run(
        selfAssess(
          unitId,
          Object.entries(scores[unitId] ?? {}).map(([criterionId, points]) => ({ criterionId, points })),
        ),
      );
      world.run({ ...base, type: 'AcceptSubmission', actor: leader, unitId, submission: 'self-assessment' });
    }
    journey.closeStep(world, 'self-assessment');
    world.run(lock);
    return world;
  }
  const scores = {
    a: { K1: 9, K2: 10, K3: 9 },
    b: { K1: 9, K2: 9, K3: 9, P1: 1 },
    c: { K1: 8, K2: 9, K3: 3 },
    d: { K1: 1, K2: 1, K3: 1 },
  };
  const table = (): CriteriaTable => {
    const criteria = openCycleCommand().criteria;
    return {
      ...criteria,
      groups: [
        criteria.groups[0]!,
        {
          id: 'G2',
          title: 'Xã hội',
          criteria: [{ id: 'K3', title: 'An sinh', maxPoints: 10, kind: 'qualitative', disqualifyingBelow: 5 }],
        },
      ],
      penalty: [{ id: 'P1', title: 'Vi phạm nghiêm trọng', maxPoints: 5, disqualifying: true }],
    };
  };

  it('rule: a disqualifying criterion (điểm liệt), a disqualifying penalty (không xét) and the minimum total make a unit ineligible, shown with the reason', () => {
    const world = locked({ criteria: table(), eligibility: { minimumTotal: 20 } }, scores);
    const rows = (world.cycleEvents.find((e) => e.type === 'ScoresLocked') as ScoresLocked).data.scores;
    expect(rows.map((row) => [row.unitId, row.rank, row.eligible])).toEqual([
      ['a', 1, true],
      ['b', 2, false],
      ['c', 3, false],
      ['d', 4, false],
    ]);
    expect(rows[1]!.ineligible).toEqual([{ rule: 'disqualifying-penalty', itemId: 'P1', points: 1 }]);
    expect(rows[2]!.ineligible).toEqual([{ rule: 'disqualifying-criterion', itemId: 'K3', points: 3, below: 5 }]);
    expect(rows[3]!.ineligible).toEqual([
      { rule: 'disqualifying-criterion', itemId: 'K3', points: 1, below: 5 },
      { rule: 'below-minimum-total', final: 3, minimum: 20 },
    ]);
    expect(describeIneligibility(rows[2]!.ineligible![0]!, table()).vi).toBe(
      'điểm liệt: tiêu chí K3 (An sinh) đạt 3 điểm, dưới 5 điểm',
    );
  });

  it('rule: the default candidates skip ineligible units; naming one is refused with the reason (CANDIDATE_NOT_ELIGIBLE)', () => {
    const world = locked({ criteria: table(), eligibility: { minimumTotal: 20 } }, scores);
    const [opened] = world.decide({ ...base, type: 'OpenVote', actor: leader }) as [VoteOpened];
    expect(opened.data.candidates).toEqual({ 'emulation-flag': ['a'], 'certificate-of-merit': [] });
    const error = world.refusal({
      ...base,
      type: 'OpenVote',
      actor: leader,
      candidates: { 'certificate-of-merit': ['b'] },
    });
    expect(error.code).toBe('CANDIDATE_NOT_ELIGIBLE');
    expect(error.message).toBe(
      'Đơn vị B không đủ điều kiện đề nghị khen thưởng: không xét: bị trừ điểm ở mục P1 (Vi phạm nghiêm trọng)',
    );
  });

  it('rule: registration is a condition for years before 2024 by default, and per cycle when configured', () => {
    const schedule2020 = Object.fromEntries(
      Object.entries(openCycleCommand().schedule).map(([step, due]) => [step, due.replace(/^203/, '202')]),
    );
    const old = locked({ year: 2020, schedule: schedule2020 as OpenCycle['schedule'] }, scores);
    expect(old.context().cycle).toMatchObject({ config: { eligibility: { registrationRequired: true } } });
    const rows2020 = (old.cycleEvents.find((e) => e.type === 'ScoresLocked') as ScoresLocked).data.scores;
    // c never registered (the journey): ineligible in 2020, eligible in 2030.
    expect(rows2020.find((row) => row.unitId === 'c')!.ineligible).toEqual([{ rule: 'registration-missing' }]);
    const recent = locked({}, scores);
    expect(
      (recent.cycleEvents.find((e) => e.type === 'ScoresLocked') as ScoresLocked).data.scores.find(
        (row) => row.unitId === 'c',
      )!.eligible,
    ).toBe(true);
    const required = locked({ eligibility: { registrationRequired: true } }, scores);
    expect(
      (required.cycleEvents.find((e) => e.type === 'ScoresLocked') as ScoresLocked).data.scores.find(
        (row) => row.unitId === 'c',
      )!.eligible,
    ).toBe(false);
  });

  it('a cycle opened before eligibility existed replays under no condition', () => {
    const [opened] = given().when(openCycleCommand()).thenTypes(['CycleOpened']);
    const { eligibility: _dropped, ...legacy } = (opened as { data: Record<string, unknown> }).data;
    const world = new World([{ type: 'CycleOpened', data: legacy } as never]);
    expect(world.context().cycle).toMatchObject({ config: { eligibility: { registrationRequired: false } } });
  });
});
