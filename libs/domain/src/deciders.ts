/**
 * One entry point for a command handler (`handleCommand` of libs/command-handling does this):
 *
 *   const plan = streamPlan(command);            // what to read, where to write
 *   const cycle = foldCycle(cycleEvents);         // + foldUnit(...) for plan.readUnits
 *   const events = decide(command, { cycle, units });
 *   await store.append(plan.write, envelopes(events), revisionOfTheWrittenStreamRead);
 */
import type { DomainCommand } from './commands.js';
import type { UnitCommand } from './unit/messages.js';
import { isUnitCommand } from './commands.js';
import type { CycleCommand } from './commands.js';
import type { CycleEvent, DomainEvent } from './events.js';
import type { UnitEvent } from './unit/messages.js';
import { DomainError } from './shared/errors.js';
import { canSeeCycle } from './shared/tenancy.js';
import { requireConsistentRecording } from './cycle/recorded-later.js';
import { decideCycle } from './cycle/decide.js';
import { evolveCycle } from './cycle/evolve.js';
import { initialCycleState, type CycleState } from './cycle/state.js';
import { decideUnit } from './unit/decide.js';
import { evolveUnit } from './unit/evolve.js';
import { initialUnitState, type UnitState } from './unit/state.js';

export type DecisionContext = { cycle: CycleState; units: Record<string, UnitState | undefined> };

export function foldCycle(events: readonly CycleEvent[], from: CycleState = initialCycleState()): CycleState {
  return events.reduce(evolveCycle, from);
}

export function foldUnit(events: readonly UnitEvent[], from: UnitState = initialUnitState()): UnitState {
  return events.reduce(evolveUnit, from);
}

/** Decides any command; the events all go to `streamPlan(command).write`. */
export function decide(command: DomainCommand, context: DecisionContext): DomainEvent[] {
  if (command === null || typeof command !== 'object' || typeof command.type !== 'string') {
    throw new DomainError('VALIDATION_FAILED', {
      errors: [{ field: 'type', message: 'lệnh không hợp lệ', messageEn: 'not a command' }],
    });
  }
  // Each province its own: a cycle the actor may not see answers as if it did not exist.
  if (context.cycle.status !== 'none' && !canSeeCycle(command.actor, context.cycle.config))
    throw new DomainError('CYCLE_NOT_FOUND');
  requireConsistentRecording(command, context.cycle);
  if (isUnitCommand(command)) {
    const unitCommand: UnitCommand = command;
    return decideUnit(unitCommand, context.units[unitCommand.unitId] ?? initialUnitState(), context.cycle);
  }
  const events = decideCycle(command as CycleCommand, context.cycle, context.units);
  if (events === undefined) {
    throw new DomainError('VALIDATION_FAILED', {
      errors: [
        {
          field: 'type',
          message: `lệnh "${String(command.type)}" không tồn tại`,
          messageEn: `no command "${String(command.type)}"`,
        },
      ],
    });
  }
  return events;
}
