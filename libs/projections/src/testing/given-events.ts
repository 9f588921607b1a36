/**
 * given(events) → then(view) for the read side's pure folds: domain events as the store records
 * them (each in its stream, with its revision, its log position and the application's envelope),
 * with no store. `PlayedWorld` is the domain's in-memory world keeping every decided event in the
 * order it was decided, so a spec's events are the deciders' own.
 */
import { toNewEvents } from '#command-handling';
import { cycleStreamName, isCycleEvent, unitStreamName, type DomainCommand, type DomainEvent } from '#domain';
import { World } from '#domain/testing';
import type { RecordedEvent } from '#event-store';

const START = Date.parse('2030-01-05T01:00:00Z');

/** The events as recorded, one a minute from 2030-01-05T01:00Z, positions from 1. */
export function given(...events: DomainEvent[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((event, index) => {
    const streamId = isCycleEvent(event)
      ? cycleStreamName(event.data.cycleId)
      : unitStreamName(event.data.cycleId, event.data.unitId);
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const occurredAt = new Date(START + index * 60_000).toISOString();
    const [stored] = toNewEvents([event], {
      commandId: `given-${index + 1}`,
      actor: { userId: 'given', role: 'leader' },
      occurredAt,
    });
    return { ...stored!, streamId, revision, position: index + 1, prevHash: null, hash: `given-${index + 1}` };
  });
}

export class PlayedWorld extends World {
  /** Every event decided so far, in order, across streams. */
  readonly log: DomainEvent[] = [];

  override run(command: DomainCommand): DomainEvent[] {
    const events = super.run(command);
    this.log.push(...events);
    return events;
  }
}
