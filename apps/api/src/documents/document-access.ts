/**
 * Who may take a cycle's documents and files. One place, so that a province's tenancy (or any
 * later rule) is one more line here:
 * - exports: auditors, the province office, and a leader of that cycle (its leader or deputy unit);
 * - attachments: whoever may see a cycle that references the file: auditors, the province and
 *   the approver, the cycle's leaders, and officers of its member units.
 */
import { canSeeCycle, DomainError, leadsCycle, type CycleConfig } from '#domain';
import type { Caller, Role } from '../auth/caller.js';

export const DOCUMENT_ROLES: Role[] = ['auditor', 'province', 'leader'];

export function assertMayTakeDocuments(caller: Caller, actingRole: Role, config: CycleConfig): void {
  // Each province its own: another province's cycle is answered as an unknown one.
  if (!canSeeCycle(actorOf(caller), config)) throw new DomainError('CYCLE_NOT_FOUND');
  if (actingRole === 'leader' && !leadsCycle(actorOf(caller), config)) throw new DomainError('NOT_CLUSTER_LEADER');
}

export function maySeeCycle(caller: Caller, config: CycleConfig): boolean {
  if (!canSeeCycle(actorOf(caller), config)) return false;
  if (caller.roles.some((role) => role === 'auditor' || role === 'province' || role === 'approver')) return true;
  if (caller.roles.includes('leader') && leadsCycle(actorOf(caller), config)) return true;
  return (
    caller.unitId !== undefined &&
    (caller.roles.includes('unit') || caller.roles.includes('leader')) &&
    config.units.some((u) => u.id === caller.unitId)
  );
}

const actorOf = (caller: Caller) => ({
  userId: caller.userId,
  roles: caller.roles,
  unitId: caller.unitId,
  provinceId: caller.provinceId,
});
