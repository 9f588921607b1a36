/**
 * The unit's stream and the cycle's are written apart, so a submission can race the closing of
 * its step. The rule (README, "The race rule"): a submission decided against a cycle revision
 * where its step was open stands, even when the close lands first in the log; it records that
 * revision so any reader can check it. A submission decided after the close is refused.
 */
import { describe, expect, it } from '@jest/globals';
import type {
  CycleEvent,
  ScoresLocked,
  SelfAssessmentSubmitted,
  SubmitSelfAssessment,
  UnitEvent,
} from '../src/index.js';
import { decide, foldCycle, foldUnit } from '../src/index.js';
import { World } from '../src/testing/world.js';
import { AT, CYCLE_ID, journey, leader, officer } from '../src/testing/small-cycle.js';

const submitCommand: SubmitSelfAssessment = {
  cycleId: CYCLE_ID,
  at: '2030-12-15T16:59:59.000Z',
  type: 'SubmitSelfAssessment',
  actor: officer('c'),
  unitId: 'c',
  scores: [{ criterionId: 'K1', points: 7 }],
};

describe('a submission racing the close of its step', () => {
  it('stands when decided against the open step, even though the close is appended first', () => {
    const world = journey.toSelfAssessment();
    // Both handlers read the same cycle revision, where self-assessment is open.
    const seen = world.context();
    const submission = decide(submitCommand, seen) as UnitEvent[];
    const close = decide(
      { cycleId: CYCLE_ID, at: '2030-12-15T17:00:00Z', type: 'CloseStep', actor: leader, step: 'self-assessment' },
      seen,
    ) as CycleEvent[];
    // The close lands first (cycle stream), then the submission (unit stream): neither conflicts.
    world.record(close);
    world.record(submission);

    const recorded = world.unitEvents.get('c')!.at(-1) as SelfAssessmentSubmitted;
    expect(recorded.data.cycleRevision).toBe(seen.cycle.revision);
    // The revision it was decided against had the step open: the rule a reader checks.
    const cycleThen = foldCycle(world.cycleEvents.slice(0, recorded.data.cycleRevision + 1));
    expect(cycleThen.status !== 'none' && cycleThen.steps['self-assessment'].status).toBe('open');
    expect(foldUnit(world.unitEvents.get('c')!).points).toEqual({ K1: 7 });

    // Accepted in a reopened step (scores lock only once every score was reviewed), then locked.
    world.run({
      cycleId: CYCLE_ID,
      at: AT,
      type: 'ReopenStep',
      actor: leader,
      step: 'self-assessment',
      reason: 'Xem xét bản nộp sát hạn',
    });
    world.run({
      cycleId: CYCLE_ID,
      at: AT,
      type: 'AcceptSubmission',
      actor: leader,
      unitId: 'c',
      submission: 'self-assessment',
    });
    for (const unitId of ['a', 'b', 'd']) {
      world.run({
        cycleId: CYCLE_ID,
        at: AT,
        type: 'RecordMissingSelfAssessment',
        actor: leader,
        unitId,
        reason: 'Không nộp',
      });
    }
    world.run({ cycleId: CYCLE_ID, at: AT, type: 'CloseStep', actor: leader, step: 'self-assessment' });

    // The lock that follows counts it.
    const [locked] = world.run({ cycleId: CYCLE_ID, at: AT, type: 'LockScores', actor: leader }) as [ScoresLocked];
    expect(locked.data.scores.find((row) => row.unitId === 'c')).toMatchObject({ final: 7, selfAssessed: true });
  });

  it('is refused when decided after the close (STEP_NOT_OPEN)', () => {
    const world = journey.toSelfAssessment();
    world.run({ cycleId: CYCLE_ID, at: AT, type: 'CloseStep', actor: leader, step: 'self-assessment' });
    expect(world.refusal(submitCommand).code).toBe('STEP_NOT_OPEN');
  });

  it('the lock records the unit revisions it read, so a later landing is visibly not part of it', () => {
    const world = new World();
    journey.toReview(world);
    const [locked] = world.run({ cycleId: CYCLE_ID, at: AT, type: 'LockScores', actor: leader }) as [ScoresLocked];
    expect(locked.data.unitRevisions).toEqual({ a: 2, b: 2, c: 1, d: 2 });
  });
});
