/**
 * The envelope of every event the application records, written here only: ids, actor, causation,
 * schema version and request hash. A ballot's content is sealed here too, so that rule exists once.
 */
import { randomUUID } from 'node:crypto';
import { BALLOT_BOX_ACTOR, EVENT_SCHEMA_VERSION } from '#domain';
import type { Actor, JsonObject, NewEvent } from '#event-store';

/** Who records the events, for what, and when. */
export interface Envelope {
  /** Every event of one command carries its id (an idempotent replay finds them by it). */
  commandId: string;
  actor: Actor;
  occurredAt: string;
  /** Default: the command id. */
  correlationId?: string;
  /** Default: the command id. */
  causationId?: string;
  /** The keyed hash of the HTTP request, to tell a retry from a reused Idempotency-Key. */
  requestHash?: string;
  /** Default: the domain's `EVENT_SCHEMA_VERSION`. */
  schemaVersion?: number;
}

/** Anything with a type and a JSON payload: the domain's events, the worker's. */
export interface TypedEvent {
  type: string;
  data: object;
}

export function toNewEvents(events: readonly TypedEvent[], envelope: Envelope): NewEvent[] {
  return events.map((event) => (event.type === 'BallotDeposited' ? sealedBallot(event, envelope.occurredAt) : enveloped(event, envelope)));
}

function enveloped(event: TypedEvent, envelope: Envelope): NewEvent {
  return {
    type: event.type,
    data: event.data as JsonObject,
    metadata: {
      eventId: randomUUID(),
      commandId: envelope.commandId,
      correlationId: envelope.correlationId || envelope.commandId,
      causationId: envelope.causationId ?? envelope.commandId,
      actor: { ...envelope.actor },
      occurredAt: envelope.occurredAt,
      schemaVersion: envelope.schemaVersion ?? EVENT_SCHEMA_VERSION,
      ...(envelope.requestHash !== undefined ? { requestHash: envelope.requestHash } : {}),
    },
  };
}

/**
 * A ballot's content: the ballot box is its actor, its ids are fresh and tied to nothing of the
 * voter's request, and its instant is coarsened to the minute (the voter's `BallotCast` keeps the
 * exact one), so no field of its envelope points back to who voted it.
 */
function sealedBallot(event: TypedEvent, occurredAt: string): NewEvent {
  const at = Date.parse(occurredAt);
  const minute = new Date(Math.floor(at / 60_000) * 60_000 - (at % 60_000 === 0 ? 1 : 0));
  const id = randomUUID();
  return enveloped(event, {
    commandId: id,
    correlationId: randomUUID(),
    causationId: id,
    actor: { ...BALLOT_BOX_ACTOR },
    occurredAt: minute.toISOString(),
  });
}
