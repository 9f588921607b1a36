/**
 * LockScores: the leader fixes the final scores and the ranking once self-assessment is closed and
 * every member unit's score was reviewed. UnlockScores reopens them to correction with a reason,
 * voiding the vote that followed.
 */
import type { LockScores, UnlockScores } from '../commands.js';
import type { ScoresLocked, ScoresUnlocked } from '../events.js';
import { DomainError } from '../shared/errors.js';
import {
  requireCycle,
  requireInstant,
  requireLeaderOf,
  requireNotClosed,
  requireReason,
  requireRole,
} from '../shared/guards.js';
import type { CycleState } from '../cycle/state.js';
import type { UnitState } from '../unit/state.js';
import { computeStandings } from './final-score.js';

/**
 * Units whose score is not reviewed: their latest self-assessment is not accepted and the leader
 * did not record it missing (for that latest version). In roster order.
 */
export function unitsNotReviewed(
  roster: readonly { id: string }[],
  units: Record<string, UnitState | undefined>,
): Array<{ unitId: string; status: 'none' | 'submitted' | 'returned' }> {
  return roster.flatMap(({ id }) => {
    const unit = units[id];
    const latest = unit?.selfAssessment;
    if (latest?.status === 'accepted') return [];
    if (unit?.selfAssessmentMissing && unit.selfAssessmentMissing.version === (latest?.version ?? 0)) return [];
    return [{ unitId: id, status: latest?.status ?? 'none' }];
  });
}

const WHY_NOT_REVIEWED = {
  none: { vi: 'chưa nộp, chưa ghi nhận không nộp', en: 'none submitted, not recorded as missing' },
  submitted: { vi: 'chờ xem xét', en: 'awaiting review' },
  returned: { vi: 'bị trả lại, chưa nộp lại', en: 'returned, not resubmitted' },
} as const;

/** `units`: the folded stream of every member unit (a missing one counts as an empty stream). */
export function decideLockScores(
  command: LockScores,
  state: CycleState,
  units: Record<string, UnitState | undefined>,
): ScoresLocked[] {
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
  const blocking = unitsNotReviewed(
    cycle.config.units.filter((unit) => !cycle.dissolved?.[unit.id]),
    units,
  );
  if (blocking.length > 0) {
    const name = (unitId: string) => cycle.config.units.find((unit) => unit.id === unitId)?.name ?? unitId;
    throw new DomainError('SCORES_NOT_REVIEWED', {
      vi: `Chưa thể chốt điểm: ${blocking.map((b) => `${name(b.unitId)} (${WHY_NOT_REVIEWED[b.status].vi})`).join('; ')}`,
      en: `Scores cannot be locked: ${blocking.map((b) => `${b.unitId} (${WHY_NOT_REVIEWED[b.status].en})`).join('; ')}`,
      errors: blocking.map((b) => ({
        field: `units.${b.unitId}`,
        message: WHY_NOT_REVIEWED[b.status].vi,
        messageEn: WHY_NOT_REVIEWED[b.status].en,
      })),
    });
  }
  const standings = computeStandings(cycle.config, units);
  const { ranking } = standings;
  // A unit dissolved or merged is scored on what it had (history) and proposed for nothing.
  const scores = standings.scores.map((row) => {
    const dissolved = cycle.dissolved?.[row.unitId];
    if (!dissolved) return row;
    return {
      ...row,
      eligible: false,
      ineligible: [...(row.ineligible ?? []), { rule: 'unit-dissolved' as const, how: dissolved.how }],
    };
  });
  const unitRevisions = Object.fromEntries(cycle.config.units.map((unit) => [unit.id, units[unit.id]?.revision ?? -1]));
  return [{ type: 'ScoresLocked', data: { cycleId: command.cycleId, scores, ranking, unitRevisions } }];
}

/**
 * Only while no dossier awaits the province or was accepted: the province returns the dossier
 * first (its reason is the scoring error), then the leader unlocks.
 */
export function decideUnlockScores(command: UnlockScores, state: CycleState): ScoresUnlocked[] {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config);
  requireNotClosed(cycle);
  const reason = requireReason(command.reason);
  if (!cycle.locked) throw new DomainError('SCORES_NOT_LOCKED');
  if (cycle.nominations.status === 'submitted') throw new DomainError('NOMINATIONS_PENDING');
  if (cycle.nominations.status === 'accepted') throw new DomainError('NOMINATIONS_ALREADY_ACCEPTED');
  const voided = cycle.vote.status !== 'pending' ? { voidedRound: cycle.vote.round } : {};
  return [{ type: 'ScoresUnlocked', data: { cycleId: command.cycleId, reason, ...voided } }];
}
