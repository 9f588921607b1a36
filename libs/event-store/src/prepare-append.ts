/**
 * Checks an append before anything is written, and serializes each payload once into the canonical
 * JSON form that is both stored and hashed. Adapter-neutral: every adapter refuses the same input
 * with the same `InvalidAppendError`.
 */
import { InvalidAppendError } from './errors.js';
import type { ExpectedRevision, NewEvent } from './event-store.port.js';
import { CanonicalJsonError, canonicalJson } from './hash-chain.js';

export const MAX_STREAM_ID_LENGTH = 200;
export const MAX_EVENT_TYPE_LENGTH = 200;

export interface PreparedEvent {
  type: string;
  data: NewEvent['data'];
  metadata: NewEvent['metadata'];
  /** Canonical JSON of `data`: the exact text stored and hashed. */
  dataJson: string;
  /** Canonical JSON of `metadata`. */
  metadataJson: string;
}

export interface PreparedAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: PreparedEvent[];
}

/**
 * PostgreSQL text cannot hold U+0000, so no adapter takes it where it is stored as text (data and
 * metadata are JSON, which escapes it).
 */
const NUL = '\u0000';
const NO_NUL = 'must not contain the character U+0000';

const REQUIRED_METADATA_STRINGS = ['eventId', 'commandId', 'correlationId', 'causationId', 'occurredAt'] as const;

/** Throws `InvalidAppendError(field, reason)` on the first problem found. */
export function prepareAppend(streamId: unknown, events: unknown, expected: unknown): PreparedAppend {
  checkStreamId(streamId);
  checkExpected(expected);
  if (!Array.isArray(events)) throw new InvalidAppendError('events', 'must be an array');
  if (events.length === 0) throw new InvalidAppendError('events', 'must hold at least one event');
  return { streamId, expected, events: events.map((event: unknown, i) => prepareEvent(event, `events[${i}]`)) };
}

function checkStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string') throw new InvalidAppendError('streamId', 'must be a string');
  if (streamId.length === 0) throw new InvalidAppendError('streamId', 'must not be empty');
  if (streamId.includes(NUL)) throw new InvalidAppendError('streamId', NO_NUL);
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidAppendError(
      'streamId',
      `must be at most ${MAX_STREAM_ID_LENGTH} characters (got ${streamId.length})`,
    );
  }
}

function checkExpected(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'no-stream' || expected === 'any' || expected === 'stream-exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidAppendError(
    'expectedRevision',
    `must be 'no-stream', 'any', 'stream-exists' or a revision (integer >= 0), got ${describe(expected)}`,
  );
}

function prepareEvent(event: unknown, field: string): PreparedEvent {
  if (!isPlainObject(event)) throw new InvalidAppendError(field, 'must be an object with type, data and metadata');
  const { type, data, metadata } = event;
  if (typeof type !== 'string' || type.length === 0)
    throw new InvalidAppendError(`${field}.type`, 'must be a non-empty string');
  if (type.length > MAX_EVENT_TYPE_LENGTH)
    throw new InvalidAppendError(`${field}.type`, `must be at most ${MAX_EVENT_TYPE_LENGTH} characters`);
  if (type.includes(NUL)) throw new InvalidAppendError(`${field}.type`, NO_NUL);
  if (!isPlainObject(data)) throw new InvalidAppendError(`${field}.data`, 'must be a plain JSON object');
  checkMetadata(metadata, `${field}.metadata`);
  return {
    type,
    data: data as PreparedEvent['data'],
    metadata: metadata as unknown as PreparedEvent['metadata'],
    dataJson: serialize(data, `${field}.data`),
    metadataJson: serialize(metadata, `${field}.metadata`),
  };
}

function checkMetadata(metadata: unknown, field: string): asserts metadata is Record<string, unknown> {
  if (!isPlainObject(metadata)) throw new InvalidAppendError(field, 'must be an object');
  for (const key of REQUIRED_METADATA_STRINGS) {
    const value = metadata[key];
    if (typeof value !== 'string' || value.length === 0)
      throw new InvalidAppendError(`${field}.${key}`, 'must be a non-empty string');
  }
  if (Number.isNaN(Date.parse(metadata.occurredAt as string))) {
    throw new InvalidAppendError(`${field}.occurredAt`, 'must be an ISO 8601 instant');
  }
  const { schemaVersion, actor, requestHash } = metadata;
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new InvalidAppendError(`${field}.schemaVersion`, 'must be an integer >= 1');
  }
  if (requestHash !== undefined && typeof requestHash !== 'string') {
    throw new InvalidAppendError(`${field}.requestHash`, 'must be a string when present');
  }
  if (!isPlainObject(actor)) throw new InvalidAppendError(`${field}.actor`, 'must be an object with userId and role');
  for (const key of ['userId', 'role'] as const) {
    const value = actor[key];
    if (typeof value !== 'string' || value.length === 0)
      throw new InvalidAppendError(`${field}.actor.${key}`, 'must be a non-empty string');
  }
  if (actor.unitId !== undefined && typeof actor.unitId !== 'string') {
    throw new InvalidAppendError(`${field}.actor.unitId`, 'must be a string when present');
  }
}

function serialize(value: unknown, field: string): string {
  try {
    return canonicalJson(value);
  } catch (err) {
    if (err instanceof CanonicalJsonError) {
      throw new InvalidAppendError(field + err.path.slice(1), `is not JSON-serializable: ${err.reason}`);
    }
    throw new InvalidAppendError(field, `is not JSON-serializable: ${(err as Error).message}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return typeof value;
}
