/**
 * Test helper: runs a domain command the way a command handler does (read the streams it needs,
 * fold them, call the real decider, append at the revision read), so tests feed the worker the
 * very events the application writes.
 */
import { randomUUID } from 'node:crypto';
import type { DomainCommand } from '#domain';
import { decide, foldCycle, foldUnit } from '#domain';
import type { CycleEvent, UnitEvent } from '#domain';
import { cycleStreamName, streamPlan, unitStreamName } from '#domain';
import type { EventStore, JsonObject, RecordedEvent } from '#event-store';

const asDomain = <T>(events: RecordedEvent[]) => events.map((e) => ({ type: e.type, data: e.data }) as unknown as T);

export async function runCommand(store: EventStore, command: DomainCommand): Promise<number> {
  const plan = streamPlan(command);
  const cycleEvents = await store.readStream(cycleStreamName(command.cycleId));
  const cycle = foldCycle(asDomain<CycleEvent>(cycleEvents));
  const unitIds =
    plan.readUnits === 'none' ? [] : plan.readUnits === 'all' ? ('config' in cycle ? cycle.config.units.map((u) => u.id) : []) : [plan.readUnits.unitId];
  const units: Record<string, ReturnType<typeof foldUnit>> = {};
  const revisions = new Map<string, number>([[cycleStreamName(command.cycleId), cycleEvents.length - 1]]);
  for (const unitId of unitIds) {
    const events = await store.readStream(unitStreamName(command.cycleId, unitId));
    units[unitId] = foldUnit(asDomain<UnitEvent>(events));
    revisions.set(unitStreamName(command.cycleId, unitId), events.length - 1);
  }
  const decided = decide(command, { cycle, units });
  const revision = revisions.get(plan.write) ?? -1;
  const id = randomUUID();
  const result = await store.append(
    plan.write,
    decided.map((event) => ({
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        eventId: randomUUID(),
        commandId: id,
        correlationId: id,
        causationId: id,
        actor: { userId: command.actor.userId, role: command.actor.roles[0], ...(command.actor.unitId ? { unitId: command.actor.unitId } : {}) },
        occurredAt: command.at,
        schemaVersion: 1,
      },
    })),
    revision < 0 ? 'no-stream' : revision,
  );
  return result.position;
}
