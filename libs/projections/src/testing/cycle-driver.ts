/**
 * Drives commands through the domain's deciders into a real `EventStore`, as the HTTP app's
 * command handlers do: route by `streamPlan`, decide on the folded states, append to the one
 * stream with the expected revision. The states are kept folded in memory (the driver is the only
 * writer of its cycles), so tests and the benchmark make the very events the domain produces.
 */
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore, NewEvent } from '#event-store';
import {
  BALLOT_BOX_ACTOR,
  EVENT_SCHEMA_VERSION,
  decide,
  evolveCycle,
  evolveUnit,
  initialCycleState,
  initialUnitState,
  isCycleEvent,
  streamPlan,
  type CycleState,
  type DomainCommand,
  type DomainEvent,
  type UnitState,
} from '#domain';

type CycleWorld = { cycle: CycleState; units: Record<string, UnitState> };

export class CycleDriver {
  private readonly worlds = new Map<string, CycleWorld>();

  constructor(private readonly store: EventStore) {}

  /** Decides the command, appends its events and returns the store's answer (throws a refusal's DomainError). */
  async run(command: DomainCommand): Promise<AppendResult & { decided: DomainEvent[] }> {
    const world = this.worlds.get(command.cycleId) ?? { cycle: initialCycleState(), units: {} };
    const events = decide(command, { cycle: world.cycle, units: world.units });
    const commandId = randomUUID();
    const plan = streamPlan(command);
    const unitId = typeof plan.readUnits === 'object' ? plan.readUnits.unitId : undefined;
    const revision = unitId === undefined ? world.cycle.revision : (world.units[unitId]?.revision ?? -1);
    const result = await this.store.append(plan.write, events.map((event) => envelope(command, event, commandId)), revision < 0 ? 'no-stream' : revision);
    for (const event of events) {
      if (isCycleEvent(event)) world.cycle = evolveCycle(world.cycle, event);
      else world.units[event.data.unitId] = evolveUnit(world.units[event.data.unitId] ?? initialUnitState(), event);
    }
    this.worlds.set(command.cycleId, world);
    return { ...result, decided: events };
  }

  /** The cycle's state as the deciders see it. */
  cycleState(cycleId: string): CycleState {
    return this.worlds.get(cycleId)?.cycle ?? initialCycleState();
  }
}

/**
 * The envelope the HTTP app writes. A ballot's content gets the ballot box as its actor and ids
 * of its own, so that no envelope field ties it to the voter's `BallotCast`.
 */
function envelope(command: DomainCommand, event: DomainEvent, ownCommandId: string): NewEvent {
  const ballot = event.type === 'BallotDeposited';
  const commandId = ballot ? randomUUID() : ownCommandId;
  const actor = ballot
    ? { ...BALLOT_BOX_ACTOR }
    : { userId: command.actor.userId, role: command.actor.roles[0] ?? 'unknown', ...(command.actor.unitId ? { unitId: command.actor.unitId } : {}) };
  return {
    type: event.type,
    data: event.data as unknown as NewEvent['data'],
    metadata: {
      eventId: randomUUID(),
      commandId,
      correlationId: ballot ? randomUUID() : commandId,
      causationId: ballot ? randomUUID() : commandId,
      actor,
      occurredAt: command.at,
      schemaVersion: EVENT_SCHEMA_VERSION,
    },
  };
}
