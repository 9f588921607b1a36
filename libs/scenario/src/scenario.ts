/**
 * The reference year (An Giang, Cluster 2, 2020) as the tests and the demo read it: the fixture
 * copied into the project, found from the repository's root so that it loads the same from the
 * sources (Jest) and from `dist/` (the demo, the benchmark). Never from outside the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export type Choices = Record<string, Record<string, boolean>>;

export interface Criterion {
  id: string;
  title: string;
  maxPoints: number;
  kind?: string;
  /** Of a quantitative criterion's measure, e.g. "%". */
  unit?: string;
  /** A quantitative criterion scored from figures. */
  formula?: { direction: string; fullAt: number };
  disqualifyingBelow?: number;
  disqualifying?: boolean;
}

/** A figure-scored criterion's year-end figures for one unit. */
export interface Figures {
  actual: number;
  target: number;
}

export interface Scenario {
  province: { id: string; name: string };
  cluster: { id: string; name: string };
  year: number;
  timeZone: string;
  units: { id: string; name: string }[];
  leaderUnitId: string;
  deputyUnitId: string;
  criteria: {
    groups: { id: string; title: string; criteria: Criterion[] }[];
    bonus: Criterion[];
    penalty: Criterion[];
  };
  awards: { kind: string; quota: number }[];
  voteRules: { quorum: string; passThreshold: number; of: string };
  schedule: Record<string, string>;
  eligibility: { registrationRequired: boolean; minimumTotal: number };
  budgetRevenue: { byUnit: Record<string, { plan: number; actual: number; ratePercent: number }> };
  sectorsExceeded: Record<string, number | string>;
  povertyRatePercent: { byUnit: Record<string, Figures> };
  registrations: Record<string, { aimedAward: string }>;
  midYearBudgetProgressPercent: Record<string, number>;
  selfAssessment: {
    points: Record<string, Record<string, number>>;
    evidenceExample: Record<string, Record<string, string>>;
  };
  adjustments: { unitId: string; criterionId: string; from: number; to: number; reason: string }[];
  expectedFinalScores: Record<string, number>;
  expectedRanking: string[];
  vote: {
    candidates: Record<string, string[]>;
    ballotsByVoter: Record<string, Choices>;
    expectedTally: Record<string, Record<string, { approve: number; reject: number }>>;
  };
  expectedOutcome: { nominations: { unitId: string; award: string }[] };
  council: {
    meetingOn: string;
    minutesRef: string;
    results: { unitId: string; award: string; approve: number; reject: number; passed: boolean }[];
  };
  decision: {
    decisionNo: string;
    issuedOn: string;
    signer: string;
    signerTitle: string;
    grants: { unitId: string; award: string; granted: boolean }[];
  };
}

export function loadScenario(): Scenario {
  return JSON.parse(
    readFileSync(join(repoRoot, 'libs', 'scenario', 'an-giang-cluster-2-2020.json'), 'utf8'),
  ) as Scenario;
}

/** The criterion fields of the API (the fixture also carries `assumed` and notes). */
function criterion(c: Criterion): Criterion {
  const { id, title, maxPoints, kind, unit, formula, disqualifyingBelow, disqualifying } = c;
  return {
    id,
    title,
    maxPoints,
    ...(kind !== undefined ? { kind } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(formula !== undefined ? { formula } : {}),
    ...(disqualifyingBelow !== undefined ? { disqualifyingBelow } : {}),
    ...(disqualifying !== undefined ? { disqualifying } : {}),
  };
}

/**
 * The figures of the three criteria scored from figures, per unit: budget revenue (billion VND)
 * against the plan, sectors exceeded of three, the poverty rate at year end against its target.
 */
export function figuresOf(s: Scenario, unitId: string): Record<string, Figures> {
  const budget = s.budgetRevenue.byUnit[unitId]!;
  return {
    'C1.1': { actual: budget.actual, target: budget.plan },
    'C1.2': { actual: Number(s.sectorsExceeded[unitId]), target: 3 },
    'C1.3': s.povertyRatePercent.byUnit[unitId]!,
  };
}

function unitOfMeasure(s: Scenario, criterionId: string): string {
  return s.criteria.groups.flatMap((g) => g.criteria).find((c) => c.id === criterionId)!.unit!;
}

/** Overrides for tests that need another cluster, year or roster than the reference one. */
export interface CycleOverrides {
  clusterId?: string;
  /** Another province than the reference year's (tenancy tests). */
  provinceId?: string;
  clusterName?: string;
  year?: number;
  units?: { id: string; name: string }[];
  leaderUnitId?: string;
  deputyUnitId?: string;
  awards?: { kind: string; quota: number }[];
  schedule?: Record<string, string>;
}

/**
 * The body of `POST /cycles` for the scenario, with exactly the fields of the API document
 * (the fixture's annotations such as `assumed` or `source` would be unknown fields: 400).
 */
export function openCycleBody(s: Scenario, o: CycleOverrides = {}): Record<string, unknown> {
  return {
    clusterId: o.clusterId ?? s.cluster.id,
    clusterName: o.clusterName ?? s.cluster.name,
    provinceId: o.provinceId ?? s.province.id,
    year: o.year ?? s.year,
    units: o.units ?? s.units.map((u) => ({ id: u.id, name: u.name })),
    leaderUnitId: o.leaderUnitId ?? s.leaderUnitId,
    deputyUnitId: o.deputyUnitId ?? s.deputyUnitId,
    criteria: {
      groups: s.criteria.groups.map((g) => ({ id: g.id, title: g.title, criteria: g.criteria.map(criterion) })),
      bonus: s.criteria.bonus.map(criterion),
      penalty: s.criteria.penalty.map(criterion),
    },
    awards: o.awards ?? s.awards.map((a) => ({ kind: a.kind, quota: a.quota })),
    voteRules: { quorum: s.voteRules.quorum, passThreshold: s.voteRules.passThreshold, of: s.voteRules.of },
    schedule: o.schedule ?? shiftYears(stripAnnotations(s.schedule), (o.year ?? s.year) - s.year),
    timeZone: s.timeZone,
    eligibility: { registrationRequired: s.eligibility.registrationRequired, minimumTotal: s.eligibility.minimumTotal },
  };
}

/** The schedule moved by whole years, for the scenario replayed as another year. */
function shiftYears(schedule: Record<string, string>, years: number): Record<string, string> {
  if (years === 0) return schedule;
  return Object.fromEntries(
    Object.entries(schedule).map(([step, due]) => [step, due.replace(/^\d{4}/, (y) => String(Number(y) + years))]),
  );
}

function stripAnnotations(schedule: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(schedule).filter(([k]) => k !== 'assumed'));
}

/** The body of a unit's `PUT .../registration`: its aimed award and its targets (the pact). */
export function registrationBody(s: Scenario, unitId: string): Record<string, unknown> {
  const figures = figuresOf(s, unitId);
  return {
    aimedAward: s.registrations[unitId]?.aimedAward,
    targets: [
      { criterionId: 'C1.1', target: figures['C1.1']!.target, note: 'Kế hoạch thu ngân sách (tỷ đồng)' },
      { criterionId: 'C1.2', target: 3, note: 'Nông nghiệp, công nghiệp, xây dựng' },
      { criterionId: 'C1.3', target: figures['C1.3']!.target, note: 'Tỷ lệ hộ nghèo cuối năm (%)' },
    ],
  };
}

/** The body of a unit's `PUT .../mid-year-report`: budget revenue collected in six months (billion VND). */
export function midYearReportBody(s: Scenario, unitId: string): Record<string, unknown> {
  const percent = s.midYearBudgetProgressPercent[unitId] ?? 0;
  const actual = Math.round(figuresOf(s, unitId)['C1.1']!.target * percent) / 100;
  return {
    progress: [{ criterionId: 'C1.1', actual, note: `Thu ngân sách 6 tháng: ${percent}% kế hoạch` }],
    summary: 'Sơ kết 6 tháng đầu năm',
  };
}

export type ScoreLineBody = {
  criterionId: string;
  points?: number;
  actual?: number;
  target?: number;
  unit?: string;
  evidence?: string;
};

/**
 * The body of a unit's `PUT .../self-assessment`: the figures of the criteria scored from figures
 * (their points are derived), its points for the others, with evidence where the fixture has some.
 */
export function selfAssessmentBody(s: Scenario, unitId: string): { scores: ScoreLineBody[] } {
  const points = s.selfAssessment.points[unitId] ?? {};
  const evidence = s.selfAssessment.evidenceExample[unitId] ?? {};
  const withEvidence = (line: ScoreLineBody): ScoreLineBody =>
    evidence[line.criterionId] === undefined ? line : { ...line, evidence: evidence[line.criterionId] };
  const figures = Object.entries(figuresOf(s, unitId)).map(([criterionId, f]) =>
    withEvidence({ criterionId, actual: f.actual, target: f.target, unit: unitOfMeasure(s, criterionId) }),
  );
  return {
    scores: [...figures, ...Object.entries(points).map(([criterionId, p]) => withEvidence({ criterionId, points: p }))],
  };
}

/**
 * The same self-assessment with one self-scored line (C4.2 by default: 0 to 10 points, not derived
 * from figures) set to `points`: a version that differs from the last by exactly that line.
 */
export function withSelfScore(
  body: { scores: ScoreLineBody[] },
  points: number,
  criterionId = 'C4.2',
): { scores: ScoreLineBody[] } {
  return { scores: body.scores.map((line) => (line.criterionId === criterionId ? { ...line, points } : line)) };
}
