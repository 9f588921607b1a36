/**
 * Pure translations between the `EventStore` port and `@kurrent/kurrentdb-client`: revisions,
 * positions, the stored event shape, the stream filters and the client's errors. Kept apart from
 * the adapter so that each rule is unit-tested against the client's own types and error classes.
 */
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamRecordedEvent,
  AppendStreamState,
  CurrentStreamState,
  Filter,
  Position,
  ReadPosition,
  RecordedEvent as ClientRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../errors.js';
import type { EventMetadata, ExpectedRevision, JsonObject, RecordedEvent } from '../event-store.port.js';

// ---------------------------------------------------------------- revisions

/** The port's expectation as the client's `streamState` option of an append. */
export function toClientStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The client's current state of a stream (a bigint, or `no_stream`) as the port states it. */
export function fromClientCurrentState(current: CurrentStreamState): number | 'no-stream' {
  return current === NO_STREAM ? 'no-stream' : toSafeNumber(current, 'stream revision');
}

// ---------------------------------------------------------------- positions

/**
 * The port's position of an event is the commit position of its record in the transaction log.
 * Every event appended through gRPC is committed by its own prepare record, so its commit position
 * is its own log position: unique, and increasing in commit order (several events of one append
 * get several positions). Explicit transactions (legacy TCP API) would share one commit position;
 * this project never writes them.
 */
export function toPortPosition(position: Position | undefined, what: string): number {
  if (position === undefined) {
    throw new Error(`EventStoreDB returned no log position for ${what}: the server must be version 22.6 or later`);
  }
  const value = toSafeNumber(position.commit, `commit position of ${what}`);
  if (value <= 0) throw new Error(`EventStoreDB returned a non-positive commit position (${value}) for ${what}`);
  return value;
}

/**
 * Where a forward read of `$all` starts to serve the exclusive checkpoint `after`. The server reads
 * from a position inclusively, so the event at `after` itself comes back first and the caller drops
 * it (`isAfter`). Commit and prepare positions are equal for the events of this project (see
 * `toPortPosition`), so the number alone rebuilds the client's position.
 */
export function readPositionAfter(after: number): ReadPosition {
  if (after === 0) return START;
  const at = BigInt(after);
  return { commit: at, prepare: at };
}

export function isAfter(position: Position, after: number): boolean {
  return position.commit > BigInt(after);
}

function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB ${what} ${value} is outside the range a JavaScript number holds exactly`);
  }
  return Number(value);
}

// ---------------------------------------------------------------- streams and the filter

/**
 * Every stream of this store lives under a namespace in EventStoreDB (`<namespace><streamId>`), so
 * that one server can hold the project beside other data (and a test run beside another), and a
 * server-side prefix filter on `$all` delivers exactly the project's events. A namespace never
 * starts with `$`, so system streams and their events (`$stats-…`, `$settings`…) never match.
 */
export const DEFAULT_NAMESPACE = 'thidua/';

export function checkNamespace(namespace: string): string {
  if (namespace.length === 0) throw new Error('EventStoreDB namespace must not be empty');
  if (namespace.startsWith('$'))
    throw new Error(`EventStoreDB namespace "${namespace}" must not start with "$" (system streams)`);
  return namespace;
}

export function physicalStreamName(namespace: string, streamId: string): string {
  return namespace + streamId;
}

/** The port's stream id of a stored stream, or undefined for a stream outside the namespace. */
export function logicalStreamId(namespace: string, streamName: string): string | undefined {
  return streamName.startsWith(namespace) ? streamName.slice(namespace.length) : undefined;
}

/** Server-side filter of a read or a subscription of `$all`: the namespace's streams only. */
export function namespaceFilter(namespace: string): Filter {
  return streamNameFilter({ prefixes: [namespace] });
}

/** Server-side filter of `$all` on exactly one stream (the regex is anchored, its name escaped). */
export function singleStreamFilter(streamName: string): Filter {
  return streamNameFilter({ regex: `^${streamName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` });
}

/**
 * `$tb` (truncate before) of a soft-deleted stream: the server writes long.MaxValue
 * (EventNumber.DeletedStream, IndexWriter.IsSoftDeleted); JSON hands it over as a rounded number.
 */
export function isSoftDeletedMark(truncateBefore: unknown): boolean {
  return typeof truncateBefore === 'number' && truncateBefore >= Number.MAX_SAFE_INTEGER;
}

// ---------------------------------------------------------------- the stored event

/** What the adapter writes as the event's metadata: the envelope, the chain, and the two
 * `$`-fields EventStoreDB's own projections (`$by_correlation_id`) understand. */
export interface StoredMetadata {
  envelope: EventMetadata;
  prevHash: string | null;
  hash: string;
  $correlationId: string;
  $causationId: string;
}

export function storedMetadata(envelope: EventMetadata, prevHash: string | null, hash: string): StoredMetadata {
  return { envelope, prevHash, hash, $correlationId: envelope.correlationId, $causationId: envelope.causationId };
}

/**
 * An event under the namespace that this store did not write (no JSON envelope and hash chain): a
 * tombstone's `$streamDeleted` record, or another program's write. It names the event.
 */
export class ForeignEventError extends Error {
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly position: number | undefined,
    readonly eventType: string,
  ) {
    super(
      `Event ${streamName}@${revision}${position === undefined ? '' : ` (position ${position})`} of type "${eventType}" ` +
        'was not written by this store (no JSON envelope and hash chain)',
    );
    this.name = 'ForeignEventError';
  }
}

/** A stored event read back from a stream or from `$all`, as the port's `RecordedEvent`. */
export function toRecordedEvent(namespace: string, event: ClientRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  const streamId = logicalStreamId(namespace, event.streamId);
  const where = `${event.streamId}@${event.revision}`;
  if (streamId === undefined) throw new Error(`Event ${where} is outside the namespace "${namespace}"`);
  if (!event.isJson || !isObject(event.data) || !isStoredMetadata(event.metadata)) {
    const position = event.position === undefined ? undefined : Number(event.position.commit);
    throw new ForeignEventError(event.streamId, event.revision, position, event.type);
  }
  return {
    streamId,
    revision: toSafeNumber(event.revision, `revision of ${where}`),
    position: toPortPosition(event.position, where),
    type: event.type,
    data: event.data as JsonObject,
    metadata: event.metadata.envelope,
    prevHash: event.metadata.prevHash,
    hash: event.metadata.hash,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isStoredMetadata(value: unknown): value is StoredMetadata {
  return (
    isObject(value) &&
    isObject(value.envelope) &&
    typeof value.hash === 'string' &&
    (value.prevHash === null || typeof value.prevHash === 'string')
  );
}

// ---------------------------------------------------------------- connection strings and errors

/** The connection string with any `user:password@` replaced, fit for a log or an error message. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/?#]*@/, '$1***@');
}

/**
 * A stream deleted on the server by an operator: hard-deleted (tombstoned: it can never be written
 * again), or soft-deleted and scavenged (its last event is gone, so the chain cannot continue).
 * thidua never deletes a stream; a person has to look. A subclass of the unavailable error, so the
 * HTTP edge answers 503 and logs it rather than failing with a 500.
 */
export class StreamDeletedOnServerError extends EventStoreUnavailableError {
  constructor(
    readonly streamId: string,
    how: 'tombstoned' | 'soft-deleted and scavenged',
    connection: string,
  ) {
    super(
      `EventStoreDB at ${connection}: stream "${streamId}" was deleted on the server (${how}); ` +
        'thidua never deletes streams, so an operator must restore it before it can be written again',
    );
    this.name = 'StreamDeletedOnServerError';
  }
}

/**
 * What a server starting up, overloaded or between leaders answers (server RpcExceptions.cs:
 * "Server Is Not Ready", "Server Is Too Busy", "No leader info available"). Through grpc-js they
 * arrive as `UnavailableError`; through the native bridge that serves reads, as `UnknownError`
 * (convertBridgeError.ts has no name for them).
 */
const TRANSIENT_SERVER_MESSAGE = /server is not ready|server is too busy|no leader info/i;

/** Errors that say the server cannot serve us now: the store is unavailable, not the request wrong. */
export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof AccessDeniedError ||
    (error instanceof UnknownError && TRANSIENT_SERVER_MESSAGE.test(error.message))
  );
}

/**
 * An append that failed this way may have been committed all the same: the deadline passed or the
 * server's commit timed out (DeadlineExceededError, TimeoutError: "Operation timed out" while
 * replicating), or the shared batch-append call broke with the append in flight (batchAppend.ts
 * rejects every pending append with the call's error). Only a read of the stream can tell.
 */
export function isAmbiguousAppendFailure(error: unknown): boolean {
  return (
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof UnknownError
  );
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/**
 * The client's error as one of the port's typed errors; anything unforeseen is returned unchanged
 * (a bug to see, not to hide). `expected` is what the caller of `append` asked for.
 */
export function mapClientError(
  error: unknown,
  context: { streamId?: string; expected?: ExpectedRevision; connection: string },
): unknown {
  if (error instanceof WrongExpectedVersionError && context.streamId !== undefined && context.expected !== undefined) {
    return new WrongExpectedRevisionError(
      context.streamId,
      context.expected,
      fromClientCurrentState(error.actualState),
    );
  }
  if (error instanceof StreamDeletedError) {
    return new StreamDeletedOnServerError(context.streamId ?? error.streamName, 'tombstoned', context.connection);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError('events', `exceed the server's maximum append size (${error.maxAppendSize} bytes)`);
  }
  if (isUnavailable(error)) {
    // gRPC ends its messages with an often empty "Resolution note:"; the native bridge (reads) says
    // no more than the error's name (convertBridgeError.ts keeps only name and metadata).
    const message = (error as Error).message.replace(/\s*Resolution note:\s*$/, '');
    const reason =
      error instanceof AccessDeniedError
        ? 'access denied (check the credentials)'
        : message === '' || message === (error as Error).constructor.name
          ? `${message || 'no answer'} (no connection, or the server did not answer; the client gives no detail)`
          : message;
    return new EventStoreUnavailableError(`EventStoreDB at ${context.connection} is unavailable: ${reason}`, {
      cause: error,
    });
  }
  return error;
}
