/**
 * A tiny in-memory world for tests: streams as arrays, a command routed by `streamPlan`, decided
 * on the folded states and appended to the one stream it writes. given / when / then on top.
 */
import { expect } from '@jest/globals';
import type { DomainCommand } from '../commands.js';
import { decide, foldCycle, foldUnit, type DecisionContext } from '../deciders.js';
import type { CycleEvent, DomainEvent, UnitEvent } from '../events.js';
import { isCycleEvent } from '../events.js';
import { DomainError, type DomainErrorCode } from '../shared/errors.js';
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

export function given(...events: DomainEvent[][]): { when: (command: DomainCommand) => Then } {
  const world = new World(events.flat());
  return { when: (command) => new Then(world, command) };
}

export class Then {
  constructor(
    readonly world: World,
    readonly command: DomainCommand,
  ) {}

  then(expected: DomainEvent[]): void {
    expect(this.world.decide(this.command)).toEqual(expected);
  }

  thenTypes(types: DomainEvent['type'][]): DomainEvent[] {
    const events = this.world.decide(this.command);
    expect(events.map((event) => event.type)).toEqual(types);
    return events;
  }

  thenRefused(code: DomainErrorCode): DomainError {
    const error = this.world.refusal(this.command);
    expect(error.code).toBe(code);
    // A refusal never leaks a stack-like or English-only message to people.
    expect(error.message.length).toBeGreaterThan(0);
    return error;
  }
}
