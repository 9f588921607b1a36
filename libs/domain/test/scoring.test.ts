import { describe, expect, it } from '@jest/globals';
import type { AdjustScore, CriteriaTable, FinalScore, ScoresLocked } from '../src/index.js';
import { computeFinalScore, derivePoints, rankRows, sumPoints } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  journey,
  leader,
  officer,
  openCycleCommand,
  memberLeader,
  province,
} from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const adjust = (overrides: Partial<AdjustScore> = {}): AdjustScore => ({
  ...base,
  type: 'AdjustScore',
  actor: leader,
  unitId: 'd',
  criterionId: 'K1',
  points: 7.5,
  reason: 'Kết quả thẩm định của Sở Tài chính',
  ...overrides,
});
const reviewEvents = () => {
  const world = journey.toReview();
  return [...world.cycleEvents, ...world.unitEvents.get('d')!];
};

describe('AdjustScore', () => {
  it('records from the points in force to the new points, with the reason', () => {
    given(reviewEvents())
      .when(adjust())
      .then([
        {
          type: 'ScoreAdjusted',
          data: {
            cycleId: CYCLE_ID,
            unitId: 'd',
            criterionId: 'K1',
            from: 8,
            to: 7.5,
            reason: 'Kết quả thẩm định của Sở Tài chính',
          },
        },
      ]);
  });

  it('the province may adjust too, and a unit that never self-assessed can be scored', () => {
    const world = journey.toSelfAssessment();
    given(world.cycleEvents)
      .when(adjust({ actor: province, unitId: 'c', points: 5 }))
      .then([
        {
          type: 'ScoreAdjusted',
          data: {
            cycleId: CYCLE_ID,
            unitId: 'c',
            criterionId: 'K1',
            from: 0,
            to: 5,
            reason: 'Kết quả thẩm định của Sở Tài chính',
          },
        },
      ]);
  });

  it('rule: a reason is mandatory (REASON_REQUIRED)', () => {
    given(reviewEvents())
      .when(adjust({ reason: ' ' }))
      .thenRefused('REASON_REQUIRED');
  });

  it('rule: never above the maximum (POINTS_EXCEED_MAX)', () => {
    given(reviewEvents())
      .when(adjust({ points: 11 }))
      .thenRefused('POINTS_EXCEED_MAX');
  });

  it('rule: not after the lock (SCORES_LOCKED)', () => {
    given(journey.toLocked().cycleEvents).when(adjust()).thenRefused('SCORES_LOCKED');
  });

  it('rule: not before self-assessment opened (STEP_OUT_OF_ORDER)', () => {
    given(journey.open(new World()).cycleEvents).when(adjust()).thenRefused('STEP_OUT_OF_ORDER');
  });

  it('rule: a known item, valid points, a change (VALIDATION_FAILED)', () => {
    given(reviewEvents())
      .when(adjust({ criterionId: 'Z' }))
      .thenRefused('VALIDATION_FAILED');
    given(reviewEvents())
      .when(adjust({ points: 7.555 }))
      .thenRefused('VALIDATION_FAILED');
    given(reviewEvents())
      .when(adjust({ points: 8 }))
      .thenRefused('VALIDATION_FAILED');
  });

  it('rule: units do not adjust (FORBIDDEN_ROLE); other clusters do not (NOT_CLUSTER_LEADER)', () => {
    given(reviewEvents())
      .when(adjust({ actor: officer('d') }))
      .thenRefused('FORBIDDEN_ROLE');
    given(reviewEvents())
      .when(adjust({ actor: memberLeader }))
      .thenRefused('NOT_CLUSTER_LEADER');
  });

  it('rule: an adjustment survives a resubmission; the new claim is recorded beside it', () => {
    const world = journey.toSelfAssessment();
    world.run({
      ...base,
      type: 'SubmitSelfAssessment',
      actor: officer('d'),
      unitId: 'd',
      scores: [{ criterionId: 'K1', points: 9 }],
    });
    world.run(adjust({ points: 6 }));
    expect(world.context().units.d?.points).toEqual({ K1: 6 });
    world.run({
      ...base,
      type: 'SubmitSelfAssessment',
      actor: officer('d'),
      unitId: 'd',
      scores: [
        { criterionId: 'K1', points: 8.5 },
        { criterionId: 'K2', points: 7 },
      ],
    });
    const unit = world.context().units.d!;
    expect(unit.points).toEqual({ K1: 6, K2: 7 });
    expect(unit.selfAssessment?.scores).toEqual([
      { criterionId: 'K1', points: 8.5 },
      { criterionId: 'K2', points: 7 },
    ]);
    // Only a reviewer changes a reviewed line: from the points in force to the new ones.
    const [again] = world.run(adjust({ points: 8.5, reason: 'Đơn vị bổ sung minh chứng' }));
    expect(again).toMatchObject({ type: 'ScoreAdjusted', data: { from: 6, to: 8.5 } });
  });
});

describe('LockScores', () => {
  it('fixes final scores (base + bonus − penalty) and the ranking; a unit that never registered is scored and marked', () => {
    const world = journey.toReview();
    world.run(adjust());
    const [locked] = world.run({ ...base, type: 'LockScores', actor: leader }) as [ScoresLocked];
    expect(locked.data.ranking).toEqual(['a', 'b', 'c', 'd']);
    expect(locked.data.scores).toEqual([
      {
        unitId: 'a',
        rank: 1,
        base: 28,
        bonus: 1,
        penalty: 0,
        final: 29,
        groups: { G1: 19, G2: 9 },
        registered: true,
        selfAssessed: true,
        eligible: true,
      },
      {
        unitId: 'b',
        rank: 2,
        base: 27,
        bonus: 0,
        penalty: 0,
        final: 27,
        groups: { G1: 18, G2: 9 },
        registered: true,
        selfAssessed: true,
        eligible: true,
      },
      {
        unitId: 'c',
        rank: 3,
        base: 26,
        bonus: 0,
        penalty: 0,
        final: 26,
        groups: { G1: 17, G2: 9 },
        registered: false,
        selfAssessed: true,
        eligible: true,
      },
      {
        unitId: 'd',
        rank: 4,
        base: 24.5,
        bonus: 0,
        penalty: 1,
        final: 23.5,
        groups: { G1: 15.5, G2: 9 },
        registered: true,
        selfAssessed: true,
        eligible: true,
      },
    ]);
  });

  it('rule: self-assessment must be closed (STEP_NOT_CLOSED)', () => {
    given(journey.toSelfAssessment().cycleEvents)
      .when({ ...base, type: 'LockScores', actor: leader })
      .thenRefused('STEP_NOT_CLOSED');
  });

  it('rule: scores are locked once (SCORES_LOCKED)', () => {
    given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'LockScores', actor: leader })
      .thenRefused('SCORES_LOCKED');
  });

  it('rule: only the cycle leader locks (FORBIDDEN_ROLE, NOT_CLUSTER_LEADER)', () => {
    given(journey.toReview().cycleEvents)
      .when({ ...base, type: 'LockScores', actor: province })
      .thenRefused('FORBIDDEN_ROLE');
    given(journey.toReview().cycleEvents)
      .when({ ...base, type: 'LockScores', actor: memberLeader })
      .thenRefused('NOT_CLUSTER_LEADER');
  });

  it('a unit with no stream at all, recorded as missing, scores zero, unregistered, not self-assessed, ineligible', () => {
    const world = journey.toSelfAssessment();
    journey.closeStep(world, 'self-assessment');
    for (const unitId of ['a', 'b', 'c', 'd']) {
      world.run({ ...base, type: 'RecordMissingSelfAssessment', actor: leader, unitId, reason: 'Không nộp' });
    }
    const [locked] = world.run({ ...base, type: 'LockScores', actor: leader }) as [ScoresLocked];
    expect(locked.data.scores.find((row) => row.unitId === 'c')).toMatchObject({
      final: 0,
      registered: false,
      selfAssessed: false,
      rank: 1,
      eligible: false,
    });
    expect(locked.data.unitRevisions.c).toBe(0);
  });
});

describe('final score and ranking helpers', () => {
  const criteria: CriteriaTable = openCycleCommand().criteria;

  it('sums in hundredths: no floating drift', () => {
    expect(sumPoints([0.1, 0.2])).toBe(0.3);
    expect(computeFinalScore(criteria, { K1: 9.1, K2: 0.2, K3: 0.01, B1: 0.1, P1: 0.3 })).toEqual({
      base: 9.31,
      bonus: 0.1,
      penalty: 0.3,
      final: 9.11,
      groups: { G1: 9.3, G2: 0.01 },
    });
  });

  const row = (unitId: string, final: number, g1: number): Omit<FinalScore, 'rank'> => ({
    unitId,
    base: final,
    bonus: 0,
    penalty: 0,
    final,
    groups: { G1: g1 },
    registered: true,
    selfAssessed: true,
    eligible: true,
  });

  it('tie rule: equal final scores are ordered by the first criteria group', () => {
    const ranked = rankRows(
      [row('x', 90, 40), row('y', 90, 45), row('z', 95, 30)],
      ['final-score', 'first-group', 'vote'],
      'G1',
    );
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['z', 1],
      ['y', 2],
      ['x', 3],
    ]);
  });

  it('tie rule: units still tied share a rank in roster order, for the vote to decide', () => {
    const ranked = rankRows(
      [row('x', 90, 40), row('y', 90, 40), row('z', 80, 30)],
      ['final-score', 'first-group', 'vote'],
      'G1',
    );
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 3],
    ]);
  });

  it('tie rule: without "first-group" in the configuration, equal final scores tie', () => {
    const ranked = rankRows([row('x', 90, 40), row('y', 90, 45)], ['final-score'], 'G1');
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('derives points of a quantitative criterion from actual / target, capped at the maximum', () => {
    expect(derivePoints(86.32, 52, 18)).toBe(18);
    expect(derivePoints(50, 100, 18)).toBe(9);
    expect(derivePoints(1, 3, 10)).toBe(3.33);
    expect(derivePoints(5, 0, 10)).toBe(10);
    expect(derivePoints(0, 0, 10)).toBe(0);
  });
});
