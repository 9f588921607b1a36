/** given / when / then over the deciders, in the style of Emmett's samples (Jest only). */
import { expect } from '@jest/globals';
import type { DomainCommand } from '../commands.js';
import type { DomainEvent } from '../events.js';
import type { DomainError, DomainErrorCode } from '../shared/errors.js';
import { World } from './world.js';

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
