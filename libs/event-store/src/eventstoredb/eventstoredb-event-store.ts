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
import type { AllStreamResolvedEvent, AllStreamSubscription, Position, ResolvedEvent } from '@eventstore/db-client';
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

type StreamState = { revision: number; hash: string } | 'no-stream';

export class EventStoreDbEventStore implements EventStore {
  private readonly namespace: string;
  private readonly maxAppendAttempts: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
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
      for await (const resolved of read) events.push(this.toRecorded(resolved));
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
    // `$all` holds other namespaces and system events too: scan it page by page, keeping ours.
    let from: Position | typeof START = readPositionAfter(after) as Position | typeof START;
    while (events.length < maxCount) {
      const page = await this.readAllPage(from);
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || !isAfter(event.position, after) || (from !== START && event.position.commit === from.commit)) continue;
        if (logicalStreamId(this.namespace, event.streamId) === undefined) continue;
        events.push(toRecordedEvent(this.namespace, event));
        if (events.length >= maxCount) break;
      }
      if (page.length < this.pageSize) break;
      from = page[page.length - 1].event?.position ?? from;
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.ensureOpen();
    const after = options.after ?? 0;
    const feed = this.client.subscribeToAll({
      fromPosition: readPositionAfter(after),
      filter: namespaceFilter(this.namespace),
    });
    const subscription = new EventStoreDbSubscription(feed, after, this.namespace, (error) => this.mapError(error), () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads `$all` backwards until the namespace's last event (0 when the namespace is empty). */
  async headPosition(): Promise<number> {
    this.ensureOpen();
    let from: Position | typeof END = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = [];
      try {
        const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: this.pageSize });
        for await (const resolved of read) page.push(resolved);
      } catch (error) {
        throw this.mapError(error);
      }
      for (const resolved of page) {
        const event = resolved.event;
        if (event && logicalStreamId(this.namespace, event.streamId) !== undefined) {
          return toRecordedEvent(this.namespace, event).position;
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

  private async readAllPage(from: Position | typeof START): Promise<AllStreamResolvedEvent[]> {
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
 * exclusive whatever the server does with its start position) and maps errors.
 */
class EventStoreDbSubscription implements Subscription {
  private closed = false;

  constructor(
    private readonly feed: AllStreamSubscription,
    private readonly after: number,
    private readonly namespace: string,
    private readonly mapError: (error: unknown) => unknown,
    private readonly onClose: () => void,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await this.feed.unsubscribe().catch(() => {});
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      for await (const resolved of this.feed) {
        if (this.closed) return;
        const event = resolved.event;
        if (!event || !isAfter(event.position, this.after)) continue;
        if (logicalStreamId(this.namespace, event.streamId) === undefined) continue;
        yield toRecordedEvent(this.namespace, event);
      }
    } catch (error) {
      if (this.closed) return;
      throw this.mapError(error);
    } finally {
      await this.close();
    }
  }
}
