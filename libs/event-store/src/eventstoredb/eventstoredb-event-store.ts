/**
 * The `EventStore` on EventStoreDB / KurrentDB, through `@eventstore/db-client` (gRPC).
 *
 * - Streams live under a namespace (`thidua/<streamId>` by default, see `eventstoredb-mapping.ts`);
 *   the port only ever sees the logical stream id.
 * - Envelope and hash chain are the SQLite store's: the same canonical JSON and the same hash, so
 *   an export of either store verifies with `verifyChain`. The envelope, `prevHash` and `hash` are
 *   kept in the event's metadata JSON.
 * - Appends read the stream's last event (for its hash), then append with the revision they saw as
 *   the server-side expected revision, whatever the caller asked for. So a concurrent writer can
 *   never slip an event between the read and the write and break the chain: the server refuses
 *   one of the two. A caller who asked for `'any'` or `'stream-exists'` did not ask for that
 *   refusal, so the append is read and tried again (a few times).
 * - Positions are commit positions in the transaction log (see `toPortPosition`).
 * - Checkpoints: the subscription resumes from the checkpoint its caller hands it (`after`). The
 *   caller stores it together with what it derived (the projection runner writes its checkpoint
 *   in the same transaction as its read models), so a restart resumes exactly where the derived
 *   state stands; a checkpoint kept in EventStoreDB apart from that state could run ahead of it.
 */
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import type { AllStreamRecordedEvent, AllStreamResolvedEvent, AllStreamSubscription, ReadPosition, ResolvedEvent } from '@eventstore/db-client';
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
  checkNamespace,
  isAfter,
  isStreamNotFound,
  logicalStreamId,
  mapClientError,
  namespaceFilter,
  physicalStreamName,
  readPositionAfter,
  redactConnectionString,
  storedMetadata,
  toClientExpectedRevision,
  toRecordedEvent,
} from './eventstoredb-mapping.js';

export interface EventStoreDbOptions {
  /** Prefix of every stream of this store on the server (default `thidua/`). */
  namespace?: string;
  /** How many times an `'any'` / `'stream-exists'` append is retried after losing a race (default 5). */
  maxAppendAttempts?: number;
  /** Events fetched per page when `$all` is scanned for the namespace's events (default 500). */
  pageSize?: number;
}

/** The narrow part of the client the adapter uses: a unit test hands in a fake of exactly this. */
export type EventStoreDbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

const MAX_KNOWN_POSITIONS = 100_000;

type StreamState = { revision: number; hash: string } | 'no-stream';

export class EventStoreDbEventStore implements EventStore {
  private readonly namespace: string;
  private readonly maxAppendAttempts: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly knownPositions = new Set<number>();
  private closed = false;

  /**
   * Connects and checks that the server answers (one read of `$all`), so that a wrong or
   * unreachable server stops the start-up with a clear `EventStoreUnavailableError`.
   */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const shown = redactConnectionString(connectionString);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (error) {
      throw new EventStoreUnavailableError(`EventStoreDB connection string ${shown} is invalid: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const store = new EventStoreDbEventStore(client, shown, options);
    try {
      await store.headPosition();
    } catch (error) {
      await client.dispose().catch(() => {});
      if (error instanceof EventStoreUnavailableError) throw error;
      throw new EventStoreUnavailableError(`EventStoreDB at ${shown} did not answer: ${(error as Error).message}`, { cause: error });
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
          id: randomUUID(),
          type: event.type,
          data: event.data,
          metadata: storedMetadata(event.metadata, prevHash, hash),
        });
        prevHash = hash;
        return written;
      });
      try {
        await this.client.appendToStream(physicalStreamName(this.namespace, streamId), toWrite, {
          // The revision seen, not the caller's wish: this is what keeps the chain whole.
          expectedRevision: toClientExpectedRevision(state === 'no-stream' ? 'no-stream' : state.revision),
        });
      } catch (error) {
        const mapped = this.mapError(error, streamId, expected);
        if (mapped instanceof WrongExpectedRevisionError && retriable && attempt < this.maxAppendAttempts) continue;
        throw mapped;
      }
      const recorded = await this.readStream(streamId, { fromRevision: first, maxCount: toWrite.length });
      const last = recorded[recorded.length - 1];
      return { revision: last.revision, position: last.position, events: recorded };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const read = this.client.readStream(physicalStreamName(this.namespace, streamId), {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) events.push(this.remember(this.toRecorded(resolved)));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw this.mapError(error);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (maxCount <= 0) return [];
    // `$all` holds other namespaces and system events too: scan it page by page, keeping ours.
    let from = await this.startFor(after);
    let lastSeen = after;
    while (events.length < maxCount) {
      const page = await this.readAllPage(from);
      for (const resolved of page) {
        const event = resolved.event;
        // A forward read includes its start position: skip what was already seen.
        if (!event || !isAfter(event.position, lastSeen)) continue;
        if (logicalStreamId(this.namespace, event.streamId) === undefined) continue;
        events.push(this.remember(toRecordedEvent(this.namespace, event)));
        if (events.length >= maxCount) break;
      }
      const last = page[page.length - 1]?.event?.position;
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
        this.client.subscribeToAll({ fromPosition: await this.startFor(after), filter: namespaceFilter(this.namespace) }),
      after,
      toRecorded: (event) =>
        logicalStreamId(this.namespace, event.streamId) === undefined ? undefined : this.remember(toRecordedEvent(this.namespace, event)),
      mapError: (error) => this.mapError(error),
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads `$all` backwards until the namespace's last event (0 when the namespace is empty). */
  async headPosition(): Promise<number> {
    this.ensureOpen();
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllBackwards(from);
      for (const resolved of page) {
        const event = resolved.event;
        if (event && logicalStreamId(this.namespace, event.streamId) !== undefined) {
          return this.remember(toRecordedEvent(this.namespace, event)).position;
        }
      }
      if (page.length < this.pageSize) return 0;
      // A backward read is exclusive of its start position: the next page begins before this one's end.
      from = page[page.length - 1].event?.position ?? END;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** The stream's last revision and hash, read within the same optimistic check as the append. */
  private async streamState(streamId: string): Promise<StreamState> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last ? { revision: last.revision, hash: last.hash } : 'no-stream';
  }

  /**
   * Where a forward read of `$all` may start to serve the exclusive checkpoint `after`. The server
   * can only start at the boundary of a record: a position this store has handed out is one, any
   * other number (the port allows gaps, so a caller may say `position - 1`) is first brought back
   * to the last event at or before it by reading backwards from the head. That costs about what
   * the catch-up after it costs anyway.
   */
  private async startFor(after: number): Promise<ReadPosition> {
    if (after === 0 || this.knownPositions.has(after)) return readPositionAfter(after);
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllBackwards(from);
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (position && !isAfter(position, after)) return position;
      }
      const last = page[page.length - 1]?.event?.position;
      if (page.length < this.pageSize || !last) return START;
      from = last;
    }
  }

  /** Positions handed out are record boundaries: remembered (a bounded, recent set) for `startFor`. */
  private remember(event: RecordedEvent): RecordedEvent {
    this.knownPositions.add(event.position);
    if (this.knownPositions.size > MAX_KNOWN_POSITIONS) {
      this.knownPositions.delete(this.knownPositions.values().next().value as number);
    }
    return event;
  }

  private async readAllBackwards(from: ReadPosition): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    try {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: this.pageSize });
      for await (const resolved of read) page.push(resolved);
    } catch (error) {
      throw this.mapError(error);
    }
    return page;
  }

  private async readAllPage(from: ReadPosition): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    try {
      const read = this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: this.pageSize });
      for await (const resolved of read) page.push(resolved);
    } catch (error) {
      throw this.mapError(error);
    }
    return page;
  }

  private toRecorded(resolved: ResolvedEvent): RecordedEvent {
    if (!resolved.event) throw new Error('EventStoreDB returned a link whose event is gone; this store writes no links');
    return toRecordedEvent(this.namespace, resolved.event);
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
  const actual = state === 'no-stream' ? 'no-stream' : state.revision;
  const met =
    expected === 'any' ||
    (expected === 'no-stream' && actual === 'no-stream') ||
    (expected === 'stream-exists' && actual !== 'no-stream') ||
    expected === actual;
  if (!met) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/**
 * The client's catch-up subscription to `$all` as the port's `Subscription`. The server filters by
 * stream prefix; this class drops anything at or before the checkpoint (the port's `after` is
 * exclusive whatever the server does with its start position), and maps errors. The feed opens
 * on the first `next()`, because finding its start position may take a read.
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
    } catch (error) {
      if (this.closed) return;
      throw this.source.mapError(error);
    } finally {
      await this.close();
    }
  }

  /** Cancels the gRPC call and ends the readable, so that a pending `next()` settles at once. */
  private async stopFeed(): Promise<void> {
    const feed = this.feed;
    if (!feed) return;
    await feed.unsubscribe().catch(() => {});
    feed.destroy();
  }
}
