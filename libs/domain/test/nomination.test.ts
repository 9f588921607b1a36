import { describe, expect, it } from '@jest/globals';
import type { IssueAwardDecision, SubmitNominations } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import { AT, CYCLE_ID, approver, journey, leader, officer, outsideLeader, province } from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const dossier = [{ kind: 'minutes', ref: 'doc://bien-ban', sha256: 'a'.repeat(64) }];
const nominate = (overrides: Partial<SubmitNominations> = {}): SubmitNominations => ({
  ...base,
  type: 'SubmitNominations',
  actor: leader,
  nominations: [
    { unitId: 'a', award: 'emulation-flag' },
    { unitId: 'b', award: 'certificate-of-merit' },
  ],
  dossier,
  ...overrides,
});
const decision = (overrides: Partial<IssueAwardDecision> = {}): IssueAwardDecision => ({
  ...base,
  type: 'IssueAwardDecision',
  actor: approver,
  decisionNo: '12/QĐ-UBND',
  issuedOn: '2031-04-20',
  signer: 'Chủ tịch UBND tỉnh',
  grants: [
    { unitId: 'a', award: 'emulation-flag', granted: true },
    { unitId: 'b', award: 'certificate-of-merit', granted: false, reason: 'Chưa đủ điều kiện' },
  ],
  ...overrides,
});

describe('SubmitNominations', () => {
  it('proposes units the vote passed, within quota, with the dossier', () => {
    given(journey.toVoteClosed().cycleEvents).when(nominate()).then([
      { type: 'NominationsSubmitted', data: { cycleId: CYCLE_ID, version: 1, nominations: nominate().nominations, dossier } },
    ]);
  });

  it('rule: only candidates that passed (CANDIDATE_NOT_PASSED)', () => {
    given(journey.toVoteClosed().cycleEvents).when(nominate({ nominations: [{ unitId: 'c', award: 'certificate-of-merit' }] })).thenRefused('CANDIDATE_NOT_PASSED');
    given(journey.toVoteClosed().cycleEvents).when(nominate({ nominations: [{ unitId: 'b', award: 'emulation-flag' }] })).thenRefused('CANDIDATE_NOT_PASSED');
  });

  it('rule: within quota (QUOTA_EXCEEDED)', () => {
    const world = journey.toLocked();
    world.run({ ...base, type: 'OpenVote', actor: leader, candidates: { 'emulation-flag': ['a', 'b'] } });
    for (const unitId of ['a', 'b', 'c', 'd']) journey.ballot(world, unitId, { 'emulation-flag': { a: true, b: true } });
    world.run({ ...base, type: 'CloseVote', actor: leader });
    given(world.cycleEvents)
      .when(nominate({ nominations: [{ unitId: 'a', award: 'emulation-flag' }, { unitId: 'b', award: 'emulation-flag' }] }))
      .thenRefused('QUOTA_EXCEEDED');
  });

  it('rule: the dossier is required (DOSSIER_REQUIRED)', () => {
    given(journey.toVoteClosed().cycleEvents).when(nominate({ dossier: [] })).thenRefused('DOSSIER_REQUIRED');
  });

  it('rule: a unit once, a configured award, well-formed dossier items (VALIDATION_FAILED)', () => {
    const closed = journey.toVoteClosed().cycleEvents;
    given(closed).when(nominate({ nominations: [{ unitId: 'a', award: 'emulation-flag' }, { unitId: 'a', award: 'certificate-of-merit' }] })).thenRefused('VALIDATION_FAILED');
    given(closed).when(nominate({ nominations: [{ unitId: 'a', award: 'gold-medal' }] })).thenRefused('VALIDATION_FAILED');
    given(closed).when(nominate({ nominations: [] })).thenRefused('VALIDATION_FAILED');
    given(closed).when(nominate({ dossier: [{ kind: 'minutes', ref: '', sha256: 'xyz' }] })).thenRefused('VALIDATION_FAILED');
    given(closed).when(nominate({ dossier: 'minutes' as never })).thenRefused('VALIDATION_FAILED');
  });

  it('rule: nominees are member units (NOT_A_MEMBER)', () => {
    given(journey.toVoteClosed().cycleEvents).when(nominate({ nominations: [{ unitId: 'x', award: 'emulation-flag' }] })).thenRefused('NOT_A_MEMBER');
  });

  it('rule: after the vote closed (VOTE_NOT_CLOSED)', () => {
    given(journey.toVote().cycleEvents).when(nominate()).thenRefused('VOTE_NOT_CLOSED');
  });

  it('rule: one proposal under review at a time, none after acceptance (NOMINATIONS_PENDING, NOMINATIONS_ALREADY_ACCEPTED)', () => {
    given(journey.toNominated().cycleEvents).when(nominate()).thenRefused('NOMINATIONS_PENDING');
    given(journey.toAccepted().cycleEvents).when(nominate()).thenRefused('NOMINATIONS_ALREADY_ACCEPTED');
  });

  it('rule: only the cycle leader (FORBIDDEN_ROLE, NOT_CLUSTER_LEADER)', () => {
    given(journey.toVoteClosed().cycleEvents).when(nominate({ actor: province })).thenRefused('FORBIDDEN_ROLE');
    given(journey.toVoteClosed().cycleEvents).when(nominate({ actor: outsideLeader })).thenRefused('NOT_CLUSTER_LEADER');
  });
});

describe('AcceptNominations and ReturnNominations', () => {
  it('the province accepts the dossier', () => {
    given(journey.toNominated().cycleEvents).when({ ...base, type: 'AcceptNominations', actor: province, note: 'Hồ sơ đầy đủ' }).then([
      { type: 'NominationsAccepted', data: { cycleId: CYCLE_ID, version: 1, note: 'Hồ sơ đầy đủ' } },
    ]);
  });

  it('the province returns it with a reason; the leader resubmits a new version', () => {
    const world = journey.toNominated();
    world.run({ ...base, type: 'ReturnNominations', actor: province, reason: 'Thiếu báo cáo thành tích' });
    const [again] = world.run(nominate({ dossier: [...dossier, { kind: 'achievement-report', ref: 'doc://bao-cao' }] }));
    expect(again).toMatchObject({ type: 'NominationsSubmitted', data: { version: 2 } });
  });

  it('rule: a return needs a reason (REASON_REQUIRED)', () => {
    given(journey.toNominated().cycleEvents).when({ ...base, type: 'ReturnNominations', actor: province, reason: '' }).thenRefused('REASON_REQUIRED');
  });

  it('rule: there must be nominations awaiting review (NOMINATIONS_NOT_SUBMITTED)', () => {
    given(journey.toVoteClosed().cycleEvents).when({ ...base, type: 'AcceptNominations', actor: province }).thenRefused('NOMINATIONS_NOT_SUBMITTED');
    given(journey.toAccepted().cycleEvents).when({ ...base, type: 'AcceptNominations', actor: province }).thenRefused('NOMINATIONS_NOT_SUBMITTED');
  });

  it('rule: only the province (FORBIDDEN_ROLE)', () => {
    given(journey.toNominated().cycleEvents).when({ ...base, type: 'AcceptNominations', actor: leader }).thenRefused('FORBIDDEN_ROLE');
  });
});

describe('IssueAwardDecision', () => {
  it('grants or refuses each nomination and closes the cycle', () => {
    const world = journey.toAccepted();
    const [event] = world.run(decision());
    expect(event).toEqual({
      type: 'AwardDecisionIssued',
      data: { cycleId: CYCLE_ID, decisionNo: '12/QĐ-UBND', issuedOn: '2031-04-20', signer: 'Chủ tịch UBND tỉnh', grants: decision().grants },
    });
    expect(world.context().cycle.status).toBe('closed');
  });

  it('rule: grants nothing that was not nominated (NOT_NOMINATED)', () => {
    given(journey.toAccepted().cycleEvents)
      .when(decision({ grants: [...decision().grants, { unitId: 'c', award: 'certificate-of-merit', granted: true }] }))
      .thenRefused('NOT_NOMINATED');
  });

  it('rule: decides every nomination (NOMINATION_UNDECIDED)', () => {
    given(journey.toAccepted().cycleEvents).when(decision({ grants: [decision().grants[0]!] })).thenRefused('NOMINATION_UNDECIDED');
  });

  it('rule: after the province accepted the dossier (NOMINATIONS_NOT_ACCEPTED)', () => {
    given(journey.toNominated().cycleEvents).when(decision()).thenRefused('NOMINATIONS_NOT_ACCEPTED');
  });

  it('rule: number, date, signer and grants well formed (VALIDATION_FAILED)', () => {
    const error = given(journey.toAccepted().cycleEvents)
      .when(decision({ decisionNo: '', issuedOn: '20/04/2031', signer: '', grants: [{ unitId: 'a', award: 'emulation-flag', granted: 'yes' as never }, { unitId: 'a', award: 'emulation-flag', granted: true }] }))
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual(['decisionNo', 'issuedOn', 'signer', 'grants[0].granted', 'grants[1]']);
  });

  it('rule: only the approver (FORBIDDEN_ROLE); a closed cycle is not decided again (CYCLE_CLOSED)', () => {
    given(journey.toAccepted().cycleEvents).when(decision({ actor: province })).thenRefused('FORBIDDEN_ROLE');
    given(journey.toDecided().cycleEvents).when(decision()).thenRefused('CYCLE_CLOSED');
  });
});

describe('RevokeAward', () => {
  const revoke = { ...base, type: 'RevokeAward', actor: approver, unitId: 'a', award: 'emulation-flag', reason: 'Phát hiện vi phạm sau khi khen thưởng', decisionNo: '99/QĐ-UBND' } as const;

  it('revokes a granted award with a reason, on the closed cycle', () => {
    given(journey.toDecided().cycleEvents).when(revoke).then([
      { type: 'AwardRevoked', data: { cycleId: CYCLE_ID, unitId: 'a', award: 'emulation-flag', reason: 'Phát hiện vi phạm sau khi khen thưởng', decisionNo: '99/QĐ-UBND' } },
    ]);
  });

  it('rule: only a granted award (AWARD_NOT_GRANTED)', () => {
    given(journey.toDecided().cycleEvents).when({ ...revoke, unitId: 'b', award: 'certificate-of-merit' }).thenRefused('AWARD_NOT_GRANTED');
    given(journey.toAccepted().cycleEvents).when(revoke).thenRefused('AWARD_NOT_GRANTED');
  });

  it('rule: once (AWARD_ALREADY_REVOKED)', () => {
    const world = journey.toDecided();
    world.run(revoke);
    given(world.cycleEvents).when(revoke).thenRefused('AWARD_ALREADY_REVOKED');
  });

  it('rule: a reason is required (REASON_REQUIRED); a decision number too (VALIDATION_FAILED)', () => {
    given(journey.toDecided().cycleEvents).when({ ...revoke, reason: '' }).thenRefused('REASON_REQUIRED');
    given(journey.toDecided().cycleEvents).when({ ...revoke, decisionNo: '' }).thenRefused('VALIDATION_FAILED');
  });

  it('rule: only the approver (FORBIDDEN_ROLE)', () => {
    given(journey.toDecided().cycleEvents).when({ ...revoke, actor: officer('a') }).thenRefused('FORBIDDEN_ROLE');
    expect(new World().cycleEvents).toEqual([]);
  });
});
