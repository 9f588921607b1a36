/**
 * A small cycle for tests: four member units (a leads, b deputizes), a criteria table with two
 * groups, one bonus and one penalty item, default awards and vote rules, a schedule in 2030 (UTC+7).
 * `journey` helpers move a World from one stage to the next with valid commands.
 */
import type { CommandActor } from '../shared/actor.js';
import type { DomainCommand, OpenCycle } from '../commands.js';
import type { BallotChoices } from '../events.js';
import { World } from './world.js';

export const CYCLE_ID = 'cum-1-2030';
export const UNITS = ['a', 'b', 'c', 'd'] as const;

export const province: CommandActor = { userId: 'province-1', roles: ['province'], provinceId: 'tinh' };
export const approver: CommandActor = { userId: 'approver-1', roles: ['approver'], provinceId: 'tinh' };
export const auditor: CommandActor = { userId: 'auditor-1', roles: ['auditor'], provinceId: 'tinh' };
export const leader: CommandActor = { userId: 'leader-a', roles: ['leader'], unitId: 'a', provinceId: 'tinh' };
export const deputy: CommandActor = { userId: 'leader-b', roles: ['leader'], unitId: 'b', provinceId: 'tinh' };
/** A leader officer of a unit outside the cycle: the cycle is invisible to it (CYCLE_NOT_FOUND). */
export const outsideLeader: CommandActor = { userId: 'leader-x', roles: ['leader'], unitId: 'x', provinceId: 'tinh' };
/** A leader officer of a member unit that neither leads nor deputizes: sees the cycle, may not lead it. */
export const memberLeader: CommandActor = { userId: 'leader-c', roles: ['leader'], unitId: 'c', provinceId: 'tinh' };
/** The province office of another province. */
export const otherProvince: CommandActor = { userId: 'province-2', roles: ['province'], provinceId: 'tinh-khac' };
export const officer = (unitId: string): CommandActor => ({
  userId: `officer-${unitId}`,
  roles: ['unit'],
  unitId,
  provinceId: 'tinh',
});

/** Instants of 2030 in order; all before every due date unless said otherwise. */
export const AT = '2030-01-05T01:00:00Z';

export function openCycleCommand(overrides: Partial<OpenCycle> = {}): OpenCycle {
  return {
    type: 'OpenCycle',
    actor: province,
    at: '2030-01-02T01:00:00Z',
    cycleId: CYCLE_ID,
    clusterId: 'cum-1',
    clusterName: 'Cụm thi đua số 1',
    provinceId: 'tinh',
    year: 2030,
    units: UNITS.map((id) => ({ id, name: `Đơn vị ${id.toUpperCase()}` })),
    leaderUnitId: 'a',
    deputyUnitId: 'b',
    criteria: {
      groups: [
        {
          id: 'G1',
          title: 'Kinh tế',
          criteria: [
            { id: 'K1', title: 'Thu ngân sách', maxPoints: 10, kind: 'quantitative' },
            { id: 'K2', title: 'Cơ cấu kinh tế', maxPoints: 10, kind: 'qualitative' },
          ],
        },
        { id: 'G2', title: 'Xã hội', criteria: [{ id: 'K3', title: 'An sinh', maxPoints: 10, kind: 'qualitative' }] },
      ],
      bonus: [{ id: 'B1', title: 'Mô hình mới', maxPoints: 5 }],
      penalty: [{ id: 'P1', title: 'Vi phạm', maxPoints: 5 }],
    },
    schedule: {
      registration: '2030-02-28',
      'mid-year-review': '2030-07-15',
      'self-assessment': '2030-12-15',
      vote: '2031-01-20',
      nomination: '2031-03-15',
      decision: '2031-04-30',
    },
    ...overrides,
  };
}

/** Points per unit used by `throughLock`: a 28+1, b 27, c 26 (never registered), d 25−1. */
export const SELF_SCORES: Record<string, Record<string, number>> = {
  a: { K1: 9, K2: 10, K3: 9, B1: 1 },
  b: { K1: 9, K2: 9, K3: 9 },
  c: { K1: 8, K2: 9, K3: 9 },
  d: { K1: 8, K2: 8, K3: 9, P1: 1 },
};

const base = { cycleId: CYCLE_ID } as const;

export const journey = {
  /** Opens the cycle unless the world already has one (so a test can open its own configuration). */
  open(world: World, overrides: Partial<OpenCycle> = {}): World {
    if (world.cycleEvents.length === 0) world.run(openCycleCommand(overrides));
    return world;
  },
  openStep(world: World, step: 'registration' | 'mid-year-review' | 'self-assessment'): World {
    world.run({ ...base, type: 'OpenStep', actor: leader, at: AT, step });
    return world;
  },
  closeStep(world: World, step: 'registration' | 'mid-year-review' | 'self-assessment'): World {
    world.run({ ...base, type: 'CloseStep', actor: leader, at: AT, step });
    return world;
  },
  /** Registration (c never registers) and mid-year review done; self-assessment open. */
  toSelfAssessment(world: World = new World()): World {
    journey.open(world);
    journey.openStep(world, 'registration');
    for (const unitId of ['a', 'b', 'd']) {
      world.run({
        ...base,
        type: 'SubmitRegistration',
        actor: officer(unitId),
        at: AT,
        unitId,
        targets: [{ criterionId: 'K1', target: 100 }],
      });
    }
    journey.closeStep(world, 'registration');
    journey.openStep(world, 'mid-year-review');
    journey.closeStep(world, 'mid-year-review');
    journey.openStep(world, 'self-assessment');
    return world;
  },
  /** Every unit self-assesses with SELF_SCORES and the leader accepts each; not closed yet. */
  toReviewed(world: World = new World()): World {
    journey.toSelfAssessment(world);
    for (const unitId of UNITS) {
      const scores = Object.entries(SELF_SCORES[unitId]!).map(([criterionId, points]) => ({ criterionId, points }));
      world.run({ ...base, type: 'SubmitSelfAssessment', actor: officer(unitId), at: AT, unitId, scores });
      world.run({ ...base, type: 'AcceptSubmission', actor: leader, at: AT, unitId, submission: 'self-assessment' });
    }
    return world;
  },
  /** As `toReviewed`, and the step is closed; scores not locked yet. */
  toReview(world: World = new World()): World {
    journey.toReviewed(world);
    journey.closeStep(world, 'self-assessment');
    return world;
  },
  toLocked(world: World = new World()): World {
    journey.toReview(world);
    world.run({ ...base, type: 'LockScores', actor: leader, at: AT });
    return world;
  },
  /** Vote open on the default candidates: emulation-flag [a], certificate-of-merit [b, c]. */
  toVote(world: World = new World(), mode: 'electronic' | 'paper' = 'electronic'): World {
    journey.toLocked(world);
    world.run({ ...base, type: 'OpenVote', actor: leader, at: AT, mode });
    return world;
  },
  ballot(world: World, unitId: string, choices: BallotChoices, receipt = `receipt-${unitId}-0001`): World {
    world.run({ ...base, type: 'CastBallot', actor: officer(unitId), at: AT, unitId, receipt, choices });
    return world;
  },
  /** Everyone approves a and b, everyone rejects c; the vote is closed. */
  toVoteClosed(world: World = new World()): World {
    journey.toVote(world);
    for (const unitId of UNITS) {
      journey.ballot(world, unitId, { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: false } });
    }
    world.run({ ...base, type: 'CloseVote', actor: leader, at: AT });
    return world;
  },
  toNominated(world: World = new World()): World {
    journey.toVoteClosed(world);
    world.run({
      ...base,
      type: 'SubmitNominations',
      actor: leader,
      at: AT,
      nominations: [
        { unitId: 'a', award: 'emulation-flag' },
        { unitId: 'b', award: 'certificate-of-merit' },
      ],
      dossier: [{ kind: 'minutes', ref: 'doc://minutes-1' }],
    });
    return world;
  },
  toAccepted(world: World = new World()): World {
    journey.toNominated(world);
    world.run({ ...base, type: 'AcceptNominations', actor: province, at: AT });
    return world;
  },
  /** The council passes both nominations (a by 9–1, b by 7–3). */
  toCouncilReviewed(world: World = new World()): World {
    journey.toAccepted(world);
    world.run({
      ...base,
      type: 'RecordCouncilReview',
      actor: province,
      at: AT,
      meetingOn: '2031-04-10',
      minutesRef: 'BB-HĐTĐKT-2031-04',
      results: [
        { unitId: 'a', award: 'emulation-flag', approve: 9, reject: 1, passed: true },
        { unitId: 'b', award: 'certificate-of-merit', approve: 7, reject: 3, passed: true },
      ],
    });
    return world;
  },
  toDecided(world: World = new World()): World {
    journey.toCouncilReviewed(world);
    world.run({
      ...base,
      type: 'IssueAwardDecision',
      actor: approver,
      at: AT,
      decisionNo: '12/QĐ-UBND',
      issuedOn: '2031-04-20',
      signer: 'Nguyễn Văn A',
      signerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
      grants: [
        { unitId: 'a', award: 'emulation-flag', granted: true },
        { unitId: 'b', award: 'certificate-of-merit', granted: false, reason: 'Chưa đủ điều kiện' },
      ],
    });
    return world;
  },
};

/** A command with the fields every command has, for table-driven tests. */
export function command<C extends DomainCommand>(partial: Omit<C, 'cycleId' | 'at'> & { at?: string }): C {
  return { cycleId: CYCLE_ID, at: AT, ...partial } as C;
}
