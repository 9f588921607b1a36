import { describe, expect, it } from '@jest/globals';
import type {
  AwardDecisionIssued,
  IssueAwardDecision,
  OpenCycle,
  RecordCouncilReview,
  SubmitNominations,
} from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  approver,
  journey,
  leader,
  officer,
  memberLeader,
  province,
  UNITS,
} from '../src/testing/small-cycle.js';

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
  signer: 'Nguyễn Văn A',
  signerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
  grants: [
    { unitId: 'a', award: 'emulation-flag', granted: true },
    { unitId: 'b', award: 'certificate-of-merit', granted: false, reason: 'Chưa đủ điều kiện' },
  ],
  ...overrides,
});

describe('SubmitNominations', () => {
  it('proposes units the vote passed, within quota, with the dossier', () => {
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate())
      .then([
        {
          type: 'NominationsSubmitted',
          data: { cycleId: CYCLE_ID, version: 1, nominations: nominate().nominations, dossier },
        },
      ]);
  });

  it('rule: only candidates that passed (CANDIDATE_NOT_PASSED)', () => {
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate({ nominations: [{ unitId: 'c', award: 'certificate-of-merit' }] }))
      .thenRefused('CANDIDATE_NOT_PASSED');
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate({ nominations: [{ unitId: 'b', award: 'emulation-flag' }] }))
      .thenRefused('CANDIDATE_NOT_PASSED');
  });

  it('rule: within quota (QUOTA_EXCEEDED)', () => {
    const world = journey.toLocked();
    world.run({ ...base, type: 'OpenVote', actor: leader, candidates: { 'emulation-flag': ['a', 'b'] } });
    for (const unitId of ['a', 'b', 'c', 'd'])
      journey.ballot(world, unitId, { 'emulation-flag': { a: true, b: true } });
    world.run({ ...base, type: 'CloseVote', actor: leader });
    given(world.cycleEvents)
      .when(
        nominate({
          nominations: [
            { unitId: 'a', award: 'emulation-flag' },
            { unitId: 'b', award: 'emulation-flag' },
          ],
        }),
      )
      .thenRefused('QUOTA_EXCEEDED');
  });

  describe('rule: nominations follow the ranking, ties broken by the vote (NOMINATION_OUT_OF_ORDER)', () => {
    /** b and c tied on final score (27) and on the first group (18); the flag vote gives b 4 approvals, c 3. */
    const tiedForTheFlag = (tieBreak?: OpenCycle['tieBreak']): World => {
      const world = new World();
      journey.open(world, tieBreak ? { tieBreak } : {});
      for (const step of ['registration', 'mid-year-review'] as const) {
        journey.openStep(world, step);
        journey.closeStep(world, step);
      }
      journey.openStep(world, 'self-assessment');
      const points: Record<string, Record<string, number>> = {
        a: { K1: 5, K2: 5, K3: 5 },
        b: { K1: 9, K2: 9, K3: 9 },
        c: { K1: 9, K2: 9, K3: 9 },
        d: { K1: 5, K2: 5, K3: 5 },
      };
      for (const [unitId, byCriterion] of Object.entries(points)) {
        const scores = Object.entries(byCriterion).map(([criterionId, p]) => ({ criterionId, points: p }));
        world.run({ ...base, type: 'SubmitSelfAssessment', actor: officer(unitId), unitId, scores });
        world.run({ ...base, type: 'AcceptSubmission', actor: leader, unitId, submission: 'self-assessment' });
      }
      journey.closeStep(world, 'self-assessment');
      world.run({ ...base, type: 'LockScores', actor: leader });
      world.run({ ...base, type: 'OpenVote', actor: leader, candidates: { 'emulation-flag': ['b', 'c'] } });
      for (const [unitId, approveC] of [
        ['a', true],
        ['b', true],
        ['c', true],
        ['d', false],
      ] as const)
        journey.ballot(world, unitId, { 'emulation-flag': { b: true, c: approveC } });
      world.run({ ...base, type: 'CloseVote', actor: leader });
      return world;
    };
    const flagTo = (unitId: string) => nominate({ nominations: [{ unitId, award: 'emulation-flag' }] });

    it('the unit with more approvals goes first when the scores tie', () => {
      const closed = tiedForTheFlag().cycleEvents;
      given(closed).when(flagTo('b')).thenTypes(['NominationsSubmitted']);
      const error = given(closed).when(flagTo('c')).thenRefused('NOMINATION_OUT_OF_ORDER');
      expect(error.message).toContain('nhiều phiếu tán thành hơn');
    });

    it('a higher final score goes first, whatever the approvals', () => {
      const world = journey.toLocked();
      world.run({ ...base, type: 'OpenVote', actor: leader, candidates: { 'certificate-of-merit': ['b', 'c', 'd'] } });
      for (const unitId of UNITS)
        journey.ballot(world, unitId, { 'certificate-of-merit': { b: true, c: true, d: true } });
      world.run({ ...base, type: 'CloseVote', actor: leader });
      const certificatesTo = (...units: string[]) =>
        nominate({ nominations: units.map((unitId) => ({ unitId, award: 'certificate-of-merit' })) });
      given(world.cycleEvents).when(certificatesTo('b', 'c')).thenTypes(['NominationsSubmitted']);
      const error = given(world.cycleEvents).when(certificatesTo('c', 'd')).thenRefused('NOMINATION_OUT_OF_ORDER');
      expect(error.message).toContain('tổng điểm cao hơn');
    });

    it('without the vote among the tie-break keys, either of two tied units may go', () => {
      const closed = tiedForTheFlag(['final-score', 'first-group']).cycleEvents;
      given(closed).when(flagTo('c')).thenTypes(['NominationsSubmitted']);
    });
  });

  it('rule: the dossier is required (DOSSIER_REQUIRED)', () => {
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate({ dossier: [] }))
      .thenRefused('DOSSIER_REQUIRED');
  });

  it('rule: a unit once, a configured award, well-formed dossier items (VALIDATION_FAILED)', () => {
    const closed = journey.toVoteClosed().cycleEvents;
    given(closed)
      .when(
        nominate({
          nominations: [
            { unitId: 'a', award: 'emulation-flag' },
            { unitId: 'a', award: 'certificate-of-merit' },
          ],
        }),
      )
      .thenRefused('VALIDATION_FAILED');
    given(closed)
      .when(nominate({ nominations: [{ unitId: 'a', award: 'gold-medal' }] }))
      .thenRefused('VALIDATION_FAILED');
    given(closed)
      .when(nominate({ nominations: [] }))
      .thenRefused('VALIDATION_FAILED');
    given(closed)
      .when(nominate({ dossier: [{ kind: 'minutes', ref: '', sha256: 'xyz' }] }))
      .thenRefused('VALIDATION_FAILED');
    given(closed)
      .when(nominate({ dossier: 'minutes' as never }))
      .thenRefused('VALIDATION_FAILED');
  });

  it('rule: nominees are member units (NOT_A_MEMBER)', () => {
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate({ nominations: [{ unitId: 'x', award: 'emulation-flag' }] }))
      .thenRefused('NOT_A_MEMBER');
  });

  it('rule: after the vote closed (VOTE_NOT_CLOSED)', () => {
    given(journey.toVote().cycleEvents).when(nominate()).thenRefused('VOTE_NOT_CLOSED');
  });

  it('rule: one proposal under review at a time, none after acceptance (NOMINATIONS_PENDING, NOMINATIONS_ALREADY_ACCEPTED)', () => {
    given(journey.toNominated().cycleEvents).when(nominate()).thenRefused('NOMINATIONS_PENDING');
    given(journey.toAccepted().cycleEvents).when(nominate()).thenRefused('NOMINATIONS_ALREADY_ACCEPTED');
  });

  it('rule: only the cycle leader (FORBIDDEN_ROLE, NOT_CLUSTER_LEADER)', () => {
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate({ actor: province }))
      .thenRefused('FORBIDDEN_ROLE');
    given(journey.toVoteClosed().cycleEvents)
      .when(nominate({ actor: memberLeader }))
      .thenRefused('NOT_CLUSTER_LEADER');
  });
});

describe('AcceptNominations and ReturnNominations', () => {
  it('the province accepts the dossier', () => {
    given(journey.toNominated().cycleEvents)
      .when({ ...base, type: 'AcceptNominations', actor: province, note: 'Hồ sơ đầy đủ' })
      .then([{ type: 'NominationsAccepted', data: { cycleId: CYCLE_ID, version: 1, note: 'Hồ sơ đầy đủ' } }]);
  });

  it('the province returns it with a reason; the leader resubmits a new version', () => {
    const world = journey.toNominated();
    world.run({ ...base, type: 'ReturnNominations', actor: province, reason: 'Thiếu báo cáo thành tích' });
    const [again] = world.run(
      nominate({ dossier: [...dossier, { kind: 'achievement-report', ref: 'doc://bao-cao' }] }),
    );
    expect(again).toMatchObject({ type: 'NominationsSubmitted', data: { version: 2 } });
  });

  it('rule: a return needs a reason (REASON_REQUIRED)', () => {
    given(journey.toNominated().cycleEvents)
      .when({ ...base, type: 'ReturnNominations', actor: province, reason: '' })
      .thenRefused('REASON_REQUIRED');
  });

  it('rule: there must be nominations awaiting review (NOMINATIONS_NOT_SUBMITTED)', () => {
    given(journey.toVoteClosed().cycleEvents)
      .when({ ...base, type: 'AcceptNominations', actor: province })
      .thenRefused('NOMINATIONS_NOT_SUBMITTED');
    given(journey.toAccepted().cycleEvents)
      .when({ ...base, type: 'AcceptNominations', actor: province })
      .thenRefused('NOMINATIONS_NOT_SUBMITTED');
  });

  it('rule: only the province (FORBIDDEN_ROLE)', () => {
    given(journey.toNominated().cycleEvents)
      .when({ ...base, type: 'AcceptNominations', actor: leader })
      .thenRefused('FORBIDDEN_ROLE');
  });
});

describe('RecordCouncilReview', () => {
  const review = (
    results = [
      { unitId: 'a', award: 'emulation-flag', approve: 9, reject: 1, passed: true },
      { unitId: 'b', award: 'certificate-of-merit', approve: 4, reject: 6, passed: false },
    ],
  ): RecordCouncilReview => ({
    ...base,
    type: 'RecordCouncilReview',
    actor: province,
    meetingOn: '2031-04-10',
    minutesRef: 'BB-HĐTĐKT-05',
    results,
  });

  it("records the council's own tally per nomination, its meeting date and minutes", () => {
    given(journey.toAccepted().cycleEvents)
      .when(review())
      .then([
        {
          type: 'CouncilReviewRecorded',
          data: {
            cycleId: CYCLE_ID,
            version: 1,
            meetingOn: '2031-04-10',
            minutesRef: 'BB-HĐTĐKT-05',
            results: review().results,
          },
        },
      ]);
  });

  it('rule: after the province accepted the dossier (NOMINATIONS_NOT_ACCEPTED), once (COUNCIL_ALREADY_REVIEWED)', () => {
    given(journey.toNominated().cycleEvents).when(review()).thenRefused('NOMINATIONS_NOT_ACCEPTED');
    given(journey.toCouncilReviewed().cycleEvents).when(review()).thenRefused('COUNCIL_ALREADY_REVIEWED');
  });

  it('rule: a result for every nomination (COUNCIL_REVIEW_INCOMPLETE) and only nominations (NOT_NOMINATED)', () => {
    given(journey.toAccepted().cycleEvents)
      .when(review([review().results[0]!]))
      .thenRefused('COUNCIL_REVIEW_INCOMPLETE');
    given(journey.toAccepted().cycleEvents)
      .when(
        review([
          ...review().results,
          { unitId: 'c', award: 'certificate-of-merit', approve: 1, reject: 0, passed: true },
        ]),
      )
      .thenRefused('NOT_NOMINATED');
  });

  it('rule: date, minutes and counts well formed (VALIDATION_FAILED); the province only (FORBIDDEN_ROLE)', () => {
    const error = given(journey.toAccepted().cycleEvents)
      .when({
        ...review([{ unitId: 'a', award: 'emulation-flag', approve: -1, reject: 0.5, passed: 'yes' as never }]),
        meetingOn: '10/04/2031',
        minutesRef: '',
      })
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'meetingOn',
      'minutesRef',
      'results[0].approve',
      'results[0].reject',
      'results[0].passed',
    ]);
    given(journey.toAccepted().cycleEvents)
      .when({ ...review(), actor: approver })
      .thenRefused('FORBIDDEN_ROLE');
  });
});

describe('IssueAwardDecision', () => {
  it('grants or refuses each nomination with number, date, signer and title, and closes the cycle', () => {
    const world = journey.toCouncilReviewed();
    const [event] = world.run(decision());
    expect(event).toEqual({
      type: 'AwardDecisionIssued',
      data: {
        cycleId: CYCLE_ID,
        decisionNo: '12/QĐ-UBND',
        issuedOn: '2031-04-20',
        signer: 'Nguyễn Văn A',
        signerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
        grants: decision().grants,
      },
    });
    expect(world.context().cycle.status).toBe('closed');
  });

  it('rule: separate decisions until every nomination is decided; then the cycle closes; none twice (NOMINATION_ALREADY_DECIDED)', () => {
    const world = journey.toCouncilReviewed();
    world.run(decision({ grants: [decision().grants[0]!] }));
    expect(world.context().cycle.status).toBe('open');
    expect(world.refusal(decision({ decisionNo: '13/QĐ-UBND', grants: [decision().grants[0]!] })).code).toBe(
      'NOMINATION_ALREADY_DECIDED',
    );
    world.run(decision({ decisionNo: '13/QĐ-UBND', issuedOn: '2031-05-02', grants: [decision().grants[1]!] }));
    const cycle = world.context().cycle;
    expect(cycle.status).toBe('closed');
    expect(cycle.status !== 'none' && cycle.decision?.decisions).toEqual([
      { decisionNo: '12/QĐ-UBND', issuedOn: '2031-04-20' },
      { decisionNo: '13/QĐ-UBND', issuedOn: '2031-05-02' },
    ]);
  });

  it('rule: only what the council passed is granted (COUNCIL_NOT_PASSED); its review comes first (COUNCIL_REVIEW_MISSING)', () => {
    const world = journey.toAccepted();
    expect(world.refusal(decision()).code).toBe('COUNCIL_REVIEW_MISSING');
    world.run({
      ...base,
      type: 'RecordCouncilReview',
      actor: province,
      meetingOn: '2031-04-10',
      minutesRef: 'BB-05',
      results: [
        { unitId: 'a', award: 'emulation-flag', approve: 3, reject: 7, passed: false },
        { unitId: 'b', award: 'certificate-of-merit', approve: 8, reject: 2, passed: true },
      ],
    });
    const error = world.refusal(decision());
    expect(error.code).toBe('COUNCIL_NOT_PASSED');
    expect(error.message).toBe(
      'Hội đồng Thi đua – Khen thưởng tỉnh không thông qua đề nghị Cờ thi đua của UBND tỉnh cho Đơn vị A',
    );
    expect(
      world
        .decide(
          decision({
            grants: [{ unitId: 'a', award: 'emulation-flag', granted: false, reason: 'Hội đồng không thông qua' }],
          }),
        )
        .map((e) => e.type),
    ).toEqual(['AwardDecisionIssued']);
  });

  it('rule: a lower form than proposed, with a reason (NOT_A_LOWER_FORM, REASON_REQUIRED); a refusal needs a reason', () => {
    const lower = {
      unitId: 'a',
      award: 'emulation-flag',
      granted: true,
      grantedAs: 'certificate-of-merit',
      reason: 'Chưa đủ tiêu chuẩn Cờ thi đua',
    };
    const [event] = given(journey.toCouncilReviewed().cycleEvents)
      .when(decision({ grants: [lower] }))
      .thenTypes(['AwardDecisionIssued']) as [AwardDecisionIssued];
    expect(event.data.grants).toEqual([lower]);
    given(journey.toCouncilReviewed().cycleEvents)
      .when(decision({ grants: [{ ...lower, reason: undefined }] as never }))
      .thenRefused('REASON_REQUIRED');
    given(journey.toCouncilReviewed().cycleEvents)
      .when(
        decision({
          grants: [
            { unitId: 'b', award: 'certificate-of-merit', granted: true, grantedAs: 'emulation-flag', reason: 'Nâng' },
          ],
        }),
      )
      .thenRefused('NOT_A_LOWER_FORM');
    given(journey.toCouncilReviewed().cycleEvents)
      .when(decision({ grants: [{ unitId: 'b', award: 'certificate-of-merit', granted: false }] }))
      .thenRefused('REASON_REQUIRED');
  });

  it('rule: grants nothing that was not nominated (NOT_NOMINATED)', () => {
    given(journey.toCouncilReviewed().cycleEvents)
      .when(decision({ grants: [...decision().grants, { unitId: 'c', award: 'certificate-of-merit', granted: true }] }))
      .thenRefused('NOT_NOMINATED');
  });

  it('rule: after the province accepted the dossier (NOMINATIONS_NOT_ACCEPTED)', () => {
    given(journey.toNominated().cycleEvents).when(decision()).thenRefused('NOMINATIONS_NOT_ACCEPTED');
  });

  it('rule: number, date, signer, title and grants well formed (VALIDATION_FAILED)', () => {
    const error = given(journey.toCouncilReviewed().cycleEvents)
      .when(
        decision({
          decisionNo: '',
          issuedOn: '20/04/2031',
          signer: '',
          signerTitle: '',
          grants: [
            { unitId: 'a', award: 'emulation-flag', granted: 'yes' as never },
            { unitId: 'a', award: 'emulation-flag', granted: true },
          ],
        }),
      )
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'decisionNo',
      'issuedOn',
      'signer',
      'signerTitle',
      'grants[0].granted',
      'grants[1]',
    ]);
  });

  it('rule: only the approver (FORBIDDEN_ROLE); a closed cycle is not decided again (CYCLE_CLOSED)', () => {
    given(journey.toCouncilReviewed().cycleEvents)
      .when(decision({ actor: province }))
      .thenRefused('FORBIDDEN_ROLE');
    given(journey.toDecided().cycleEvents).when(decision()).thenRefused('CYCLE_CLOSED');
  });
});

describe('RevokeAward', () => {
  const revoke = {
    ...base,
    type: 'RevokeAward',
    actor: approver,
    unitId: 'a',
    award: 'emulation-flag',
    reason: 'Phát hiện kê khai thành tích không đúng',
    legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
    decisionNo: '99/QĐ-UBND',
    issuedOn: '2031-09-01',
    prizeMoneyVnd: 15_000_000,
  } as const;

  it('revokes a granted award on a legal ground by a decision; the award and the prize money are to be recovered', () => {
    given(journey.toDecided().cycleEvents)
      .when(revoke)
      .then([
        {
          type: 'AwardRevoked',
          data: {
            cycleId: CYCLE_ID,
            unitId: 'a',
            award: 'emulation-flag',
            reason: 'Phát hiện kê khai thành tích không đúng',
            decisionNo: '99/QĐ-UBND',
            legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
            issuedOn: '2031-09-01',
            recovery: { award: true, prizeMoneyVnd: 15_000_000 },
          },
        },
      ]);
  });

  it('rule: a lower form granted is revoked as the form granted (AWARD_NOT_GRANTED for the one proposed)', () => {
    const world = journey.toCouncilReviewed();
    world.run(
      decision({
        grants: [
          { unitId: 'a', award: 'emulation-flag', granted: true, grantedAs: 'certificate-of-merit', reason: 'Hạ mức' },
        ],
      }),
    );
    expect(world.refusal(revoke).code).toBe('AWARD_NOT_GRANTED');
    expect(world.decide({ ...revoke, award: 'certificate-of-merit' }).map((e) => e.type)).toEqual(['AwardRevoked']);
  });

  it('rule: only a granted award (AWARD_NOT_GRANTED)', () => {
    given(journey.toDecided().cycleEvents)
      .when({ ...revoke, unitId: 'b', award: 'certificate-of-merit' })
      .thenRefused('AWARD_NOT_GRANTED');
    given(journey.toAccepted().cycleEvents).when(revoke).thenRefused('AWARD_NOT_GRANTED');
  });

  it('rule: once (AWARD_ALREADY_REVOKED)', () => {
    const world = journey.toDecided();
    world.run(revoke);
    given(world.cycleEvents).when(revoke).thenRefused('AWARD_ALREADY_REVOKED');
  });

  it('rule: a reason (REASON_REQUIRED); a legal ground, the revoking decision and its date (VALIDATION_FAILED)', () => {
    given(journey.toDecided().cycleEvents)
      .when({ ...revoke, reason: '' })
      .thenRefused('REASON_REQUIRED');
    const error = given(journey.toDecided().cycleEvents)
      .when({ ...revoke, decisionNo: '', legalGround: ' ', issuedOn: '01/09/2031', prizeMoneyVnd: -5 })
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'decisionNo',
      'legalGround',
      'issuedOn',
      'prizeMoneyVnd',
    ]);
  });

  it('rule: only the approver (FORBIDDEN_ROLE)', () => {
    given(journey.toDecided().cycleEvents)
      .when({ ...revoke, actor: officer('a') })
      .thenRefused('FORBIDDEN_ROLE');
    expect(new World().cycleEvents).toEqual([]);
  });
});
