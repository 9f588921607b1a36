import {
  STEP_OF_SUBMISSION,
  SUBMISSION_KINDS,
  SUBMISSION_STEPS,
  lateInForce,
  computeFinalScore,
  computeStandings,
  describeIneligibility,
  type CandidateResult,
  type FinalScore,
  type OpenedCycleState,
  type SubmissionStep,
  type UnitState,
} from '#domain';
import type { CycleModel, UnitSummary } from '../cycle-model/cycle-model.js';
import { openedCycle } from '../cycle-status/cycle-status.js';

export type StandingsRow = {
  /** Competition rank (1, 2, 2, 4): the locked ranking once locked, else by the provisional score. */
  rank: number;
  unitId: string;
  unitName: string;
  /** Whether the unit submitted a registration (since the 2022 law, not a condition for an award). */
  registered: boolean;
  aimedAward: string | null;
  /** The total of the unit's own latest self-assessment (before any reviewer's adjustment), null if none. */
  selfScore: number | null;
  /** The points in force now (self-assessment with adjustments): base + bonus − penalty. */
  provisionalScore: number;
  /** The locked final score, null until the scores are locked. */
  finalScore: number | null;
  /** After the vote closes, the unit's result for each award it was a candidate for; else null. */
  vote: Record<string, CandidateResult> | null;
  /** Award kinds the unit is proposed for in the latest nominations. */
  nominated: string[];
  /** Award kinds granted by the decisions (the form granted, a lower one included) and not revoked. */
  awarded: string[];
  /** Award kinds granted and later revoked (shown as revoked, never as awarded). */
  revoked: string[];
  /** Whether the unit may be proposed for an award; if not, why, in Vietnamese (`ineligible`). */
  eligible: boolean;
  ineligible: string[];
  /** Steps whose latest submission came after the due date in force. */
  late: SubmissionStep[];
};

export type Standings = {
  cycleId: string;
  /** Whether the ranking is the locked one. */
  locked: boolean;
  /** Position of the last event of the cycle these standings include. */
  position: number;
  rows: StandingsRow[];
};

/** The standings of a cycle from its model, or undefined when the model holds no opened cycle. */
export function standingsView(model: CycleModel | undefined): Standings | undefined {
  const cycle = openedCycle(model);
  if (!model || !cycle) return undefined;
  // The domain's scoring reads of a unit only its points and whether it registered and self-assessed.
  const units = model.units as Record<string, UnitState>;
  const scores = cycle.locked?.scores ?? computeStandings(cycle.config, units).scores;
  const provisional = cycle.locked ? computeStandings(cycle.config, units).scores : scores;
  const provisionalOf = new Map(provisional.map((row) => [row.unitId, row.final]));
  const names = new Map(cycle.config.units.map((unit) => [unit.id, unit.name]));
  const rows = [...scores]
    .sort((a, b) => a.rank - b.rank)
    .map((score) =>
      standingsRow(
        cycle,
        score,
        model.units[score.unitId],
        names.get(score.unitId) ?? score.unitId,
        provisionalOf.get(score.unitId) ?? 0,
      ),
    );
  return { cycleId: model.cycleId, locked: cycle.locked !== undefined, position: model.position, rows };
}

function standingsRow(
  cycle: OpenedCycleState,
  score: FinalScore,
  unit: UnitSummary | undefined,
  unitName: string,
  provisionalScore: number,
): StandingsRow {
  const { unitId } = score;
  const selfAssessment = unit?.selfAssessment;
  return {
    rank: score.rank,
    unitId,
    unitName,
    registered: score.registered,
    aimedAward: unit?.registration?.aimedAward ?? null,
    selfScore: selfAssessment
      ? computeFinalScore(
          cycle.config.criteria,
          Object.fromEntries(selfAssessment.scores.map((line) => [line.criterionId, line.points])),
        ).final
      : null,
    provisionalScore,
    finalScore: cycle.locked ? score.final : null,
    vote: voteOf(cycle, unitId),
    nominated:
      cycle.nominations.status === 'none'
        ? []
        : cycle.nominations.nominations.filter((n) => n.unitId === unitId).map((n) => n.award),
    awarded: (cycle.decision?.grants ?? [])
      .filter((grant) => grant.unitId === unitId && grant.granted)
      .map((grant) => grant.grantedAs ?? grant.award)
      .filter((award) => !cycle.revoked.some((r) => r.unitId === unitId && r.award === award)),
    revoked: cycle.revoked.filter((r) => r.unitId === unitId).map((r) => r.award),
    // Rows locked before eligibility existed have no `eligible`: they were all eligible.
    eligible: score.eligible !== false,
    ineligible: (score.ineligible ?? []).map((reason) => describeIneligibility(reason, cycle.config.criteria).vi),
    // Late as things stand: an extension granted after the fact clears the mark.
    late: SUBMISSION_STEPS.filter((step) =>
      lateInForce(
        cycle,
        unitId,
        unit,
        SUBMISSION_KINDS.find((kind) => STEP_OF_SUBMISSION[kind] === step)!,
      ),
    ),
  };
}

function voteOf(cycle: OpenedCycleState, unitId: string): Record<string, CandidateResult> | null {
  if (cycle.vote.status !== 'closed' || !cycle.vote.result) return null;
  const mine: Record<string, CandidateResult> = {};
  for (const [award, candidates] of Object.entries(cycle.vote.result.results)) {
    const result = candidates[unitId];
    if (result) mine[award] = result;
  }
  return Object.keys(mine).length > 0 ? mine : null;
}
