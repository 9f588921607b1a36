/**
 * Lateness is judged on the first on-time version (issue 14): a unit that submitted on time and
 * was returned after the due date is not late for correcting it within the time the leader gave;
 * an extension granted after the fact clears the mark.
 */
import { describe, expect, it } from '@jest/globals';
import type { RegistrationSubmitted, ReturnSubmission, SubmitRegistration, SubmissionReturned } from '../src/index.js';
import { judgeLateness, lateInForce } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import { AT, CYCLE_ID, journey, leader, officer, province } from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const AFTER_DUE = '2030-03-03T02:00:00Z'; // registration is due at the end of 28/02/2030
const register = (at: string = AT): SubmitRegistration => ({
  ...base,
  at,
  type: 'SubmitRegistration',
  actor: officer('c'),
  unitId: 'c',
  targets: [{ criterionId: 'K1', target: 120 }],
});
const giveBack = (correctBy?: string, at = '2030-03-01T02:00:00Z'): ReturnSubmission => ({
  ...base,
  at,
  type: 'ReturnSubmission',
  actor: leader,
  unitId: 'c',
  submission: 'registration',
  reason: 'Thiếu chỉ tiêu',
  ...(correctBy !== undefined ? { correctBy } : {}),
});
const registrationOpen = () => journey.openStep(journey.open(new World()), 'registration');

describe('lateness judged on the first on-time version', () => {
  it('rule: a correction of an on-time version returned after the due date is on time within the time given', () => {
    const world = registrationOpen();
    world.run(register());
    const [returned] = world.run(giveBack('2030-03-05')) as [SubmissionReturned];
    expect(returned.data).toMatchObject({ correctBy: '2030-03-05', correctByAt: '2030-03-05T16:59:59.999Z' });
    const [correction] = world.run(register(AFTER_DUE)) as [RegistrationSubmitted];
    expect(correction.data).toMatchObject({ version: 2, late: false, dueAt: '2030-02-28T16:59:59.999Z' });
  });

  it('rule: a correction after the time given is late', () => {
    const world = registrationOpen();
    world.run(register());
    world.run(giveBack('2030-03-02'));
    expect((world.decide(register(AFTER_DUE))[0] as RegistrationSubmitted).data.late).toBe(true);
  });

  it('rule: a late first version earns no grace; a return without a time gives none', () => {
    const late = registrationOpen();
    late.run(register('2030-03-01T01:00:00Z'));
    late.run(giveBack('2030-03-10', '2030-03-01T03:00:00Z'));
    expect((late.decide(register(AFTER_DUE))[0] as RegistrationSubmitted).data.late).toBe(true);
    const noTime = registrationOpen();
    noTime.run(register());
    noTime.run(giveBack());
    expect((noTime.decide(register(AFTER_DUE))[0] as RegistrationSubmitted).data.late).toBe(true);
  });

  it('rule: an extension granted after the fact clears the mark (lateInForce)', () => {
    const world = registrationOpen();
    world.run(register('2030-03-01T01:00:00Z'));
    const lateNow = () => {
      const { cycle, units } = world.context();
      return cycle.status !== 'none' && lateInForce(cycle, 'c', units.c, 'registration');
    };
    expect(lateNow()).toBe(true);
    world.run({
      ...base,
      type: 'ExtendDueDate',
      actor: province,
      step: 'registration',
      unitId: 'c',
      due: '2030-03-02',
      reason: 'Mưa bão, đã báo trước',
    });
    expect(lateNow()).toBe(false);
  });

  it('rule: the time given is a due date: well formed, within the cycle window (VALIDATION_FAILED)', () => {
    const world = registrationOpen();
    world.run(register());
    expect(
      given(world.cycleEvents, world.unitEvents.get('c')!).when(giveBack('mai')).thenRefused('VALIDATION_FAILED')
        .errors?.[0]?.field,
    ).toBe('correctBy');
    expect(
      given(world.cycleEvents, world.unitEvents.get('c')!).when(giveBack('9999-01-01')).thenRefused('VALIDATION_FAILED')
        .errors?.[0]?.field,
    ).toBe('correctBy');
  });

  it('judgeLateness: on time by the due date, or by the correction time', () => {
    expect(judgeLateness('2030-03-01T00:00:00Z', '2030-03-02T00:00:00Z')).toBe(false);
    expect(judgeLateness('2030-03-03T00:00:00Z', '2030-03-02T00:00:00Z')).toBe(true);
    expect(judgeLateness('2030-03-03T00:00:00Z', '2030-03-02T00:00:00Z', '2030-03-04T00:00:00Z')).toBe(false);
    expect(judgeLateness('2030-03-05T00:00:00Z', '2030-03-02T00:00:00Z', '2030-03-04T00:00:00Z')).toBe(true);
  });
});
