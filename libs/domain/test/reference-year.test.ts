/**
 * The reference year: An Giang, Cluster 2, 2020, driven through the deciders from opening to the
 * decision, must end with exactly the fixture's expected scores, ranking, tally and outcome.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type {
  BallotChoices,
  CommandActor,
  CriteriaTable,
  DomainEvent,
  ScoresLocked,
  VoteClosed,
  VoteOpened,
} from '../src/index.js';
import type { OpenCycle, SelfAssessmentSubmitted, SubmitMidYearReport, SubmitRegistration } from '../src/index.js';
import { defaultCycleId } from '../src/index.js';
import { loadScenario, midYearReportBody, openCycleBody, registrationBody, selfAssessmentBody } from '#scenario';
import { World } from '../src/testing/world.js';

type Fixture = {
  province: { id: string };
  cluster: { id: string; name: string };
  year: number;
  timeZone: string;
  units: { id: string; name: string }[];
  leaderUnitId: string;
  deputyUnitId: string;
  criteria: CriteriaTable;
  awards: { kind: string; quota: number }[];
  voteRules: { quorum: string; passThreshold: number; of: 'ballots-cast' | 'members' };
  schedule: Record<string, string>;
  registrations: Record<string, { aimedAward: string } | boolean>;
  midYearBudgetProgressPercent: Record<string, number | boolean>;
  budgetRevenue: { byUnit: Record<string, { plan: number; actual: number }> };
  selfAssessment: {
    points: Record<string, Record<string, number>>;
    evidenceExample: Record<string, Record<string, string>>;
  };
  adjustments: { unitId: string; criterionId: string; from: number; to: number; reason: string }[];
  expectedFinalScores: Record<string, number>;
  expectedRanking: string[];
  vote: {
    candidates: Record<string, string[]>;
    ballotsByVoter: Record<string, BallotChoices>;
    expectedTally: Record<string, Record<string, { approve: number; reject: number }>>;
  };
  expectedOutcome: { nominations: { unitId: string; award: string }[] };
  decision: { decisionNo: string; issuedOn: string; grants: { unitId: string; award: string; granted: boolean }[] };
};

const fixture = JSON.parse(
  readFileSync(new URL('../../scenario/an-giang-cluster-2-2020.json', import.meta.url), 'utf8'),
) as Fixture;

const province: CommandActor = { userId: 'so-noi-vu', roles: ['province'], provinceId: 'an-giang' };
const leader: CommandActor = {
  userId: 'cho-moi-officer',
  roles: ['leader'],
  unitId: fixture.leaderUnitId,
  provinceId: 'an-giang',
};
const approver: CommandActor = { userId: 'chu-tich', roles: ['approver'], provinceId: 'an-giang' };
const officerOf = (unitId: string): CommandActor => ({
  userId: `${unitId}-officer`,
  roles: ['unit'],
  unitId,
  provinceId: 'an-giang',
});

const scenario = loadScenario();

describe('the reference year An Giang, Cluster 2, 2020', () => {
  const cycleId = defaultCycleId(fixture.cluster.id, fixture.year);
  const world = new World();
  const all: DomainEvent[] = [];
  const run = (command: Parameters<World['run']>[0]) => {
    const events = world.run(command);
    all.push(...events);
    return events;
  };

  it('runs from opening to decision and ends with the expected scores, ranking, tally and outcome', () => {
    // The same request bodies as the API's reference year and the demo (`#scenario`).
    run({
      ...(openCycleBody(scenario) as Omit<OpenCycle, 'type'>),
      type: 'OpenCycle',
      actor: province,
      at: '2020-01-10T01:00:00Z',
      cycleId,
    });

    // Registration (a condition for an award in 2020): every unit registers its targets; the leader accepts.
    run({ type: 'OpenStep', actor: leader, at: '2020-02-01T01:00:00Z', cycleId, step: 'registration' });
    for (const unit of fixture.units) {
      run({
        ...(registrationBody(scenario, unit.id) as Pick<SubmitRegistration, 'targets' | 'aimedAward'>),
        type: 'SubmitRegistration',
        actor: officerOf(unit.id),
        at: '2020-02-20T02:00:00Z',
        cycleId,
        unitId: unit.id,
      });
      run({
        type: 'AcceptSubmission',
        actor: leader,
        at: '2020-02-25T02:00:00Z',
        cycleId,
        unitId: unit.id,
        submission: 'registration',
      });
    }
    run({
      type: 'CloseStep',
      actor: leader,
      at: '2020-02-29T01:00:00Z',
      cycleId,
      step: 'registration',
      summary: 'Ký kết giao ước thi đua',
    });

    // Mid-year review: progress of the budget revenue.
    run({ type: 'OpenStep', actor: leader, at: '2020-06-20T01:00:00Z', cycleId, step: 'mid-year-review' });
    for (const unit of fixture.units) {
      run({
        ...(midYearReportBody(scenario, unit.id) as Pick<SubmitMidYearReport, 'progress' | 'summary'>),
        type: 'SubmitMidYearReport',
        actor: officerOf(unit.id),
        at: '2020-07-10T02:00:00Z',
        cycleId,
        unitId: unit.id,
      });
    }
    run({ type: 'CloseStep', actor: leader, at: '2020-07-16T01:00:00Z', cycleId, step: 'mid-year-review' });

    // Self-assessment: figures for the quantitative criteria (points derived), points for the others; each accepted.
    run({ type: 'OpenStep', actor: leader, at: '2020-11-20T01:00:00Z', cycleId, step: 'self-assessment' });
    for (const unit of fixture.units) {
      const [submitted] = run({
        ...selfAssessmentBody(scenario, unit.id),
        type: 'SubmitSelfAssessment',
        actor: officerOf(unit.id),
        at: '2020-12-10T02:00:00Z',
        cycleId,
        unitId: unit.id,
      }) as [SelfAssessmentSubmitted];
      const budget = submitted.data.scores.find((line) => line.criterionId === 'C1.1')!;
      expect(budget).toMatchObject({
        actual: fixture.budgetRevenue.byUnit[unit.id]!.actual,
        target: fixture.budgetRevenue.byUnit[unit.id]!.plan,
        unit: 'tỷ đồng',
      });
      run({
        type: 'AcceptSubmission',
        actor: leader,
        at: '2020-12-12T02:00:00Z',
        cycleId,
        unitId: unit.id,
        submission: 'self-assessment',
      });
    }
    run({ type: 'CloseStep', actor: leader, at: '2020-12-16T01:00:00Z', cycleId, step: 'self-assessment' });
    for (const adjustment of fixture.adjustments) {
      const [event] = run({
        type: 'AdjustScore',
        actor: leader,
        at: '2020-12-20T02:00:00Z',
        cycleId,
        unitId: adjustment.unitId,
        criterionId: adjustment.criterionId,
        points: adjustment.to,
        reason: adjustment.reason,
      });
      expect(event).toMatchObject({ type: 'ScoreAdjusted', data: { from: adjustment.from, to: adjustment.to } });
    }
    const [locked] = run({ type: 'LockScores', actor: leader, at: '2020-12-28T02:00:00Z', cycleId }) as [ScoresLocked];
    expect(Object.fromEntries(locked.data.scores.map((row) => [row.unitId, row.final]))).toEqual(
      fixture.expectedFinalScores,
    );
    expect(locked.data.ranking).toEqual(fixture.expectedRanking);
    // An Phú's C1.1: 86.32 of a 52 billion plan (166%) earns the maximum 18; its C1.2: 2 sectors of 3.
    expect(world.context().units['an-phu']!.points).toMatchObject({ 'C1.1': 18, 'C1.2': 6.67, 'C1.3': 12 });
    expect(locked.data.scores.every((row) => row.eligible)).toBe(true);

    // Vote on the default candidates, one ballot per member.
    const [opened] = run({ type: 'OpenVote', actor: leader, at: '2021-01-15T01:00:00Z', cycleId }) as [VoteOpened];
    expect(opened.data.candidates).toEqual(fixture.vote.candidates);
    Object.entries(fixture.vote.ballotsByVoter).forEach(([voter, choices], index) => {
      run({
        type: 'CastBallot',
        actor: officerOf(voter),
        at: `2021-01-15T02:0${index}:00Z`,
        cycleId,
        unitId: voter,
        receipt: `receipt-${String(index).padStart(4, '0')}`,
        choices,
      });
    });
    const [closed] = run({ type: 'CloseVote', actor: leader, at: '2021-01-15T03:00:00Z', cycleId }) as [VoteClosed];
    const tally = Object.fromEntries(
      Object.entries(closed.data.results).map(([award, byUnit]) => [
        award,
        Object.fromEntries(
          Object.entries(byUnit).map(([unitId, { approve, reject }]) => [unitId, { approve, reject }]),
        ),
      ]),
    );
    expect(tally).toEqual(fixture.vote.expectedTally);

    // Nomination, the province's acceptance, the decision.
    const [nominated] = run({
      type: 'SubmitNominations',
      actor: leader,
      at: '2021-02-01T02:00:00Z',
      cycleId,
      nominations: fixture.expectedOutcome.nominations,
      dossier: [
        { kind: 'submission-letter', ref: 'doc://to-trinh-2021-01' },
        { kind: 'minutes', ref: 'doc://bien-ban-hop-cum-2021-01-15' },
      ],
    });
    expect(nominated).toMatchObject({
      type: 'NominationsSubmitted',
      data: { nominations: fixture.expectedOutcome.nominations },
    });
    run({ type: 'AcceptNominations', actor: province, at: '2021-03-01T02:00:00Z', cycleId });
    run({ type: 'RecordCouncilReview', actor: province, at: '2021-04-12T02:00:00Z', cycleId, ...scenario.council });
    const [decision] = run({
      type: 'IssueAwardDecision',
      actor: approver,
      at: '2021-04-20T02:00:00Z',
      cycleId,
      decisionNo: fixture.decision.decisionNo,
      issuedOn: fixture.decision.issuedOn,
      signer: scenario.decision.signer,
      signerTitle: scenario.decision.signerTitle,
      grants: fixture.decision.grants,
    });
    expect(decision).toMatchObject({ type: 'AwardDecisionIssued', data: { grants: fixture.decision.grants } });
    const granted = fixture.decision.grants
      .filter((grant) => grant.granted)
      .map(({ unitId, award }) => ({ unitId, award }));
    expect(granted).toEqual(fixture.expectedOutcome.nominations);

    const { cycle } = world.context();
    expect(cycle.status).toBe('closed');
    // Every event is plain JSON: serializing and parsing gives it back unchanged.
    expect(JSON.parse(JSON.stringify(all))).toEqual(all);
  });
});
