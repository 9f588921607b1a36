import { SUBMISSION_KINDS, dueInForce, STEP_OF_SUBMISSION, type ScheduleStep, type StepStatus } from '#domain';
import type { CycleModel } from '../cycle-model/cycle-model.js';
import { openedCycle, stepStatuses, unitSubmission, votersOf } from '../cycle-status/cycle-status.js';

export type UnitDeadline = {
  cycleId: string;
  clusterName: string;
  year: number;
  step: ScheduleStep;
  stepStatus: StepStatus;
  /** The due date in force for this unit (its own extension counted), an ISO UTC instant. */
  dueAt: string;
  /** Whether the unit has an extension of its own for this step. */
  extended: boolean;
  /**
   * Whether the unit already did what the step asks of it: a version submitted and not returned
   * (a returned one must be submitted again), a ballot cast, nominations sent.
   */
  submitted: boolean;
  /** The due date has passed and the unit still owes it. */
  overdue: boolean;
};

/**
 * A unit's coming deadlines across every cycle it is a member of: for each step not closed yet,
 * the due date in force for that unit. Kept: every due date still ahead of `now`, and any passed
 * one the unit still owes in an open step. The nomination deadline is the leader unit's. Sorted by
 * due date. Undefined when the unit is a member of no known cycle.
 */
export function unitDeadlines(models: Iterable<CycleModel>, unitId: string, now: string): UnitDeadline[] | undefined {
  const nowMs = Date.parse(now);
  let member = false;
  const deadlines: UnitDeadline[] = [];
  for (const model of models) {
    const cycle = openedCycle(model);
    if (!cycle || !cycle.config.units.some((u) => u.id === unitId)) continue;
    member = true;
    if (cycle.status === 'closed') continue;
    const statuses = stepStatuses(cycle);
    const owed: { step: ScheduleStep; submitted: boolean }[] = SUBMISSION_KINDS.map((kind) => ({
      step: STEP_OF_SUBMISSION[kind],
      submitted: !['missing', 'returned'].includes(unitSubmission(cycle, model.units[unitId], unitId, kind).state),
    }));
    owed.push({ step: 'vote', submitted: votersOf(cycle).includes(unitId) });
    if (cycle.config.leaderUnitId === unitId)
      owed.push({ step: 'nomination', submitted: cycle.nominations.status !== 'none' });
    for (const { step, submitted } of owed) {
      const status = statuses[step];
      if (status === 'closed') continue;
      const dueAt = dueInForce(cycle, step, unitId);
      const passed = Date.parse(dueAt) < nowMs;
      if (passed && (submitted || status !== 'open')) continue;
      deadlines.push({
        cycleId: model.cycleId,
        clusterName: cycle.config.clusterName,
        year: cycle.config.year,
        step,
        stepStatus: status,
        dueAt,
        extended: cycle.unitDueAt[step]?.[unitId] !== undefined,
        submitted,
        overdue: passed && !submitted,
      });
    }
  }
  if (!member) return undefined;
  return deadlines.sort(
    (a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.cycleId < b.cycleId ? -1 : a.cycleId > b.cycleId ? 1 : 0),
  );
}
