/**
 * Lateness, in one place. A submission is late when it comes after the due date in force for its
 * unit, except a correction: a version that was on time and returned with a time to correct it
 * (`correctByAt`) is judged on that first on-time version, so the correction is on time as long as
 * it comes by then. An extension granted after the fact clears the mark (`lateInForce`).
 */
import { STEP_OF_SUBMISSION, type SubmissionKind } from '../cycle/config.js';
import { dueInForce } from '../cycle/due.js';
import type { OpenedCycleState } from '../cycle/state.js';
import { isLate } from '../time/due-date.js';
import { SUBMISSION_FIELD, type UnitState } from './state.js';

/** `correctByAt`: the time the leader gave when returning an on-time version (the unit's `correction`). */
export function judgeLateness(submittedAt: string, dueAt: string, correctByAt?: string): boolean {
  if (!isLate(submittedAt, dueAt)) return false;
  return correctByAt === undefined || isLate(submittedAt, correctByAt);
}

/**
 * Whether the unit's latest version of a submission is late as things stand now: late when made,
 * unless a due date extended since (for the step or the unit) covers it.
 */
export function lateInForce(
  cycle: OpenedCycleState,
  unitId: string,
  unit:
    | (Pick<UnitState, 'correction'> &
        Partial<Record<'registration' | 'midYearReport' | 'selfAssessment', { late: boolean; submittedAt: string }>>)
    | undefined,
  kind: SubmissionKind,
): boolean {
  const latest = unit?.[SUBMISSION_FIELD[kind]];
  if (!latest?.late) return false;
  return judgeLateness(
    latest.submittedAt,
    dueInForce(cycle, STEP_OF_SUBMISSION[kind], unitId),
    unit?.correction?.[kind],
  );
}
