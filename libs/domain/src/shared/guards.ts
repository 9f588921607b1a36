/** Authorization as far as the domain knows it: roles, the leader's cycle, the unit's own unit. */
import type { CommandActor, Role } from './actor.js';
import { DomainError } from './errors.js';
import { LIMITS } from './limits.js';
import type { CycleConfig } from '../cycle/config.js';
import type { CycleState, OpenedCycleState } from '../cycle/state.js';
import { isIsoInstant } from '../time/due-date.js';
import { rolesWords } from './words.js';

/** The actor must hold one of the command's roles. */
export function requireRole(actor: CommandActor, allowed: readonly Role[]): void {
  if (!actor || !Array.isArray(actor.roles) || !actor.roles.some((role) => allowed.includes(role))) {
    const roles = rolesWords(allowed);
    throw new DomainError('FORBIDDEN_ROLE', {
      vi: `Thao tác này chỉ dành cho: ${roles.vi}`,
      en: `Only for: ${roles.en}`,
    });
  }
}

export function requireInstant(at: unknown): void {
  if (!isIsoInstant(at)) {
    throw new DomainError('VALIDATION_FAILED', {
      vi: 'Thời điểm của lệnh (at) phải là một thời điểm ISO 8601 có múi giờ',
      en: 'The command instant (at) must be an ISO 8601 instant',
      errors: [
        {
          field: 'at',
          message: 'phải là một thời điểm ISO 8601 có múi giờ',
          messageEn: 'must be an ISO 8601 instant with an offset',
        },
      ],
    });
  }
}

export function requireCycle(state: CycleState): OpenedCycleState {
  if (state.status === 'none') throw new DomainError('CYCLE_NOT_FOUND');
  return state;
}

export function requireNotClosed(state: OpenedCycleState): void {
  if (state.status === 'closed') throw new DomainError('CYCLE_CLOSED');
}

export function leadsCycle(actor: CommandActor, config: Pick<CycleConfig, 'leaderUnitId' | 'deputyUnitId'>): boolean {
  return actor.unitId !== undefined && (actor.unitId === config.leaderUnitId || actor.unitId === config.deputyUnitId);
}

/**
 * For a command open to leaders (and maybe other roles): an actor who holds another allowed role
 * passes; an actor who is only a leader must be an officer of the cycle's leader or deputy unit.
 */
export function requireLeaderOf(actor: CommandActor, config: CycleConfig, otherAllowed: readonly Role[] = []): void {
  if (actor.roles.some((role) => otherAllowed.includes(role))) return;
  if (!leadsCycle(actor, config)) throw new DomainError('NOT_CLUSTER_LEADER');
}

/** A unit officer acts only for the unit of its token. */
export function requireOwnUnit(actor: CommandActor, unitId: string): void {
  if (actor.unitId !== unitId) throw new DomainError('NOT_YOUR_UNIT');
}

export function requireMember(config: CycleConfig, unitId: unknown): asserts unitId is string {
  if (!config.units.some((unit) => unit.id === unitId)) {
    throw new DomainError('NOT_A_MEMBER', {
      vi: `Đơn vị "${String(unitId)}" không phải là thành viên của cụm trong năm ${config.year}`,
      en: `Unit "${String(unitId)}" is not a member of this cycle`,
    });
  }
}

/** A member unit's name as officials know it (its id if it is none of the cycle's). */
export function unitName(config: Pick<CycleConfig, 'units'>, unitId: string): string {
  return config.units.find((unit) => unit.id === unitId)?.name ?? unitId;
}

export function requireReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.normalize('NFC').trim() === '') throw new DomainError('REASON_REQUIRED');
  if (reason.length > LIMITS.text) {
    throw new DomainError('VALIDATION_FAILED', {
      vi: `Lý do dài quá ${LIMITS.text} ký tự`,
      en: `The reason is longer than ${LIMITS.text} characters`,
      errors: [
        {
          field: 'reason',
          message: `dài quá ${LIMITS.text} ký tự`,
          messageEn: `longer than ${LIMITS.text} characters`,
        },
      ],
    });
  }
  return reason.normalize('NFC').trim();
}
