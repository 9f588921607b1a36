/**
 * A tiny in-memory world for tests: streams as arrays, a command routed by `streamPlan`, decided
 * on the folded states and appended to the one stream it writes. given / when / then on top of it
 * is in `given.ts` (it needs Jest; this file is also loaded by the benchmark's drivers).
 */
import type { DomainCommand } from '../commands.js';
import { decide, foldCycle, foldUnit, type DecisionContext } from '../deciders.js';
import type { CycleEvent, DomainEvent } from '../events.js';
import type { UnitEvent } from '../unit/messages.js';
import { isCycleEvent } from '../events.js';
import { DomainError } from '../shared/errors.js';
import { parseStreamName, streamPlan } from '../streams.js';
import type { UnitState } from '../unit/state.js';

export class World {
  readonly cycleEvents: CycleEvent[] = [];
  readonly unitEvents = new Map<string, UnitEvent[]>();

  constructor(events: readonly DomainEvent[] = []) {
    this.record(events);
  }

  /** Appends events as if they were decided: cycle events to the cycle, unit events to their unit. */
  record(events: readonly DomainEvent[]): this {
    for (const event of events) {
      if (isCycleEvent(event)) this.cycleEvents.push(event);
      else {
        const list = this.unitEvents.get(event.data.unitId) ?? [];
        list.push(event);
        this.unitEvents.set(event.data.unitId, list);
      }
    }
    return this;
  }

  context(): DecisionContext {
    const units: Record<string, UnitState> = {};
    for (const [unitId, events] of this.unitEvents) units[unitId] = foldUnit(events);
    return { cycle: foldCycle(this.cycleEvents), units };
  }

  /** Decides and appends; throws the DomainError of a refusal. */
  run(command: DomainCommand): DomainEvent[] {
    const events = decide(command, this.context());
    const target = parseStreamName(streamPlan(command).write);
    for (const event of events) {
      const expected = isCycleEvent(event) ? 'cycle' : 'unit';
      if (target?.kind !== expected) throw new Error(`${event.type} would go to ${streamPlan(command).write}`);
    }
    this.record(events);
    return events;
  }

  /** Decides without appending. */
  decide(command: DomainCommand): DomainEvent[] {
    return decide(command, this.context());
  }

  refusal(command: DomainCommand): DomainError {
    try {
      this.decide(command);
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error(`${command.type} was not refused`);
  }
}
