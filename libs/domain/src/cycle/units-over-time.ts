/**
 * The units of a cycle over time (the 2025 reform): a member unit dissolved or merged during the
 * year, the leader or deputy unit replaced, the cycle cancelled. Each by the province, with the
 * decision or the reason; the history before stays as it was.
 */
import type { CancelCycle, DissolveUnit, ReplaceLeader } from '../commands.js';
import type { CycleCancelled, LeaderReplaced, UnitDissolved } from '../events.js';
import { DomainError } from '../shared/errors.js';
import {
  requireCycle,
  requireInstant,
  requireMember,
  requireNotClosed,
  requireReason,
  requireRole,
  unitName,
} from '../shared/guards.js';
import { cleanText, validate } from '../shared/validate.js';
import { isIsoDate } from '../time/due-date.js';
import type { CycleState, OpenedCycleState } from './state.js';

/** The member units not dissolved: the roster of a vote opened now, and its quorum's base. */
export function activeUnits(cycle: OpenedCycleState): string[] {
  return cycle.config.units.map((unit) => unit.id).filter((id) => !cycle.dissolved?.[id]);
}

export function requireNotDissolved(cycle: OpenedCycleState, unitId: string): void {
  const dissolved = cycle.dissolved?.[unitId];
  if (dissolved) {
    throw new DomainError('UNIT_DISSOLVED', {
      vi: `${unitName(cycle.config, unitId)} đã ${dissolved.how === 'merged' ? 'sáp nhập' : 'giải thể'} theo quyết định số ${dissolved.decisionNo}`,
      en: `Unit ${unitId} was ${dissolved.how} by decision ${dissolved.decisionNo}`,
    });
  }
}

export function decideDissolveUnit(command: DissolveUnit, state: CycleState): UnitDissolved[] {
  requireRole(command.actor, ['province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  validate((problems) => {
    if (command.how !== 'dissolved' && command.how !== 'merged')
      problems.add('how', 'phải là "dissolved" hoặc "merged"', 'must be "dissolved" or "merged"');
    if (command.how === 'merged') problems.id('mergedInto', command.mergedInto);
    problems.text('decisionNo', command.decisionNo, 100);
    if (!isIsoDate(command.effectiveOn))
      problems.add('effectiveOn', 'phải là một ngày YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  });
  const reason = requireReason(command.reason);
  requireMember(cycle.config, command.unitId);
  requireNotDissolved(cycle, command.unitId);
  if (command.unitId === cycle.config.leaderUnitId || command.unitId === cycle.config.deputyUnitId) {
    throw new DomainError('LEADER_TO_BE_REPLACED', {
      vi: `${unitName(cycle.config, command.unitId)} đang là trưởng cụm hoặc phó cụm: phải thay đơn vị trưởng, phó cụm trước`,
      en: `${command.unitId} leads or deputizes the cycle: replace it first`,
    });
  }
  const merged = command.how === 'merged' ? { mergedInto: command.mergedInto! } : {};
  return [
    {
      type: 'UnitDissolved',
      data: {
        cycleId: command.cycleId,
        unitId: command.unitId,
        how: command.how,
        ...merged,
        decisionNo: cleanText(command.decisionNo),
        effectiveOn: command.effectiveOn,
        reason,
      },
    },
  ];
}

export function decideReplaceLeader(command: ReplaceLeader, state: CycleState): LeaderReplaced[] {
  requireRole(command.actor, ['province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  validate((problems) => {
    if (command.role !== 'leader' && command.role !== 'deputy')
      problems.add('role', 'phải là "leader" hoặc "deputy"', 'must be "leader" or "deputy"');
  });
  const reason = requireReason(command.reason);
  requireMember(cycle.config, command.unitId);
  requireNotDissolved(cycle, command.unitId);
  const current = command.role === 'leader' ? cycle.config.leaderUnitId : cycle.config.deputyUnitId;
  const other = command.role === 'leader' ? cycle.config.deputyUnitId : cycle.config.leaderUnitId;
  if (command.unitId === current || command.unitId === other) {
    throw new DomainError('VALIDATION_FAILED', {
      vi: `${unitName(cycle.config, command.unitId)} đã là trưởng cụm hoặc phó cụm`,
      en: `${command.unitId} already leads or deputizes the cycle`,
      errors: [
        {
          field: 'unitId',
          message: 'đã là trưởng cụm hoặc phó cụm',
          messageEn: 'already leads or deputizes the cycle',
        },
      ],
    });
  }
  return [
    {
      type: 'LeaderReplaced',
      data: {
        cycleId: command.cycleId,
        role: command.role,
        ...(current !== undefined ? { from: current } : {}),
        to: command.unitId,
        reason,
      },
    },
  ];
}

export function decideCancelCycle(command: CancelCycle, state: CycleState): CycleCancelled[] {
  requireRole(command.actor, ['province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireNotClosed(cycle);
  validate((problems) => problems.optionalText('decisionNo', command.decisionNo, 100));
  const reason = requireReason(command.reason);
  const decision = command.decisionNo !== undefined ? { decisionNo: cleanText(command.decisionNo) } : {};
  return [{ type: 'CycleCancelled', data: { cycleId: command.cycleId, reason, ...decision } }];
}
