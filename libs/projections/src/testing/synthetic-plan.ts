/**
 * Synthetic years for the benchmark: clusters of many units on the reference year's criteria,
 * with points, registrations and ballots drawn from a seeded generator (the same every run).
 */
import type { BallotChoices, ScheduleStep } from '#domain';
import { referencePlan, type YearPlan } from './play-year.js';

/** mulberry32: a tiny deterministic generator, enough to vary the data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cycle number `index` of a province: `unitCount` units, one of five years. */
export function syntheticPlan(index: number, unitCount: number): YearPlan {
  const reference = referencePlan();
  const next = random(index + 1);
  const year = 2020 + (index % 5);
  const units = Array.from({ length: unitCount }, (_, k) => ({
    id: `u${String(k + 1).padStart(2, '0')}`,
    name: `Xã Thạnh ${k + 1}`,
  }));
  const criteria = reference.criteria;
  const halfSteps = (max: number) => Math.round(max * (0.7 + 0.3 * next()) * 2) / 2;
  const points = Object.fromEntries(
    units.map((u) => [
      u.id,
      Object.fromEntries([
        ...criteria.groups.flatMap((g) => g.criteria.map((c) => [c.id, halfSteps(c.maxPoints)] as const)),
        ...(next() < 0.3 ? [[criteria.bonus[0]!.id, 1] as const] : []),
      ]),
    ]),
  );
  const registrations = Object.fromEntries(
    units
      .filter(() => next() < 0.9)
      .map((u) => [u.id, { aimedAward: next() < 0.3 ? 'emulation-flag' : 'certificate-of-merit' }]),
  );
  const schedule: Record<ScheduleStep, string> = {
    registration: `${year}-02-28`,
    'mid-year-review': `${year}-07-15`,
    'self-assessment': `${year}-12-15`,
    vote: `${year + 1}-01-20`,
    nomination: `${year + 1}-03-15`,
    decision: `${year + 1}-04-30`,
  };
  return {
    ...reference,
    clusterId: `cum-${index}`,
    clusterName: `Cụm thi đua số ${index}`,
    year,
    units,
    leaderUnitId: units[0]!.id,
    deputyUnitId: units[1]!.id,
    awards: [
      { kind: 'emulation-flag', quota: 1 },
      { kind: 'certificate-of-merit', quota: 2 },
    ],
    schedule,
    registrations,
    midYear: Object.fromEntries(units.map((u) => [u.id, Math.round(40 + 30 * next())])),
    points,
    adjustments: [
      {
        unitId: units[2]!.id,
        criterionId: 'C3.1',
        to: points[units[2]!.id]!['C3.1']! - 0.5,
        reason: 'Kết quả thẩm định',
      },
    ],
    ballots: (candidates) =>
      Object.fromEntries(
        units.map((voter) => [
          voter.id,
          Object.fromEntries(
            Object.entries(candidates).map(([award, ids]) => [
              award,
              Object.fromEntries(ids.map((id) => [id, next() < 0.9])),
            ]),
          ) as BallotChoices,
        ]),
      ),
    decisionNo: `${index}/QĐ-UBND`,
  };
}
