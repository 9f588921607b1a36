/** A unit's submissions as a pure fold: given the events, every version with its content and review. */
import { describe, expect, it } from '@jest/globals';
import type { SubmitRegistration } from '#domain';
import { AT, CYCLE_ID, journey, leader, officer } from '#domain/testing';
import { given, PlayedWorld } from '../testing/given-events.js';
import { foldUnitSubmissions } from './unit-submissions.js';

const register = (target: number): SubmitRegistration => ({
  type: 'SubmitRegistration',
  cycleId: CYCLE_ID,
  actor: officer('b'),
  at: AT,
  unitId: 'b',
  targets: [{ criterionId: 'K1', target, note: `mục tiêu ${target}` }],
});

describe("a unit's submissions, given events", () => {
  it('keeps every version with its content; each review lands on its version; other units are not folded in', () => {
    const world = new PlayedWorld();
    journey.openStep(journey.open(world), 'registration');
    world.run(register(100));
    world.run({ ...register(5), actor: officer('c'), unitId: 'c' });
    world.run({
      type: 'ReturnSubmission',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      unitId: 'b',
      submission: 'registration',
      reason: 'Thiếu chỉ tiêu K2',
    });
    world.run(register(120));
    world.run({
      type: 'AcceptSubmission',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      unitId: 'b',
      submission: 'registration',
      note: 'Đạt',
    });
    const answer = foldUnitSubmissions(CYCLE_ID, 'b', given(...world.log));
    expect(answer.registration.map((v) => [v.version, v.targets, v.review?.outcome, v.review?.role])).toEqual([
      [1, [{ criterionId: 'K1', target: 100, note: 'mục tiêu 100' }], 'returned', 'leader'],
      [2, [{ criterionId: 'K1', target: 120, note: 'mục tiêu 120' }], 'accepted', 'leader'],
    ]);
    expect(answer.registration[0]!.review?.reason).toBe('Thiếu chỉ tiêu K2');
    expect(answer.registration[1]!.review?.note).toBe('Đạt');
    expect(answer['mid-year-report']).toEqual([]);
    expect(answer.adjustments).toEqual([]);
    expect(foldUnitSubmissions(CYCLE_ID, 'c', given(...world.log)).registration).toHaveLength(1);
  });
});
