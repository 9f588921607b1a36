/**
 * The `EventStore` on KurrentDB / EventStoreDB 20+, through `@kurrent/kurrentdb-client` (gRPC; the
 * maintained successor of `@eventstore/db-client`, same API surface).
 *
 * - Streams live under a namespace (`thidua/<streamId>` by default, see `eventstoredb-mapping.ts`);
 *   the port only ever sees the logical stream id. Reads of `$all` filter on the server.
 * - Envelope and hash chain are the SQLite store's: the same canonical JSON and the same hash, so
 *   an export of either store verifies with `verifyChain`. The envelope, `prevHash` and `hash` are
 *   kept in the event's metadata JSON.
 * - Appends read the stream's last event from the leader (for its hash), then append with the
 *   revision they saw as the server-side expected revision (`streamState`), whatever the caller
 *   asked for. So a concurrent writer can never slip an event between the read and the write and
 *   break the chain: the server refuses one of the two. A caller who asked for `'any'` or
 *   `'stream-exists'` did not ask for that refusal, so the append is read and tried again.
 * - Because every append names an exact revision (or `no_stream`), an append whose outcome is
 *   unknown (deadline passed, commit timed out, the shared batch call broke) is resolved by reading
 *   the stream back by event id: there, or not there, never written twice.
 * - Positions are commit positions in the transaction log (see `toPortPosition`).
 * - Checkpoints: the subscription resumes from the checkpoint its caller hands it (`after`). The
 *   caller stores it together with what it derived (the projection runner writes its checkpoint
 *   in the same transaction as its read models), so a restart resumes exactly where the derived
 *   state stands; a checkpoint kept in the server apart from that state could run ahead of it.
 * - Events under the namespace that this store did not write (a tombstone's `$streamDeleted`
 *   record, another program's write) are skipped by `readAll`, `subscribe` and `headPosition` with
 *   one logged warning each: they carry no envelope, so no reader could fold them, and stopping
 *   every follower for them would stop the application. A stream whose last event is one cannot be
 *   chained onto: `append` and `readStream` refuse it, naming it.
 */
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  NotLeaderError,
  START,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  Filter,
  ReadPosition,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { hashCanonicalEvent } from '../hash-chain.js';
import { prepareAppend } from '../prepare-append.js';
import {
  DEFAULT_NAMESPACE,
  ForeignEventError,
  StreamDeletedOnServerError,
  checkNamespace,
  isAfter,
  isAmbiguousAppendFailure,
  isStreamNotFound,
  logicalStreamId,
  mapClientError,
  namespaceFilter,
  physicalStreamName,
  readPositionAfter,
  redactConnectionString,
  singleStreamFilter,
  storedMetadata,
  toRecordedEvent,
} from './eventstoredb-mapping.js';

export interface EventStoreDbOptions {
  /** Prefix of every stream of this store on the server (default `thidua/`). */
  namespace?: string;
  /** How many times an `'any'` / `'stream-exists'` append is retried after losing a race (default 5). */
  maxAppendAttempts?: number;
  /** Events fetched per page when `$all` is read for the namespace's events (default 500). */
  pageSize?: number;
  /** Told once of each foreign event skipped under the namespace (default `console.warn`). */
  warn?: (message: string) => void;
}

/** The narrow part of the client the adapter uses: a unit test hands in a stand-in of exactly this. */
export type EventStoreDbClient = Pick<
  KurrentDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'getStreamMetadata' | 'dispose'
>;

const MAX_KNOWN_POSITIONS = 100_000;

/**
 * The stream's last event as the leader has it. `hidden`: the stream was soft-deleted, so it reads
 * as no stream, but the server numbers its next event after this one (IndexWriter.CheckCommit).
 */
type StreamState = { revision: number; hash: string; hidden: boolean } | 'no-stream';

interface ReadAllRequest {
  direction: typeof FORWARDS | typeof BACKWARDS;
  fromPosition: ReadPosition;
  maxCount: number;
  filter?: Filter;
  requiresLeader?: boolean;
}

export class EventStoreDbEventStore implements EventStore {
  private readonly namespace: string;
  private readonly maxAppendAttempts: number;
  private readonly pageSize: number;
  private readonly warn: (message: string) => void;
  private readonly subscriptions = new Set<Subscription>();
  private readonly knownPositions = new Set<number>();
  private readonly warnedPositions = new Set<number>();
  private closed = false;

  /**
   * Connects and checks that the server answers (one read of `$all`), so that a wrong or
   * unreachable server stops the start-up with a clear `EventStoreUnavailableError`.
   */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const shown = redactConnectionString(connectionString);
    let client: KurrentDBClient;
    try {
      // `esdb://` still parses but warns on every connection (parseConnectionString.ts): same meaning.
      client = KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:\/\//, 'kurrentdb$1://'));
    } catch (error) {
      throw new EventStoreUnavailableError(
        `EventStoreDB connection string ${shown} is invalid: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const store = new EventStoreDbEventStore(client, shown, options);
    try {
      await store.headPosition();
    } catch (error) {
      await client.dispose().catch(() => {});
      if (error instanceof EventStoreUnavailableError) throw error;
      throw new EventStoreUnavailableError(`EventStoreDB at ${shown} did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return store;
  }

  constructor(
    private readonly client: EventStoreDbClient,
    /** The connection string without credentials, for error messages. */
    private readonly connection: string,
    options: EventStoreDbOptions = {},
  ) {
    this.namespace = checkNamespace(options.namespace ?? DEFAULT_NAMESPACE);
    this.maxAppendAttempts = options.maxAppendAttempts ?? 5;
    this.pageSize = options.pageSize ?? 500;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.ensureOpen();
    const prepared = prepareAppend(streamId, events, expected);
    const retriable = expected === 'any' || expected === 'stream-exists';
    for (let attempt = 1; ; attempt++) {
      const state = await this.streamState(streamId);
      checkExpectation(streamId, expected, state);
      let prevHash = state === 'no-stream' ? null : state.hash;
      const first = state === 'no-stream' ? 0 : state.revision + 1;
      const ids = prepared.events.map(() => randomUUID());
      const toWrite = prepared.events.map((event, i) => {
        const hash = hashCanonicalEvent({
          streamId,
          revision: first + i,
          type: event.type,
          dataJson: event.dataJson,
          metadataJson: event.metadataJson,
          prevHash,
        });
        const written = jsonEvent({
          id: ids[i],
          type: event.type,
          data: event.data,
          metadata: storedMetadata(event.metadata, prevHash, hash),
        });
        prevHash = hash;
        return written;
      });
      let answer: 'committed' | { failure: unknown } = 'committed';
      try {
        await this.client.appendToStream(physicalStreamName(this.namespace, streamId), toWrite, {
          // The revision seen, not the caller's wish: this is what keeps the chain whole.
          streamState: state === 'no-stream' ? NO_STREAM : BigInt(state.revision),
        });
      } catch (error) {
        if (!isAmbiguousAppendFailure(error)) {
          const mapped = this.mapError(error, streamId, expected);
          if (mapped instanceof WrongExpectedRevisionError && retriable && attempt < this.maxAppendAttempts) continue;
          throw mapped;
        }
        answer = { failure: error }; // committed or not: never answer, nor retry, before the leader's log says
      }
      const outcome = await this.readBack(streamId, first, ids, answer === 'committed' ? answer : answer.failure);
      if (outcome !== 'lost-race') {
        const last = outcome[outcome.length - 1];
        return { revision: last.revision, position: last.position, events: outcome };
      }
      if (retriable && attempt < this.maxAppendAttempts) continue;
      const now = await this.streamState(streamId);
      throw new WrongExpectedRevisionError(
        streamId,
        expected,
        now === 'no-stream' || now.hidden ? 'no-stream' : now.revision,
      );
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const found = await this.readStreamRaw(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    return found.map((event) => this.remember(toRecordedEvent(this.namespace, event)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (maxCount <= 0) return [];
    // The server filters `$all` down to the namespace; pages hold only our streams' events.
    let from = await this.startFor(after);
    let lastSeen = after;
    while (events.length < maxCount) {
      const page = await this.readAllRaw({
        direction: FORWARDS,
        fromPosition: from,
        maxCount: this.pageSize,
        filter: namespaceFilter(this.namespace),
      });
      for (const event of page) {
        // A forward read includes its start position: skip what was already seen.
        if (!isAfter(event.position, lastSeen)) continue;
        const recorded = this.ownOrSkipped(event);
        if (recorded) events.push(recorded);
        if (events.length >= maxCount) break;
      }
      const last = page[page.length - 1]?.position;
      if (page.length < this.pageSize || !last) break;
      from = last;
      lastSeen = Math.max(lastSeen, Number(last.commit));
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.ensureOpen();
    const after = options.after ?? 0;
    const subscription = new EventStoreDbSubscription({
      open: async () =>
        this.client.subscribeToAll({
          fromPosition: await this.startFor(after),
          filter: namespaceFilter(this.namespace),
        }),
      after,
      toRecorded: (event) => this.ownOrSkipped(event),
      mapError: (error) => this.mapError(error),
      ended: (position) =>
        new EventStoreUnavailableError(
          `EventStoreDB at ${this.connection} ended the subscription to $all after position ${position} without being asked; ` +
            'subscribe again from the last position handled',
        ),
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * The namespace's last event: one backward read of one event, filtered on the server (a foreign
   * event at the head, which readers skip, costs one more page).
   */
  async headPosition(): Promise<number> {
    this.ensureOpen();
    let from: ReadPosition = END;
    for (let maxCount = 1; ; maxCount = this.pageSize) {
      const page = await this.readAllRaw({
        direction: BACKWARDS,
        fromPosition: from,
        maxCount,
        filter: namespaceFilter(this.namespace),
      });
      for (const event of page) {
        const recorded = this.ownOrSkipped(event);
        if (recorded) return recorded.position;
      }
      if (page.length < maxCount) return 0;
      // A backward read is exclusive of its start position: the next page begins before this one's end.
      from = page[page.length - 1].position ?? END;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * The stream's last revision and hash, read from the leader: a follower's stale answer would
   * make the append hash the wrong revision (the server would refuse it, or with `any` take it).
   */
  private async streamState(streamId: string): Promise<StreamState> {
    const [last] = await this.readStreamRaw(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
      requiresLeader: true,
    });
    if (last) {
      const recorded = toRecordedEvent(this.namespace, last); // a foreign last event cannot be chained onto
      return { revision: recorded.revision, hash: recorded.hash, hidden: false };
    }
    return this.softDeletedState(streamId);
  }

  /**
   * A stream that reads as "not found" may have been soft-deleted: its metadata then holds `$tb`
   * (truncate before) and the server numbers the next event after its last hidden one. That event
   * is still in `$all` until a scavenge, so one backward read of `$all` filtered on the stream's
   * exact name (on the server) gives its revision and hash, and the chain goes on from it.
   */
  private async softDeletedState(streamId: string): Promise<StreamState> {
    const name = physicalStreamName(this.namespace, streamId);
    let truncateBefore: unknown;
    try {
      truncateBefore = (await this.withLeader(() => this.client.getStreamMetadata(name, { requiresLeader: true })))
        .metadata?.truncateBefore;
    } catch (error) {
      throw this.mapError(error, streamId);
    }
    if (typeof truncateBefore !== 'number' || truncateBefore <= 0) return 'no-stream';
    const [hidden] = await this.readAllRaw({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: singleStreamFilter(name),
      requiresLeader: true,
    });
    if (!hidden) throw new StreamDeletedOnServerError(streamId, 'soft-deleted and scavenged', this.connection);
    const recorded = toRecordedEvent(this.namespace, hidden);
    return { revision: recorded.revision, hash: recorded.hash, hidden: true };
  }

  /**
   * Reads an append's revisions back from the leader and says whether they hold the events it
   * wrote (by the server's event ids): yes gives the recorded events; someone else's events there
   * mean the append lost the race; nothing there after a failure means it was not committed. After
   * a success nothing there cannot happen on a healthy leader: it is a clear error, to retry.
   */
  private async readBack(
    streamId: string,
    first: number,
    ids: string[],
    after: 'committed' | unknown,
  ): Promise<RecordedEvent[] | 'lost-race'> {
    let found: AllStreamRecordedEvent[];
    try {
      found = await this.readStreamRaw(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(first),
        maxCount: ids.length,
        requiresLeader: true,
      });
    } catch (error) {
      const outcome =
        after === 'committed' ? 'was committed' : `failed (${describe(after)}) and its outcome is unknown`;
      throw new EventStoreUnavailableError(
        `EventStoreDB at ${this.connection}: the append to "${streamId}" at revision ${first} ${outcome}; ` +
          `reading it back from the leader failed: ${describe(this.mapError(error, streamId))}`,
        { cause: error },
      );
    }
    const ours = found.length > 0 && found[0].id === ids[0];
    if (ours && found.length === ids.length && found.every((event, i) => event.id === ids[i])) {
      return found.map((event) => this.remember(toRecordedEvent(this.namespace, event)));
    }
    if (found.length > 0 && !ours) return 'lost-race';
    if (after === 'committed' || ours) {
      throw new EventStoreUnavailableError(
        `EventStoreDB at ${this.connection}: the append to "${streamId}" ${after === 'committed' ? 'was acknowledged' : 'was committed'}, ` +
          `but the leader returned ${found.length} of its ${ids.length} event(s) at revision ${first}; read the stream again before relying on it`,
      );
    }
    throw new EventStoreUnavailableError(
      `EventStoreDB at ${this.connection}: the append to "${streamId}" failed (${describe(after)}) and is not in the stream ` +
        `on the leader at revision ${first}; it was not applied (every append names its exact expected revision, so a retry cannot duplicate it)`,
      { cause: after },
    );
  }

  /**
   * Where a forward read of `$all` may start to serve the exclusive checkpoint `after`. The server
   * can only start at the boundary of a record. A checkpoint is the position of an event (this
   * store hands out no other), so it is one: a read of one event at that position checks it and
   * the read starts there, after a restart too. Any other number (the port allows gaps, so a caller
   * may say `position - 1`) is brought back to the namespace's last event at or before it.
   */
  private async startFor(after: number): Promise<ReadPosition> {
    if (after === 0) return START;
    const at = readPositionAfter(after);
    if (this.knownPositions.has(after)) return at;
    try {
      const [event] = await this.readAllRaw({ direction: FORWARDS, fromPosition: at, maxCount: 1 });
      if (event && event.position.commit === BigInt(after)) {
        this.rememberPosition(after);
        return at;
      }
    } catch (error) {
      // The server refused to start there: not a record boundary (unavailability is a real failure).
      if (error instanceof EventStoreUnavailableError) throw error;
    }
    return this.boundaryAtOrBefore(after);
  }

  private async boundaryAtOrBefore(after: number): Promise<ReadPosition> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllRaw({
        direction: BACKWARDS,
        fromPosition: from,
        maxCount: this.pageSize,
        filter: namespaceFilter(this.namespace),
      });
      for (const event of page) if (!isAfter(event.position, after)) return event.position;
      const last = page[page.length - 1]?.position;
      if (page.length < this.pageSize || !last) return START;
      from = last;
    }
  }

  /** The port's event, or undefined (and one warning) for an event this store did not write. */
  private ownOrSkipped(event: AllStreamRecordedEvent): RecordedEvent | undefined {
    if (logicalStreamId(this.namespace, event.streamId) === undefined) return undefined;
    try {
      return this.remember(toRecordedEvent(this.namespace, event));
    } catch (error) {
      if (!(error instanceof ForeignEventError)) throw error;
      const position = Number(event.position.commit);
      if (!this.warnedPositions.has(position)) {
        if (this.warnedPositions.size >= MAX_KNOWN_POSITIONS) this.warnedPositions.clear();
        this.warnedPositions.add(position);
        this.warn(`EventStoreDB at ${this.connection}: skipped ${error.message}`);
      }
      return undefined;
    }
  }

  /** Positions handed out are record boundaries: remembered (a bounded, recent set) for `startFor`. */
  private remember(event: RecordedEvent): RecordedEvent {
    this.rememberPosition(event.position);
    return event;
  }

  private rememberPosition(position: number): void {
    this.knownPositions.add(position);
    if (this.knownPositions.size > MAX_KNOWN_POSITIONS) {
      this.knownPositions.delete(this.knownPositions.values().next().value as number);
    }
  }

  /** A stream's events as the client gives them ([] for an unknown or soft-deleted stream). */
  private async readStreamRaw(
    streamId: string,
    options: {
      direction: typeof FORWARDS | typeof BACKWARDS;
      fromRevision: bigint | typeof START | typeof END;
      maxCount?: number;
      requiresLeader?: boolean;
    },
  ): Promise<AllStreamRecordedEvent[]> {
    const name = physicalStreamName(this.namespace, streamId);
    try {
      return await this.withLeader(async () => {
        const events: AllStreamRecordedEvent[] = [];
        for await (const resolved of this.client.readStream(name, options)) {
          if (!resolved.event)
            throw new Error('EventStoreDB returned a link whose event is gone; this store writes no links');
          events.push(resolved.event as AllStreamRecordedEvent);
        }
        return events;
      }, options.requiresLeader);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw this.mapError(error, streamId);
    }
  }

  private async readAllRaw(request: ReadAllRequest): Promise<AllStreamRecordedEvent[]> {
    try {
      return await this.withLeader(async () => {
        const page: AllStreamRecordedEvent[] = [];
        for await (const resolved of this.client.readAll(request) as AsyncIterable<AllStreamResolvedEvent>) {
          if (resolved.event) page.push(resolved.event);
        }
        return page;
      }, request.requiresLeader);
    } catch (error) {
      throw this.mapError(error);
    }
  }

  /**
   * A leader-only request that reached a follower is refused with NotLeaderError, and the client
   * points its next call at the leader it was told of (Client/index.ts): one more try goes there.
   */
  private async withLeader<T>(call: () => Promise<T>, requiresLeader = true): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!requiresLeader || !(error instanceof NotLeaderError)) throw error;
      return call();
    }
  }

  private mapError(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
    return mapClientError(error, { streamId, expected, connection: this.connection });
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError(`EventStoreDB store (${this.connection}) is closed`);
  }
}

/** The caller's expectation against the stream as read just before the append. */
function checkExpectation(streamId: string, expected: ExpectedRevision, state: StreamState): void {
  // A soft-deleted stream reads as empty, so to the caller it is no stream.
  const actual = state === 'no-stream' || state.hidden ? 'no-stream' : state.revision;
  const met =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 'no-stream') ||
    (expected === 'stream-exists' && actual !== 'no-stream') ||
    expected === actual;
  if (!met) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The client's catch-up subscription to `$all` as the port's `Subscription`. The server filters by
 * stream prefix; this class drops anything at or before the checkpoint (the port's `after` is
 * exclusive whatever the server does with its start position), and maps errors. A feed that ends
 * without `close()` (the server closed the call) is an error: the caller resubscribes from the
 * last position it handled, instead of its read models stopping in silence. The feed opens on the
 * first `next()`, because finding its start position may take a read.
 */
class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private feed: AllStreamSubscription | undefined;

  constructor(
    private readonly source: {
      open(): Promise<AllStreamSubscription>;
      after: number;
      /** The port's event, or undefined for an event to skip. */
      toRecorded(event: AllStreamRecordedEvent): RecordedEvent | undefined;
      mapError(error: unknown): unknown;
      ended(lastPosition: number): Error;
      onClose(): void;
    },
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.source.onClose();
    await this.stopFeed();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.closed) return;
    let lastPosition = this.source.after;
    let endedByServer = false;
    try {
      const feed = await this.source.open();
      this.feed = feed;
      if (this.closed) {
        await this.stopFeed(); // closed while the feed was opening: close() found nothing to stop
        return;
      }
      for await (const resolved of feed) {
        if (this.closed) return;
        const event = resolved.event;
        if (!event || !isAfter(event.position, lastPosition)) continue;
        const recorded = this.source.toRecorded(event);
        if (!recorded) continue;
        lastPosition = recorded.position;
        yield recorded;
      }
      endedByServer = !this.closed;
    } catch (error) {
      if (this.closed) return;
      throw this.source.mapError(error);
    } finally {
      await this.close();
    }
    if (endedByServer) throw this.source.ended(lastPosition);
  }

  /** Cancels the gRPC call and ends the readable, so that a pending `next()` settles at once. */
  private async stopFeed(): Promise<void> {
    const feed = this.feed;
    if (!feed) return;
    await feed.unsubscribe().catch(() => {});
    feed.destroy();
  }
}
