import { describe, expect, it } from '@jest/globals';
import { AT, CYCLE_ID, deputy, journey, leader, memberLeader, officer, province } from '#domain/testing';
import { cycleStatusView, foldCycleModel, type ReturnNote } from '#projections';
import { given, PlayedWorld } from '#projections/testing';
import type { Caller } from '../auth/caller.js';
import { returnNotesFor } from './return-notes.js';

/** Units a (the leader's) and c have their registrations returned with a reason each. */
function returnedCycle() {
  const world = new PlayedWorld();
  journey.openStep(journey.open(world), 'registration');
  for (const unitId of ['a', 'c']) {
    world.run({
      type: 'SubmitRegistration',
      cycleId: CYCLE_ID,
      actor: officer(unitId),
      at: AT,
      unitId,
      targets: [{ criterionId: 'K1', target: 100 }],
    });
    world.run({
      type: 'ReturnSubmission',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      unitId,
      submission: 'registration',
      reason: `Lý do của ${unitId}`,
    });
  }
  return cycleStatusView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
}

const caller = (actor: { userId: string; roles: string[]; unitId?: string; provinceId?: string }) => actor as Caller;
const reasons = (view: ReturnType<typeof returnedCycle>) =>
  Object.fromEntries(
    view.units.map((u) => [u.unitId, (u.steps.registration.returned as ReturnNote | undefined)?.reason ?? null]),
  );

describe('who reads why a submission was returned', () => {
  const cycle = returnedCycle();

  it("the province and the cycle's leader and deputy read every reason", () => {
    const all = { a: 'Lý do của a', b: null, c: 'Lý do của c', d: null };
    expect(reasons(returnNotesFor(cycle, caller(province)))).toEqual(all);
    expect(reasons(returnNotesFor(cycle, caller(leader)))).toEqual(all);
    expect(reasons(returnNotesFor(cycle, caller(deputy)))).toEqual(all);
  });

  it("a unit officer reads its own unit's reason only; another unit's return shows as returned, without why", () => {
    const seen = returnNotesFor(cycle, caller(officer('c')));
    expect(reasons(seen)).toEqual({ a: null, b: null, c: 'Lý do của c', d: null });
    expect(seen.units.find((u) => u.unitId === 'a')!.steps.registration.state).toBe('returned');
    // The cycle read model itself is left as it was.
    expect(reasons(cycle).a).toBe('Lý do của a');
  });

  it('a leader officer of a member unit that does not lead the cycle reads its own only', () => {
    expect(reasons(returnNotesFor(cycle, caller(memberLeader)))).toEqual({
      a: null,
      b: null,
      c: 'Lý do của c',
      d: null,
    });
  });
});
