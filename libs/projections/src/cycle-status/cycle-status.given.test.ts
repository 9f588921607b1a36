/** The cycle status as a pure view: given the events, then the view (no store, no runner). */
import { describe, expect, it } from '@jest/globals';
import type { SubmitRegistration } from '#domain';
import { AT, CYCLE_ID, journey, leader, officer, province } from '#domain/testing';
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

  it('given a return: the returned submission carries the reason, the moment and the role, until the unit submits again', () => {
    const world = new PlayedWorld();
    journey.openStep(journey.open(world), 'registration');
    for (const unitId of ['a', 'b']) world.run(register(unitId));
    world.run({
      type: 'ReturnSubmission',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      unitId: 'b',
      submission: 'registration',
      reason: 'Thiếu chỉ tiêu K2',
      correctBy: '2030-02-10',
    });
    const events = given(...world.log);
    const returnedAt = events[events.length - 1]!.metadata.occurredAt;
    const view = cycleStatusView(foldCycleModel(CYCLE_ID, events))!;
    const b = view.units.find((u) => u.unitId === 'b')!.steps.registration;
    expect(b).toMatchObject({ state: 'returned', versions: 1 });
    expect(b.returned).toEqual({
      reason: 'Thiếu chỉ tiêu K2',
      at: returnedAt,
      role: 'leader',
      // A date given: the end of that day in the cycle's zone (UTC+7), as every due date.
      correctByAt: '2030-02-10T16:59:59.999Z',
    });
    expect(view.units.find((u) => u.unitId === 'a')!.steps.registration.returned).toBeUndefined();

    world.run(register('b'));
    const again = cycleStatusView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    const b2 = again.units.find((u) => u.unitId === 'b')!.steps.registration;
    expect(b2).toMatchObject({ state: 'submitted', versions: 2 });
    expect(b2.returned).toBeUndefined();
  });

  it("given the province returns the nominations: the reason and the province's role, until they are submitted again", () => {
    const world = journey.toNominated(new PlayedWorld()) as PlayedWorld;
    world.run({ type: 'ReturnNominations', cycleId: CYCLE_ID, actor: province, at: AT, reason: 'Thiếu tờ trình' });
    // given() records every event as a leader's: the return was the province's.
    const events = given(...world.log).map((e) =>
      e.type === 'NominationsReturned'
        ? { ...e, metadata: { ...e.metadata, actor: { userId: 'province-1', role: 'province' } } }
        : e,
    );
    const view = cycleStatusView(foldCycleModel(CYCLE_ID, events))!;
    expect(view.nominations).toEqual({
      status: 'returned',
      version: 1,
      returned: { reason: 'Thiếu tờ trình', at: events[events.length - 1]!.metadata.occurredAt, role: 'province' },
    });

    world.run({
      type: 'SubmitNominations',
      cycleId: CYCLE_ID,
      actor: leader,
      at: AT,
      nominations: [{ unitId: 'a', award: 'emulation-flag' }],
      dossier: [{ kind: 'minutes', ref: 'doc://minutes-1' }],
    });
    expect(cycleStatusView(foldCycleModel(CYCLE_ID, given(...world.log)))!.nominations).toEqual({
      status: 'submitted',
      version: 2,
    });
  });

  it('given no CycleOpened: no view', () => {
    expect(cycleStatusView(foldCycleModel(CYCLE_ID, given()))).toBeUndefined();
  });
});
