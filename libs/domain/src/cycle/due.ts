import type { ScheduleStep } from './config.js';
import type { OpenedCycleState } from './state.js';
import { laterOf } from '../time/due-date.js';

/**
 * The due date in force for a step, for every unit or for one unit: the step's due date (with its
 * latest extension), or the unit's own extension when that is later.
 */
export function dueInForce(state: OpenedCycleState, step: ScheduleStep, unitId?: string): string {
  const stepDue = state.dueAt[step];
  return unitId === undefined ? stepDue : laterOf(stepDue, state.unitDueAt[step]?.[unitId]);
}
