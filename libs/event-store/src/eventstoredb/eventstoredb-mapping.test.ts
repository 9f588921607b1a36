import { describe, expect, it } from '@jest/globals';
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  STREAM_NAME,
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamJSONRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../errors.js';
import type { EventMetadata } from '../event-store.port.js';
import {
  checkNamespace,
  ForeignEventError,
  StreamDeletedOnServerError,
  fromClientCurrentState,
  isAmbiguousAppendFailure,
  isAfter,
  isStreamNotFound,
  logicalStreamId,
  mapClientError,
  namespaceFilter,
  physicalStreamName,
  readPositionAfter,
  redactConnectionString,
  singleStreamFilter,
  storedMetadata,
  toClientStreamState,
  toPortPosition,
  toRecordedEvent,
} from './eventstoredb-mapping.js';

const envelope: EventMetadata = {
  eventId: 'e-1',
  commandId: 'c-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: { userId: 'u-1', role: 'unit-leader', unitId: 'unit-1' },
  occurredAt: '2020-03-01T08:00:00.000Z',
  schemaVersion: 1,
};

function clientEvent(overrides: Partial<AllStreamJSONRecordedEvent> = {}): AllStreamJSONRecordedEvent {
  return {
    streamId: 'thidua/cycle-ag-2020',
    id: '6f1c3b5e-8a1d-4c1e-9d6a-0a4f2b7c9e11',
    isJson: true,
    revision: 3n,
    type: 'CycleOpened',
    created: new Date(0),
    data: { year: 2020 },
    metadata: storedMetadata(envelope, 'a'.repeat(64), 'b'.repeat(64)),
    position: { commit: 4096n, prepare: 4096n },
    ...overrides,
  } as AllStreamJSONRecordedEvent;
}

describe('EventStoreDB mapping: expected revisions', () => {
  it("maps each of the port's expectations onto the client's", () => {
    expect(toClientStreamState('no-stream')).toBe(NO_STREAM);
    expect(toClientStreamState('any')).toBe(ANY);
    expect(toClientStreamState('stream-exists')).toBe(STREAM_EXISTS);
    expect(toClientStreamState(0)).toBe(0n);
    expect(toClientStreamState(41)).toBe(41n);
  });

  it("reads the client's current revision back as the port states it", () => {
    expect(fromClientCurrentState(NO_STREAM)).toBe('no-stream');
    expect(fromClientCurrentState(7n)).toBe(7);
    expect(() => fromClientCurrentState(2n ** 60n)).toThrow(/outside the range/);
  });
});

describe('EventStoreDB mapping: positions', () => {
  it("takes the commit position as the port's position", () => {
    expect(toPortPosition({ commit: 4096n, prepare: 4096n }, 'x')).toBe(4096);
    expect(toPortPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: 0n }, 'x')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a position a number cannot hold exactly, a missing one and a non-positive one', () => {
    expect(() => toPortPosition({ commit: BigInt(Number.MAX_SAFE_INTEGER) + 1n, prepare: 0n }, 'x')).toThrow(
      /outside the range/,
    );
    // Servers before 22.6 send no position on stream reads; the client leaves it undefined.
    expect(() => toPortPosition(undefined, 'x')).toThrow(/22\.6/);
    expect(() => toPortPosition({ commit: 0n, prepare: 0n }, 'x')).toThrow(/non-positive/);
  });

  it('starts a read at the beginning for checkpoint 0, else at the checkpoint itself (inclusive, dropped by isAfter)', () => {
    expect(readPositionAfter(0)).toBe(START);
    expect(readPositionAfter(4096)).toEqual({ commit: 4096n, prepare: 4096n });
    expect(isAfter({ commit: 4096n, prepare: 4096n }, 4096)).toBe(false);
    expect(isAfter({ commit: 4097n, prepare: 4097n }, 4096)).toBe(true);
    expect(isAfter({ commit: 100n, prepare: 100n }, 4096)).toBe(false);
  });
});

describe('EventStoreDB mapping: namespace and filter', () => {
  it('prefixes stream ids with the namespace and strips it back', () => {
    expect(physicalStreamName('thidua/', 'unit-ag-2020.u1')).toBe('thidua/unit-ag-2020.u1');
    expect(logicalStreamId('thidua/', 'thidua/unit-ag-2020.u1')).toBe('unit-ag-2020.u1');
    expect(logicalStreamId('thidua/', 'other/unit-ag-2020.u1')).toBeUndefined();
    expect(logicalStreamId('thidua/', '$stats-127.0.0.1:2113')).toBeUndefined();
  });

  it('refuses a namespace that is empty or would select system streams', () => {
    expect(() => checkNamespace('')).toThrow(/empty/);
    expect(() => checkNamespace('$thidua')).toThrow(/system streams/);
    expect(checkNamespace('prod/')).toBe('prod/');
  });

  it('filters $all on the stream name by the namespace prefix (system streams start with $ and never match)', () => {
    const filter = namespaceFilter('thidua/');
    expect(filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['thidua/'] });
    expect('regex' in filter).toBe(false);
  });
});

describe('EventStoreDB mapping: the stored event', () => {
  it('keeps the envelope, the chain and the $correlationId/$causationId EventStoreDB projections read', () => {
    expect(storedMetadata(envelope, null, 'h')).toEqual({
      envelope,
      prevHash: null,
      hash: 'h',
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it("turns a client's recorded event into the port's, with the logical stream id", () => {
    expect(toRecordedEvent('thidua/', clientEvent())).toEqual({
      streamId: 'cycle-ag-2020',
      revision: 3,
      position: 4096,
      type: 'CycleOpened',
      data: { year: 2020 },
      metadata: envelope,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    });
  });

  it('refuses an event outside the namespace or not written by this store', () => {
    expect(() => toRecordedEvent('thidua/', clientEvent({ streamId: 'elsewhere' }))).toThrow(/outside the namespace/);
    expect(() => toRecordedEvent('thidua/', clientEvent({ metadata: { note: 'foreign' } }))).toThrow(ForeignEventError);
    expect(() => toRecordedEvent('thidua/', clientEvent({ type: '$streamDeleted', metadata: {} }))).toThrow(
      'Event thidua/cycle-ag-2020@3 (position 4096) of type "$streamDeleted" was not written by this store',
    );
    expect(() =>
      toRecordedEvent('thidua/', clientEvent({ data: [1, 2] as unknown as AllStreamJSONRecordedEvent['data'] })),
    ).toThrow(/not written by this store/);
  });
});

describe('EventStoreDB mapping: connection strings', () => {
  it('hides credentials and keeps the rest', () => {
    expect(redactConnectionString('esdb://admin:changeit@db-1:2113?tls=false')).toBe('esdb://***@db-1:2113?tls=false');
    expect(redactConnectionString('esdb+discover://ops:s3cr%40t@cluster.example:2113')).toBe(
      'esdb+discover://***@cluster.example:2113',
    );
    expect(redactConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
  });
});

describe("EventStoreDB mapping: the client's errors", () => {
  const connection = 'esdb://***@db-1:2113';

  it("maps WrongExpectedVersionError onto WrongExpectedRevisionError with the caller's expectation and the actual revision", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'thidua/s', expected: 1n, current: 4n });
    const mapped = mapClientError(error, { streamId: 's', expected: 'any', connection });
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ streamId: 's', expected: 'any', actual: 4, code: 'WRONG_EXPECTED_REVISION' });

    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'thidua/s',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(mapClientError(missing, { streamId: 's', expected: 'stream-exists', connection })).toMatchObject({
      expected: 'stream-exists',
      actual: 'no-stream',
    });
  });

  it('maps unavailable, not-leader, deadline and access-denied errors onto EventStoreUnavailableError naming the server', () => {
    const causes = [
      new UnavailableError(undefined, '14 UNAVAILABLE: No connection established'),
      new DeadlineExceededError(undefined, 'deadline exceeded'),
      new AccessDeniedError(undefined, 'Access denied'),
    ];
    for (const cause of causes) {
      const mapped = mapClientError(cause, { connection });
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as Error).message).toContain(connection);
      expect((mapped as Error).cause).toBe(cause);
    }
    expect((mapClientError(causes[2], { connection }) as Error).message).toMatch(/credentials/);
    const refused = new UnavailableError(
      undefined,
      '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED. Resolution note: ',
    );
    expect((mapClientError(refused, { connection }) as Error).message).toBe(
      `EventStoreDB at ${connection} is unavailable: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED.`,
    );
    // Through the native bridge an UnavailableError carries its name only: the message says what that means.
    const bare = new UnavailableError(undefined, 'UnavailableError');
    expect((mapClientError(bare, { connection }) as Error).message).toBe(
      `EventStoreDB at ${connection} is unavailable: UnavailableError (no connection, or the server did not answer; the client gives no detail)`,
    );
    // NotLeaderError's constructor wants the gRPC error; an instance of its prototype is what the client throws.
    const notLeader = Object.create(NotLeaderError.prototype) as NotLeaderError;
    expect(mapClientError(notLeader, { connection })).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('maps an append over the server limit onto InvalidAppendError', () => {
    const mapped = mapClientError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), {
      streamId: 's',
      expected: 0,
      connection,
    });
    expect(mapped).toBeInstanceOf(InvalidAppendError);
    expect(mapped).toMatchObject({ field: 'events', code: 'INVALID_APPEND' });
  });

  it('recognises StreamNotFoundError (an unknown stream reads as empty) and leaves other errors unchanged', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'thidua/s'))).toBe(true);
    expect(isStreamNotFound(new UnknownError(undefined, 'boom'))).toBe(false);
    const unknown = new UnknownError(undefined, 'boom');
    expect(mapClientError(unknown, { connection })).toBe(unknown);
  });

  it('maps a tombstoned stream onto StreamDeletedOnServerError, an unavailable error naming the stream', () => {
    const mapped = mapClientError(StreamDeletedError.fromStreamName('thidua/s'), { streamId: 's', connection });
    expect(mapped).toBeInstanceOf(StreamDeletedOnServerError);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as Error).message).toContain('stream "s" was deleted on the server (tombstoned)');
  });

  it('maps "not ready" and "too busy", which the native bridge hands over as UnknownError, onto EventStoreUnavailableError', () => {
    for (const message of ['Server Is Not Ready', 'Server Is Too Busy']) {
      const mapped = mapClientError(new UnknownError(undefined, message), { connection });
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as Error).message).toContain(message);
    }
  });

  it('calls an append that timed out or lost its call ambiguous, and a refusal not', () => {
    expect(isAmbiguousAppendFailure(new DeadlineExceededError(undefined, 'deadline'))).toBe(true);
    expect(isAmbiguousAppendFailure(new TimeoutError(undefined, 'Operation timed out'))).toBe(true);
    expect(isAmbiguousAppendFailure(new UnavailableError(undefined, 'dropped'))).toBe(true);
    expect(
      isAmbiguousAppendFailure(
        new WrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 2n }),
      ),
    ).toBe(false);
    expect(isAmbiguousAppendFailure(StreamDeletedError.fromStreamName('s'))).toBe(false);
  });
});

describe('EventStoreDB mapping: the one-stream filter', () => {
  it('matches exactly the stream named, whatever characters the name holds', () => {
    const regex = new RegExp((singleStreamFilter('thidua/unit.a+(b)') as { regex: string }).regex);
    expect(regex.test('thidua/unit.a+(b)')).toBe(true);
    expect(regex.test('thidua/unitXa+(b)')).toBe(false);
    expect(regex.test('thidua/unit.a+(b)-2')).toBe(false);
  });
});
