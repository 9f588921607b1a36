/** LockScores: the leader fixes the final scores and the ranking once self-assessment is closed. */
import type { LockScores } from '../commands.js';
import type { ScoresLocked } from '../events.js';
import { DomainError } from '../shared/errors.js';
import { requireCycle, requireInstant, requireLeaderOf, requireNotClosed, requireRole } from '../shared/guards.js';
import type { CycleState } from '../cycle/state.js';
import type { UnitState } from '../unit/state.js';
import { computeStandings } from './final-score.js';

/** `units`: the folded stream of every member unit (a missing one counts as an empty stream). */
export function decideLockScores(command: LockScores, state: CycleState, units: Record<string, UnitState | undefined>): ScoresLocked[] {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config);
  requireNotClosed(cycle);
  if (cycle.locked) throw new DomainError('SCORES_LOCKED');
  if (cycle.steps['self-assessment'].status !== 'closed') {
    throw new DomainError('STEP_NOT_CLOSED', {
      vi: 'Phải đóng bước tự chấm điểm trước khi chốt điểm',
      en: 'Close the self-assessment step before locking the scores',
    });
  }
  const { scores, ranking } = computeStandings(cycle.config, units);
  const unitRevisions = Object.fromEntries(cycle.config.units.map((unit) => [unit.id, units[unit.id]?.revision ?? -1]));
  return [{ type: 'ScoresLocked', data: { cycleId: command.cycleId, scores, ranking, unitRevisions } }];
}
