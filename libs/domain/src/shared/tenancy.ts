/**
 * Who may see a cycle at all (each province its own). A cycle an actor may not see is answered as
 * if it did not exist (CYCLE_NOT_FOUND), so its id does not leak; what the actor may then do in a
 * cycle it sees is each command's own rule (roles, leader, own unit).
 */
import type { CommandActor } from './actor.js';
import type { CycleConfig } from '../cycle/config.js';

type Scope = Pick<CycleConfig, 'provinceId' | 'leaderUnitId' | 'deputyUnitId' | 'units'>;

export function canSeeCycle(actor: CommandActor, cycle: Scope): boolean {
  if (!actor || !Array.isArray(actor.roles)) return false;
  if (actor.roles.includes('national-auditor')) return true;
  if (actor.provinceId === undefined || actor.provinceId !== cycle.provinceId) return false;
  return actor.roles.some((role) => {
    switch (role) {
      case 'province':
      case 'approver':
      case 'auditor':
        return true;
      case 'leader':
      case 'unit':
        return (
          actor.unitId !== undefined &&
          (actor.unitId === cycle.leaderUnitId ||
            actor.unitId === cycle.deputyUnitId ||
            cycle.units.some((u) => u.id === actor.unitId))
        );
      default:
        return false;
    }
  });
}
