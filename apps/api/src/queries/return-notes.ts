/**
 * Who reads why a submission or the nominations were returned (`returned` in GET /cycles/{id}):
 * whoever may read the audit trail, where every reason is (auditors, the province, the cycle's
 * leaders), and the unit a submission went back to. Another member unit sees only that it was
 * returned, as the states of every unit were always shown.
 */
import { leadsCycle } from '#domain';
import type { CycleStatusView } from '#projections';
import type { Caller } from '../auth/caller.js';
import { actorOf } from './read-side.js';

export function returnNotesFor(cycle: CycleStatusView, caller: Caller): CycleStatusView {
  const readsTrail =
    caller.roles.some((role) => role === 'auditor' || role === 'national-auditor' || role === 'province') ||
    (caller.roles.includes('leader') && leadsCycle(actorOf(caller), cycle.config));
  if (readsTrail) return cycle;
  const { returned: _nominationsNote, ...nominations } = cycle.nominations;
  return {
    ...cycle,
    nominations,
    units: cycle.units.map((unit) =>
      unit.unitId === caller.unitId
        ? unit
        : {
            ...unit,
            steps: Object.fromEntries(
              Object.entries(unit.steps).map(([step, view]) => {
                const { returned: _note, ...rest } = view;
                return [step, rest];
              }),
            ) as typeof unit.steps,
          },
    ),
  };
}
