/**
 * A whole year of one cycle, from opening to decision, played through the deciders into a store:
 * the reference year of the fixture, or synthetic years for the benchmark.
 */
import type {
  AwardQuota,
  BallotChoices,
  CommandActor,
  CriteriaTable,
  MemberUnit,
  RankedCandidate,
  ScheduleStep,
  ScoresLocked,
  VoteClosed,
  VoteOpened,
  VoteRulesInput,
} from '#domain';
import { SCHEDULE_STEPS, defaultCycleId, derivePoints, outrankingKey, type PointsFormula } from '#domain';
import { figuresOf, loadScenario } from '#scenario';
import type { CycleDriver } from './cycle-driver.js';

export type YearPlan = {
  clusterId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  timeZone: string;
  units: MemberUnit[];
  leaderUnitId: string;
  deputyUnitId?: string;
  criteria: CriteriaTable;
  awards: AwardQuota[];
  voteRules: VoteRulesInput;
  schedule: Record<ScheduleStep, string>;
  /** Units that register, with the award they aim for; the others never register. */
  registrations: Record<string, { aimedAward?: string }>;
  /** Mid-year progress of criterion C1.1 per unit. */
  midYear: Record<string, number>;
  /** Self-assessed points per unit and criterion (bonus and penalty ids included). */
  points: Record<string, Record<string, number>>;
  adjustments: { unitId: string; criterionId: string; to: number; reason: string }[];
  /** A vote held on paper: the minutes' count replaces the ballots. */
  paper?: {
    present: number;
    results: Record<string, Record<string, { approve: number; reject: number }>>;
    minutesRef: string;
  };
  /** The vote lists every ballot with its receipt after the close (a rule of the round; off by default). */
  publishBallots?: boolean;
  /** Each voter's choices, given the candidates the vote opened on. */
  ballots: (candidates: Record<string, string[]>) => Record<string, BallotChoices>;
  decisionNo: string;
};

export type PlayedYear = {
  cycleId: string;
  /** Position of the last event before the scores were locked, and the lock's own. */
  beforeLock: number;
  /** An instant after every event before the lock and before the lock itself. */
  beforeLockAt: string;
  locked: number;
  last: number;
  receipts: { unitId: string; receipt: string }[];
};

export const province: CommandActor = { userId: 'so-noi-vu', roles: ['province'], provinceId: 'an-giang' };
export const approver: CommandActor = { userId: 'chu-tich', roles: ['approver'], provinceId: 'an-giang' };
export const leaderOf = (unitId: string): CommandActor => ({
  userId: `${unitId}-leader`,
  roles: ['leader'],
  unitId,
  provinceId: 'an-giang',
});
export const officerOf = (unitId: string): CommandActor => ({
  userId: `${unitId}-officer`,
  roles: ['unit'],
  unitId,
  provinceId: 'an-giang',
});

/** The reference year (An Giang, Cluster 2, 2020) as a plan. */
export function referencePlan(): YearPlan {
  const s = loadScenario();
  return {
    clusterId: s.cluster.id,
    clusterName: s.cluster.name,
    provinceId: s.province.id,
    year: s.year,
    timeZone: s.timeZone,
    units: s.units,
    leaderUnitId: s.leaderUnitId,
    deputyUnitId: s.deputyUnitId,
    criteria: {
      groups: s.criteria.groups.map((g) => ({
        id: g.id,
        title: g.title,
        criteria: g.criteria.map((c) => ({
          id: c.id,
          title: c.title,
          maxPoints: c.maxPoints,
          kind: c.kind === 'quantitative' ? 'quantitative' : 'qualitative',
        })),
      })),
      bonus: s.criteria.bonus.map(({ id, title, maxPoints }) => ({ id, title, maxPoints })),
      penalty: s.criteria.penalty.map(({ id, title, maxPoints }) => ({ id, title, maxPoints })),
    },
    awards: s.awards.map(({ kind, quota }) => ({ kind, quota })),
    voteRules: {
      quorum: s.voteRules.quorum,
      passThreshold: s.voteRules.passThreshold,
      of: s.voteRules.of as 'ballots-cast' | 'members',
    },
    schedule: Object.fromEntries(SCHEDULE_STEPS.map((step) => [step, s.schedule[step]!])) as Record<
      ScheduleStep,
      string
    >,
    registrations: s.registrations,
    midYear: s.midYearBudgetProgressPercent,
    // The criteria scored from figures are self-scored in this plan: their points are the derived ones.
    points: Object.fromEntries(
      s.units.map((u) => [
        u.id,
        {
          ...Object.fromEntries(
            Object.entries(figuresOf(s, u.id)).map(([criterionId, f]) => {
              const criterion = s.criteria.groups.flatMap((g) => g.criteria).find((c) => c.id === criterionId)!;
              const formula = criterion.formula as PointsFormula;
              return [criterionId, derivePoints(f.actual, f.target, criterion.maxPoints, formula)];
            }),
          ),
          ...s.selfAssessment.points[u.id],
        },
      ]),
    ),
    adjustments: s.adjustments.map(({ unitId, criterionId, to, reason }) => ({ unitId, criterionId, to, reason })),
    ballots: () => s.vote.ballotsByVoter,
    decisionNo: s.decision.decisionNo,
  };
}

/** Opens the plan's cycle (the command of the plan's province office). */
export async function openCycle(driver: CycleDriver, plan: YearPlan): Promise<string> {
  const cycleId = defaultCycleId(plan.clusterId, plan.year);
  await driver.run({
    cycleId,
    type: 'OpenCycle',
    actor: { ...province, provinceId: plan.provinceId },
    at: `${plan.year}-01-10T01:00:00Z`,
    clusterId: plan.clusterId,
    clusterName: plan.clusterName,
    provinceId: plan.provinceId,
    year: plan.year,
    units: plan.units,
    leaderUnitId: plan.leaderUnitId,
    ...(plan.deputyUnitId ? { deputyUnitId: plan.deputyUnitId } : {}),
    criteria: plan.criteria,
    awards: plan.awards,
    voteRules: plan.voteRules,
    schedule: plan.schedule,
    timeZone: plan.timeZone,
  });
  return cycleId;
}

/** Plays the plan's year from opening to decision; every command goes through the deciders. */
export async function playYear(
  driver: CycleDriver,
  plan: YearPlan,
  options: { stopAfterBallots?: boolean } = {},
): Promise<PlayedYear> {
  const cycleId = defaultCycleId(plan.clusterId, plan.year);
  const y = plan.year;
  const leader = leaderOf(plan.leaderUnitId);
  const base = { cycleId };
  await openCycle(driver, plan);

  await driver.run({ ...base, type: 'OpenStep', actor: leader, at: `${y}-02-01T01:00:00Z`, step: 'registration' });
  for (const unit of plan.units) {
    const registration = plan.registrations[unit.id];
    if (!registration) continue;
    await driver.run({
      ...base,
      type: 'SubmitRegistration',
      actor: officerOf(unit.id),
      at: `${y}-02-20T02:00:00Z`,
      unitId: unit.id,
      ...(registration.aimedAward ? { aimedAward: registration.aimedAward } : {}),
      targets: [{ criterionId: 'C1.1', target: 100 }],
    });
    await driver.run({
      ...base,
      type: 'AcceptSubmission',
      actor: leader,
      at: `${y}-02-25T02:00:00Z`,
      unitId: unit.id,
      submission: 'registration',
    });
  }
  await driver.run({
    ...base,
    type: 'CloseStep',
    actor: leader,
    at: `${y}-03-01T01:00:00Z`,
    step: 'registration',
    summary: 'Ký kết giao ước thi đua',
  });

  await driver.run({ ...base, type: 'OpenStep', actor: leader, at: `${y}-06-20T01:00:00Z`, step: 'mid-year-review' });
  for (const unit of plan.units) {
    const actual = plan.midYear[unit.id];
    if (typeof actual !== 'number') continue;
    await driver.run({
      ...base,
      type: 'SubmitMidYearReport',
      actor: officerOf(unit.id),
      at: `${y}-07-10T02:00:00Z`,
      unitId: unit.id,
      progress: [{ criterionId: 'C1.1', actual }],
    });
  }
  await driver.run({ ...base, type: 'CloseStep', actor: leader, at: `${y}-07-16T01:00:00Z`, step: 'mid-year-review' });

  await driver.run({ ...base, type: 'OpenStep', actor: leader, at: `${y}-11-20T01:00:00Z`, step: 'self-assessment' });
  for (const unit of plan.units) {
    const points = plan.points[unit.id];
    if (!points) continue;
    await driver.run({
      ...base,
      type: 'SubmitSelfAssessment',
      actor: officerOf(unit.id),
      at: `${y}-12-10T02:00:00Z`,
      unitId: unit.id,
      scores: Object.entries(points).map(([criterionId, value]) => ({ criterionId, points: value })),
    });
    await driver.run({
      ...base,
      type: 'AcceptSubmission',
      actor: leader,
      at: `${y}-12-12T02:00:00Z`,
      unitId: unit.id,
      submission: 'self-assessment',
    });
  }
  await driver.run({ ...base, type: 'CloseStep', actor: leader, at: `${y}-12-16T01:00:00Z`, step: 'self-assessment' });
  let beforeLock = 0;
  for (const a of plan.adjustments) {
    beforeLock = (
      await driver.run({
        ...base,
        type: 'AdjustScore',
        actor: leader,
        at: `${y}-12-20T02:00:00Z`,
        unitId: a.unitId,
        criterionId: a.criterionId,
        points: a.to,
        reason: a.reason,
      })
    ).position;
  }
  const locked = await driver.run({ ...base, type: 'LockScores', actor: leader, at: `${y}-12-28T02:00:00Z` });
  if (beforeLock === 0) beforeLock = locked.position - 1;

  const opened = await driver.run({
    ...base,
    type: 'OpenVote',
    actor: leader,
    at: `${y + 1}-01-15T01:00:00Z`,
    ...(plan.paper ? { mode: 'paper' as const } : {}),
    ...(plan.publishBallots ? { publishBallots: true } : {}),
  });
  const candidates = (opened.decided[0] as VoteOpened).data.candidates;
  const receipts: PlayedYear['receipts'] = [];
  let minute = 0;
  let lastBallot = opened.position;
  if (plan.paper) {
    lastBallot = (
      await driver.run({
        ...base,
        type: 'RecordPaperTally',
        actor: leader,
        at: `${y + 1}-01-15T02:00:00Z`,
        ...plan.paper,
      })
    ).position;
  }
  for (const [voter, choices] of Object.entries(plan.paper ? {} : plan.ballots(candidates))) {
    const receipt = `r-${cycleId}-${(minute * 7919 + 104729) % 100003}`;
    receipts.push({ unitId: voter, receipt });
    const at = `${y + 1}-01-15T02:${String(minute++ % 60).padStart(2, '0')}:00Z`;
    lastBallot = (
      await driver.run({ ...base, type: 'CastBallot', actor: officerOf(voter), at, unitId: voter, receipt, choices })
    ).position;
  }
  const played = { cycleId, beforeLock, beforeLockAt: `${y}-12-25T00:00:00Z`, locked: locked.position, receipts };
  if (options.stopAfterBallots) return { ...played, last: lastBallot };
  const closed = await driver.run({ ...base, type: 'CloseVote', actor: leader, at: `${y + 1}-01-15T03:00:00Z` });
  const results = (closed.decided[0] as VoteClosed).data.results;
  const quota = new Map(plan.awards.map((a) => [a.kind, a.quota]));
  // The quota is filled from the top of the domain's ranking, as the rule NOMINATION_OUT_OF_ORDER requires.
  const scores = (locked.decided[0] as ScoresLocked).data.scores;
  const { tieBreak } = (opened.decided[0] as VoteOpened).data;
  const firstGroupId = plan.criteria.groups[0]?.id ?? '';
  const nominations = Object.entries(results).flatMap(([award, byUnit]) =>
    Object.entries(byUnit)
      .filter(([, r]) => r.passed)
      .map(([unitId, r]): RankedCandidate => ({
        unitId,
        score: scores.find((s) => s.unitId === unitId),
        approvals: r.approve,
      }))
      .sort((a, b) =>
        outrankingKey(a, b, tieBreak, firstGroupId) ? -1 : outrankingKey(b, a, tieBreak, firstGroupId) ? 1 : 0,
      )
      .slice(0, quota.get(award) ?? 0)
      .map(({ unitId }) => ({ unitId, award })),
  );
  await driver.run({
    ...base,
    type: 'SubmitNominations',
    actor: leader,
    at: `${y + 1}-02-01T02:00:00Z`,
    nominations,
    dossier: [{ kind: 'minutes', ref: `doc://bien-ban-${cycleId}` }],
  });
  await driver.run({ ...base, type: 'AcceptNominations', actor: province, at: `${y + 1}-03-01T02:00:00Z` });
  // The provincial council passes every nomination (its own tally: all 12 members approve).
  await driver.run({
    ...base,
    type: 'RecordCouncilReview',
    actor: province,
    at: `${y + 1}-04-12T02:00:00Z`,
    meetingOn: `${y + 1}-04-12`,
    minutesRef: `doc://hoi-dong-${cycleId}`,
    results: nominations.map((n) => ({ ...n, approve: 12, reject: 0, passed: true })),
  });
  const last = await driver.run({
    ...base,
    type: 'IssueAwardDecision',
    actor: approver,
    at: `${y + 1}-04-20T02:00:00Z`,
    decisionNo: plan.decisionNo,
    issuedOn: `${y + 1}-04-20`,
    signer: 'Chủ tịch UBND tỉnh',
    signerTitle: 'CHỦ TỊCH',
    grants: nominations.map((n) => ({ ...n, granted: true })),
  });
  return { ...played, last: last.position };
}
