/**
 * Who may take a cycle's documents: auditors and the province office, and a leader of that cycle
 * (its leader or deputy unit). The route's roles are checked by the auth guard; this adds what
 * depends on the cycle. One place, so that a province's tenancy is one more line here.
 */
import { DomainError, leadsCycle, type CycleConfig } from '#domain';
import type { Caller, Role } from '../auth/caller.js';

export const DOCUMENT_ROLES: Role[] = ['auditor', 'province', 'leader'];

export function assertMayTakeDocuments(caller: Caller, actingRole: Role, config: CycleConfig): void {
  if (actingRole === 'leader' && !leadsCycle({ userId: caller.userId, roles: caller.roles, unitId: caller.unitId }, config)) {
    throw new DomainError('NOT_CLUSTER_LEADER');
  }
}
