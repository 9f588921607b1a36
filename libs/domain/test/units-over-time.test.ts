/**
 * The units of a cycle over time (issue 14, the 2025 reform): a unit dissolved or merged leaves
 * the quorum and the vote's roster, its history stays; the leader or deputy unit replaced; the
 * cycle cancelled. Each by the province with its decision or reason.
 */
import { describe, expect, it } from '@jest/globals';
import type { DissolveUnit, ScoresLocked, VoteClosed, VoteOpened } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { AT, CYCLE_ID, journey, leader, officer, province } from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const dissolve = (overrides: Partial<DissolveUnit> = {}): DissolveUnit => ({
  ...base,
  type: 'DissolveUnit',
  actor: province,
  unitId: 'd',
  how: 'merged',
  mergedInto: 'c',
  decisionNo: '1234/NQ-UBTVQH15',
  effectiveOn: '2030-07-01',
  reason: 'Sắp xếp đơn vị hành chính',
  ...overrides,
});

describe('DissolveUnit', () => {
  it('records the decision; the unit submits no more (UNIT_DISSOLVED) and its history stays', () => {
    const world = journey.toSelfAssessment();
    given(world.cycleEvents)
      .when(dissolve())
      .then([
        {
          type: 'UnitDissolved',
          data: {
            cycleId: CYCLE_ID,
            unitId: 'd',
            how: 'merged',
            mergedInto: 'c',
            decisionNo: '1234/NQ-UBTVQH15',
            effectiveOn: '2030-07-01',
            reason: 'Sắp xếp đơn vị hành chính',
          },
        },
      ]);
    world.run(dissolve());
    const error = world.refusal({
      ...base,
      type: 'SubmitSelfAssessment',
      actor: officer('d'),
      unitId: 'd',
      scores: [],
    });
    expect(error.code).toBe('UNIT_DISSOLVED');
    expect(error.message).toBe('Đơn vị D đã sáp nhập theo quyết định số 1234/NQ-UBTVQH15');
    expect(world.unitEvents.get('d')).toHaveLength(1); // its registration stays
  });

  it('rule: a dissolved unit does not block the lock, is not eligible, and is not on the roster of a later vote', () => {
    const world = journey.toReviewed();
    world.run(dissolve());
    journey.closeStep(world, 'self-assessment');
    const [locked] = world.run({ ...base, type: 'LockScores', actor: leader }) as [ScoresLocked];
    expect(locked.data.scores.find((row) => row.unitId === 'd')).toMatchObject({
      eligible: false,
      ineligible: [{ rule: 'unit-dissolved', how: 'merged' }],
    });
    const [opened] = world.run({ ...base, type: 'OpenVote', actor: leader }) as [VoteOpened];
    expect(opened.data.roster).toEqual(['a', 'b', 'c']);
  });

  it('rule: dissolved during the vote, it leaves the quorum from then on and casts no ballot', () => {
    const world = journey.toVote();
    journey.ballot(world, 'a', { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: true } });
    journey.ballot(world, 'b', { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: true } });
    expect(world.refusal({ ...base, type: 'CloseVote', actor: leader }).code).toBe('QUORUM_NOT_REACHED'); // 2 of 4
    world.run(dissolve());
    expect(
      world.refusal({
        ...base,
        type: 'CastBallot',
        actor: officer('d'),
        unitId: 'd',
        receipt: 'receipt-d-0001',
        choices: {},
      }).code,
    ).toBe('UNIT_DISSOLVED');
    world.run({
      ...base,
      type: 'DissolveUnit',
      actor: province,
      unitId: 'c',
      how: 'dissolved',
      decisionNo: '5/NQ',
      effectiveOn: '2030-07-01',
      reason: 'Giải thể',
    });
    const [closed] = world.run({ ...base, type: 'CloseVote', actor: leader }) as [VoteClosed];
    expect(closed.data).toMatchObject({ members: 2, participants: 2 });
  });

  it('rule: not the leader or deputy unit (LEADER_TO_BE_REPLACED), once (UNIT_DISSOLVED), a member (NOT_A_MEMBER), with decision and date (VALIDATION_FAILED), the province (FORBIDDEN_ROLE)', () => {
    const events = journey.toSelfAssessment().cycleEvents;
    given(events)
      .when(dissolve({ unitId: 'a' }))
      .thenRefused('LEADER_TO_BE_REPLACED');
    const once = journey.toSelfAssessment();
    once.run(dissolve());
    given(once.cycleEvents).when(dissolve()).thenRefused('UNIT_DISSOLVED');
    given(events)
      .when(dissolve({ unitId: 'x' }))
      .thenRefused('NOT_A_MEMBER');
    const error = given(events)
      .when(dissolve({ how: 'merged', mergedInto: undefined, decisionNo: '', effectiveOn: '01/07/2030' }))
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((e) => e.field)).toEqual(['mergedInto', 'decisionNo', 'effectiveOn']);
    given(events)
      .when(dissolve({ reason: '' }))
      .thenRefused('REASON_REQUIRED');
    given(events)
      .when(dissolve({ actor: leader }))
      .thenRefused('FORBIDDEN_ROLE');
  });
});

describe('ReplaceLeader', () => {
  const replace = {
    ...base,
    type: 'ReplaceLeader',
    actor: province,
    role: 'leader',
    unitId: 'c',
    reason: 'Đơn vị trưởng cụm sáp nhập',
  } as const;

  it('replaces the leader unit with the reason: the new leader leads, the old one no longer does', () => {
    const world = journey.toSelfAssessment();
    given(world.cycleEvents)
      .when(replace)
      .then([
        {
          type: 'LeaderReplaced',
          data: { cycleId: CYCLE_ID, role: 'leader', from: 'a', to: 'c', reason: 'Đơn vị trưởng cụm sáp nhập' },
        },
      ]);
    world.run(replace);
    expect(world.refusal({ ...base, type: 'CloseStep', actor: leader, step: 'self-assessment' }).code).toBe(
      'NOT_CLUSTER_LEADER',
    );
    expect(
      world.decide({
        ...base,
        type: 'CloseStep',
        actor: { userId: 'leader-c', roles: ['leader'], unitId: 'c', provinceId: 'tinh' },
        step: 'self-assessment',
      }),
    ).toHaveLength(1);
    // The old leader unit can now be dissolved.
    expect(world.decide(dissolve({ unitId: 'a', how: 'dissolved', mergedInto: undefined }))).toHaveLength(1);
  });

  it('rule: a member not dissolved, not already leading (VALIDATION_FAILED), with a reason (REASON_REQUIRED)', () => {
    const events = journey.toSelfAssessment().cycleEvents;
    given(events)
      .when({ ...replace, unitId: 'b' })
      .thenRefused('VALIDATION_FAILED');
    given(events)
      .when({ ...replace, role: 'chief' as 'leader' })
      .thenRefused('VALIDATION_FAILED');
    given(events)
      .when({ ...replace, reason: ' ' })
      .thenRefused('REASON_REQUIRED');
    given(events)
      .when({ ...replace, unitId: 'x' })
      .thenRefused('NOT_A_MEMBER');
  });
});

describe('CancelCycle', () => {
  it('closes the cycle with the reason: nothing is decided after it (CYCLE_CLOSED)', () => {
    const world = journey.toVote();
    const cancel = {
      ...base,
      type: 'CancelCycle',
      actor: province,
      reason: 'Cụm giải thể do sắp xếp đơn vị hành chính',
      decisionNo: '77/QĐ-UBND',
    } as const;
    given(world.cycleEvents)
      .when(cancel)
      .then([
        {
          type: 'CycleCancelled',
          data: { cycleId: CYCLE_ID, reason: 'Cụm giải thể do sắp xếp đơn vị hành chính', decisionNo: '77/QĐ-UBND' },
        },
      ]);
    world.run(cancel);
    expect(world.context().cycle.status).toBe('closed');
    expect(world.refusal({ ...base, type: 'CloseVote', actor: leader }).code).toBe('CYCLE_CLOSED');
    expect(world.refusal(cancel).code).toBe('CYCLE_CLOSED');
    given(journey.toVote().cycleEvents)
      .when({ ...cancel, reason: '' })
      .thenRefused('REASON_REQUIRED');
    given(journey.toVote().cycleEvents)
      .when({ ...cancel, actor: leader })
      .thenRefused('FORBIDDEN_ROLE');
  });
});
