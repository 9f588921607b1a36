import type { CriteriaTable, CycleConfig, Eligibility, TieBreaker } from '../cycle/config.js';
import type { FinalScore, Ineligibility } from '../events.js';
import type { UnitState } from '../unit/state.js';
import { fromHundredths, toHundredths } from './points.js';

export type UnscoredRow = Omit<FinalScore, 'rank'>;

/** Base (every criterion), bonus and penalty from the points in force; final = base + bonus − penalty. */
export function computeFinalScore(
  criteria: CriteriaTable,
  points: Record<string, number>,
): Pick<FinalScore, 'base' | 'bonus' | 'penalty' | 'final' | 'groups'> {
  const of = (id: string) => toHundredths(points[id] ?? 0);
  const groups: Record<string, number> = {};
  let base = 0;
  for (const group of criteria.groups) {
    const groupSum = group.criteria.reduce((sum, criterion) => sum + of(criterion.id), 0);
    groups[group.id] = fromHundredths(groupSum);
    base += groupSum;
  }
  const bonus = criteria.bonus.reduce((sum, item) => sum + of(item.id), 0);
  const penalty = criteria.penalty.reduce((sum, item) => sum + of(item.id), 0);
  return {
    base: fromHundredths(base),
    bonus: fromHundredths(bonus),
    penalty: fromHundredths(penalty),
    final: fromHundredths(base + bonus - penalty),
    groups,
  };
}

/**
 * Orders rows by the tie-break keys in order ('vote' is not known when scores are locked: units
 * still tied share a rank, listed in roster order, and the vote decides between them). Ranks are
 * competition ranks: 1, 2, 2, 4.
 */
export function rankRows(rows: UnscoredRow[], tieBreak: readonly TieBreaker[], firstGroupId: string): FinalScore[] {
  const keys = tieBreak.filter((key) => key !== 'vote');
  const compare = (a: UnscoredRow, b: UnscoredRow): number => {
    for (const key of keys) {
      const difference =
        key === 'final-score'
          ? toHundredths(b.final) - toHundredths(a.final)
          : toHundredths(b.groups[firstGroupId] ?? 0) - toHundredths(a.groups[firstGroupId] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  // Array.prototype.sort is stable: equal rows keep roster order.
  const sorted = [...rows].sort(compare);
  const ranked: FinalScore[] = [];
  sorted.forEach((row, index) => {
    const previous = ranked[index - 1];
    const rank = previous && compare(sorted[index - 1]!, row) === 0 ? previous.rank : index + 1;
    ranked.push({ ...row, rank });
  });
  return ranked;
}

/** Why a unit may not be proposed for an award (empty: eligible). See `Ineligibility`. */
export function ineligibilityOf(
  config: Pick<CycleConfig, 'criteria'> & { eligibility?: Eligibility },
  unit: UnitState | undefined,
  final: number,
): Ineligibility[] {
  const points = unit?.points ?? {};
  const reasons: Ineligibility[] = [];
  for (const criterion of config.criteria.groups.flatMap((group) => group.criteria)) {
    const below = criterion.disqualifyingBelow;
    if (below !== undefined && toHundredths(points[criterion.id] ?? 0) < toHundredths(below)) {
      reasons.push({ rule: 'disqualifying-criterion', itemId: criterion.id, points: points[criterion.id] ?? 0, below });
    }
  }
  for (const item of config.criteria.penalty) {
    if (item.disqualifying && (points[item.id] ?? 0) > 0)
      reasons.push({ rule: 'disqualifying-penalty', itemId: item.id, points: points[item.id]! });
  }
  const minimum = config.eligibility?.minimumTotal;
  if (minimum !== undefined && toHundredths(final) < toHundredths(minimum))
    reasons.push({ rule: 'below-minimum-total', final, minimum });
  if (config.eligibility?.registrationRequired && unit?.registration === undefined)
    reasons.push({ rule: 'registration-missing' });
  if (unit?.selfAssessmentMissing)
    reasons.push({ rule: 'self-assessment-missing', reason: unit.selfAssessmentMissing.reason });
  return reasons;
}

/** The locked standings of a cycle from its member units' states (a unit with no stream scores 0). */
export function computeStandings(
  config: Pick<CycleConfig, 'units' | 'criteria' | 'tieBreak'> & { eligibility?: Eligibility },
  units: Record<string, UnitState | undefined>,
): { scores: FinalScore[]; ranking: string[] } {
  const rows: UnscoredRow[] = config.units.map((member) => {
    const unit = units[member.id];
    const score = computeFinalScore(config.criteria, unit?.points ?? {});
    const ineligible = ineligibilityOf(config, unit, score.final);
    return {
      unitId: member.id,
      ...score,
      registered: unit?.registration !== undefined,
      selfAssessed: unit?.selfAssessment !== undefined,
      eligible: ineligible.length === 0,
      ...(ineligible.length > 0 ? { ineligible } : {}),
    };
  });
  const scores = rankRows(rows, config.tieBreak, config.criteria.groups[0]?.id ?? '');
  return { scores, ranking: scores.map((row) => row.unitId) };
}
