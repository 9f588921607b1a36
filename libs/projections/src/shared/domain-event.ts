import type { RecordedEvent } from '#event-store';
import { DOMAIN_EVENT_TYPES, parseStreamName, type DomainEvent, type ParsedStreamName } from '#domain';

const KNOWN_TYPES: ReadonlySet<string> = new Set(DOMAIN_EVENT_TYPES);

/** A stored event of the domain's catalog: the envelope with `type` and `data` typed. */
export type DomainRecordedEvent = Omit<RecordedEvent, 'type' | 'data'> & DomainEvent;

/**
 * Where a stored event belongs when it is one of the domain's (a known type in a cycle's or a
 * unit's stream), or undefined for anything else in the log: read models fold only what they
 * understand and skip the rest.
 */
export function domainStreamOf(event: RecordedEvent): ParsedStreamName | undefined {
  // Every projection asks about the same event in turn: parse its stream's name once.
  if (event === lastEvent) return lastStream;
  const stream = KNOWN_TYPES.has(event.type) ? (parseStreamName(event.streamId) ?? undefined) : undefined;
  // Two variables rather than a pair object: no allocation per event.
  lastEvent = event;
  lastStream = stream;
  return stream;
}

let lastEvent: RecordedEvent | undefined;
let lastStream: ParsedStreamName | undefined;

/** The stored event seen through the domain's catalog (call only once `domainStreamOf` said yes). */
export function asDomainEvent(event: RecordedEvent): DomainRecordedEvent {
  return event as unknown as DomainRecordedEvent;
}
