/**
 * The reference year (An Giang, Cluster 2, 2020) as the tests and the demo read it: the fixture
 * copied into the project, found from the repository's root so that it loads the same from the
 * sources (Jest) and from `dist/` (the demo, the benchmark). Never from ../shared.
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
  budgetRevenue: { byUnit: Record<string, { plan: number; actual: number; ratePercent: number }> };
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
  decision: {
    decisionNo: string;
    issuedOn: string;
    grants: { unitId: string; award: string; granted: boolean }[];
  };
}

export function loadScenario(): Scenario {
  return JSON.parse(readFileSync(join(repoRoot, 'libs', 'scenario', 'an-giang-cluster-2-2020.json'), 'utf8')) as Scenario;
}

/** The criterion fields of the API (the fixture also carries `assumed` and notes). */
function criterion(c: Criterion): Criterion {
  const { id, title, maxPoints, kind, unit } = c;
  return { id, title, maxPoints, ...(kind !== undefined ? { kind } : {}), ...(unit !== undefined ? { unit } : {}) };
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
    schedule: o.schedule ?? stripAnnotations(s.schedule),
    timeZone: s.timeZone,
  };
}

function stripAnnotations(schedule: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(schedule).filter(([k]) => k !== 'assumed'));
}

/** The body of a unit's `PUT .../registration`: its aimed award and its budget target. */
export function registrationBody(s: Scenario, unitId: string): Record<string, unknown> {
  const budget = s.budgetRevenue.byUnit[unitId];
  return {
    aimedAward: s.registrations[unitId]?.aimedAward,
    targets: [
      { criterionId: 'C1.1', target: 100, note: `Kế hoạch thu ngân sách ${budget?.plan ?? '?'} tỷ đồng` },
      { criterionId: 'C1.2', target: 3, note: 'Nông nghiệp, công nghiệp, xây dựng' },
    ],
  };
}

/** The body of a unit's `PUT .../mid-year-report`. */
export function midYearReportBody(s: Scenario, unitId: string): Record<string, unknown> {
  return {
    progress: [{ criterionId: 'C1.1', actual: s.midYearBudgetProgressPercent[unitId], note: 'Tiến độ thu ngân sách 6 tháng' }],
    summary: 'Sơ kết 6 tháng đầu năm',
  };
}

/** The body of a unit's `PUT .../self-assessment`: its points, with evidence where the fixture has some. */
export function selfAssessmentBody(s: Scenario, unitId: string): { scores: { criterionId: string; points: number; evidence?: string }[] } {
  const points = s.selfAssessment.points[unitId] ?? {};
  const evidence = s.selfAssessment.evidenceExample[unitId] ?? {};
  return {
    scores: Object.entries(points).map(([criterionId, p]) =>
      evidence[criterionId] === undefined ? { criterionId, points: p } : { criterionId, points: p, evidence: evidence[criterionId] },
    ),
  };
}
