/** The cycle status as a pure view: given the events, then the view (no store, no runner). */
import { describe, expect, it } from '@jest/globals';
import type { SubmitRegistration } from '#domain';
import { AT, CYCLE_ID, journey, leader, officer } from '#domain/testing';
import { foldCycleModel } from '../cycle-model/cycle-model.js';
import { given, PlayedWorld } from '../testing/given-events.js';
import { cycleStatusView } from './cycle-status.js';

const register = (unitId: string): SubmitRegistration => ({
  type: 'SubmitRegistration',
  cycleId: CYCLE_ID,
  actor: officer(unitId),
  at: AT,
  unitId,
  targets: [{ criterionId: 'K1', target: 100 }],
});

describe('cycle status, given events', () => {
  it('given a cycle opened: every step pending, every unit missing', () => {
    const world = new PlayedWorld();
    journey.open(world);
    const view = cycleStatusView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(view.steps.map((s) => s.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(view.currentStep).toBe('registration'); // the first step not closed
    expect(view.units.map((u) => [u.unitId, u.steps.registration.state])).toEqual([
      ['a', 'missing'],
      ['b', 'missing'],
      ['c', 'missing'],
      ['d', 'missing'],
    ]);
  });

  it('given registrations, a return and an acceptance: each unit its state and versions', () => {
    const world = new PlayedWorld();
    journey.openStep(journey.open(world), 'registration');
    for (const unitId of ['a', 'b', 'c']) world.run(register(unitId));
    world.run({
      type: 'ReturnSubmission',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      unitId: 'b',
      submission: 'registration',
      reason: 'Thiếu chỉ tiêu',
    });
    world.run({
      type: 'AcceptSubmission',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      unitId: 'c',
      submission: 'registration',
    });
    const view = cycleStatusView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(view.currentStep).toBe('registration');
    expect(
      Object.fromEntries(
        view.units.map((u) => [u.unitId, [u.steps.registration.state, u.steps.registration.versions]]),
      ),
    ).toEqual({
      a: ['submitted', 1],
      b: ['returned', 1],
      c: ['accepted', 1],
      d: ['missing', 0],
    });
  });

  it('given no CycleOpened: no view', () => {
    expect(cycleStatusView(foldCycleModel(CYCLE_ID, given()))).toBeUndefined();
  });
});
