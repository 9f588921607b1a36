/**
 * An in-memory stand-in for the part of `@kurrent/kurrentdb-client` 1.3.1 the adapter uses, for the
 * adapter's unit tests only (no server can run on the project's machines). It answers with the
 * client's own constants and error classes, and models what the adapter must survive, as read in
 * the client's source (kurrent-io/KurrentDB-Client-NodeJS, packages/db-client/src) and the server's:
 *
 * - options are the client's names: `streamState` on append (`expectedRevision` is the old client's
 *   name and is ignored here as by the real client, which then appends with `any`: appendToStream/
 *   index.ts), `requiresLeader`, `direction`, `fromRevision`/`fromPosition`, `maxCount`, `filter`;
 * - `readAll` filters on the server (readAll.ts passes `filter` to the native bridge) and `maxCount`
 *   counts the events that pass the filter; `served` counts every event handed to the adapter, so
 *   a test can say what a call cost;
 * - the transaction log holds records of varying length, so positions have gaps; each event's
 *   commit position equals its prepare position; a forward read of `$all` includes its start
 *   position, a backward read excludes it; a start that is not a record boundary is refused;
 * - a follower can lag (`lagFollower`): reads without `requiresLeader` then see the log as it was;
 *   with `requiresLeader` the follower answers `NotLeaderError` and the client's next call goes to
 *   the leader (Client/index.ts reconnects on NotLeaderError), unless the leader is gone
 *   (`leaderUnreachable`);
 * - a hard-deleted (tombstoned) stream reads and appends as `StreamDeletedError` and leaves a
 *   `$streamDeleted` record in `$all` (server: IndexWriter.CheckCommit, CommitDecision.Deleted);
 * - a soft-deleted stream has `$tb` = long.MaxValue in its metadata (`IsSoftDeleted`), reads as
 *   `StreamNotFoundError`, keeps its events in `$all` until a scavenge, accepts `no_stream`, `any`
 *   or its last physical revision, refuses `stream_exists` with `StreamDeletedError`, and numbers
 *   new events from its last physical revision + 1, moving `$tb` there (IndexWriter.CheckCommit,
 *   StorageWriterService.SoftUndeleteStream);
 * - appends ride one shared batch stream (batchAppend.ts): `breakBatchStream` rejects every pending
 *   append at once with the stream's error, whether or not the server had committed it;
 *   `timeOutNextAppend` commits (or not) and then answers `DeadlineExceededError`;
 * - reads through the native bridge turn server errors it has no name for ("Server Is Not Ready",
 *   "Server Is Too Busy": server RpcExceptions.cs) into `UnknownError` (convertBridgeError.ts);
 * - `subscribeToAll` is a Readable fed lazily from the log (the real Subscription is a Transform
 *   piped from the gRPC call, so a slow reader holds the server back): `maxBuffered` records the
 *   most events ever waiting in it; `dropSubscriptions` fails every feed mid-stream,
 *   `endSubscriptions` ends them cleanly as a server that closes the call does.
 *
 * It is a model, not the server: what it proves is that the adapter is right IF the server behaves
 * like this. The contract suite against a live server (`npm run test:eventstoredb`) proves the rest.
 */
import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  DeadlineExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendStreamState,
  EventData,
  Filter,
  Position,
  ReadPosition,
  ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { EventStoreDbClient } from '../eventstoredb-event-store.js';

interface LogRecord {
  position: bigint;
  length: bigint;
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
}

/** EventNumber.DeletedStream: a tombstone's revision and a soft delete's `$tb`. */
const DELETED_STREAM = 9223372036854775807n;

interface ReadOptions {
  requiresLeader?: boolean;
  direction?: string;
  maxCount?: number | bigint;
}

interface PendingAppend {
  committed: boolean;
  reject(error: unknown): void;
}

export class FakeEventStoreDbClient {
  readonly log: LogRecord[] = [];
  /** Events handed to the adapter by reads, subscriptions included. */
  served = 0;
  /** Every read of `$all`, as the adapter asked for it. */
  readonly allReads: { direction: string; fromPosition: ReadPosition; maxCount: number; filtered: boolean }[] = [];
  /** The most events ever waiting in one subscription's buffer. */
  maxBuffered = 0;
  /** When set, every call fails as an unreachable server does. */
  unavailable = false;
  /** Called between an append's start and its effect: a test can slip a concurrent write in there. */
  beforeAppend: ((streamName: string) => Promise<void>) | undefined;
  /** Appends wait here (after being written, or before) until released or failed by the batch stream. */
  private holding: { commitFirst: boolean } | undefined;
  private readonly pending = new Set<PendingAppend & { release(): void }>();
  private nextPosition = 1_000n;
  private appends = 0;
  private followerSees: number | undefined;
  private leaderUnreachable = false;
  private readonly feeds = new Set<FakeSubscription>();
  private readonly tombstoned = new Set<string>();
  private readonly softDeleted = new Set<string>();
  private readonly truncatedBefore = new Map<string, bigint>();
  private nextAppendTimeout: { outcome: 'committed' | 'not-committed'; meanwhile?: () => Promise<void> } | undefined;
  private nextReadError: string | undefined;

  asClient(): EventStoreDbClient {
    return this as unknown as EventStoreDbClient;
  }

  // ------------------------------------------------------------------ what a test can do to it

  /** The client now talks to a follower that has replicated nothing after this moment. */
  lagFollower(options: { leaderUnreachable?: boolean } = {}): void {
    this.followerSees = this.log.length;
    this.leaderUnreachable = options.leaderUnreachable ?? false;
  }

  hardDelete(streamName: string): void {
    this.tombstoned.add(streamName);
    this.write(streamName, DELETED_STREAM, crypto.randomUUID(), '$streamDeleted', true, {}, {});
  }

  softDelete(streamName: string): void {
    this.softDeleted.add(streamName);
  }

  /** The next read answers as a server that is starting up or overloaded does, through the bridge. */
  failNextRead(message: 'Server Is Not Ready' | 'Server Is Too Busy'): void {
    this.nextReadError = message;
  }

  /** The next append times out, committed or not; `meanwhile` runs before the client hears of it. */
  timeOutNextAppend(outcome: 'committed' | 'not-committed', meanwhile?: () => Promise<void>): void {
    this.nextAppendTimeout = { outcome, meanwhile };
  }

  /** Appends from now on wait for `breakBatchStream`; `commitFirst`: the server had written them. */
  holdAppends(commitFirst: boolean): void {
    this.holding = { commitFirst };
  }

  get pendingAppends(): number {
    return this.pending.size;
  }

  /** The shared batch-append stream fails: every pending append is rejected with its error. */
  breakBatchStream(): void {
    this.holding = undefined;
    const error = new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped');
    for (const append of [...this.pending]) append.reject(error);
    this.pending.clear();
  }

  /** A server-written or foreign event under any name, as another program could write it. */
  writeForeign(streamName: string, type: string, data: unknown, isJson = true): void {
    this.write(streamName, this.revisionAfter(streamName), crypto.randomUUID(), type, isJson, data, {});
  }

  dropSubscriptions(): void {
    for (const feed of [...this.feeds])
      feed.destroy(new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'));
  }

  endSubscriptions(): void {
    for (const feed of [...this.feeds]) feed.endCleanly();
  }

  // ------------------------------------------------------------------ the client's API

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    options: { streamState?: AppendStreamState } = {},
  ): Promise<AppendResult> {
    await this.networkCall();
    await this.beforeAppend?.(streamName);
    const list = Array.isArray(events) ? events : [events];
    const expected = options.streamState ?? ANY;
    if (this.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
    const current = this.physicalRevision(streamName);
    const soft = this.softDeleted.has(streamName);
    if (soft && expected === STREAM_EXISTS) throw StreamDeletedError.fromStreamName(streamName);
    const met =
      expected === ANY ||
      (expected === NO_STREAM && (current === NO_STREAM || soft)) ||
      (expected === STREAM_EXISTS && current !== NO_STREAM) ||
      expected === current;
    if (!met) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });

    const timeout = this.nextAppendTimeout;
    this.nextAppendTimeout = undefined;
    const holding = this.holding;
    const commitNow = holding ? holding.commitFirst : timeout?.outcome !== 'not-committed';
    const result = commitNow ? this.commit(streamName, list, current) : undefined;
    if (timeout) {
      await timeout.meanwhile?.();
      throw new DeadlineExceededError(undefined, '4 DEADLINE_EXCEEDED: Deadline exceeded');
    }
    if (holding) {
      await new Promise<void>((release, reject) => {
        this.pending.add({ committed: commitNow, reject, release });
      });
    }
    return result ?? this.commit(streamName, list, this.physicalRevision(streamName));
  }

  async getStreamMetadata(
    streamName: string,
    options: ReadOptions = {},
  ): Promise<{ streamName: string; metadata?: { truncateBefore?: number } }> {
    await this.networkCall();
    this.checkNode(options);
    // JSON carries $tb as a number: long.MaxValue arrives rounded, as from the real metastream.
    if (this.softDeleted.has(streamName)) return { streamName, metadata: { truncateBefore: Number(DELETED_STREAM) } };
    const before = this.truncatedBefore.get(streamName);
    return before === undefined ? { streamName } : { streamName, metadata: { truncateBefore: Number(before) } };
  }

  readStream(streamName: string, options: ReadOptions & { fromRevision?: ReadRevision } = {}): AsyncIterable<unknown> {
    const self = this;
    return (async function* () {
      await self.networkCall();
      self.checkNode(options);
      self.throwQueuedReadError();
      if (self.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
      const before = self.truncatedBefore.get(streamName) ?? 0n;
      let records = self.visible(options).filter((r) => r.streamId === streamName && r.revision >= before);
      if (records.length === 0 || self.softDeleted.has(streamName))
        throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === BACKWARDS;
      const from = options.fromRevision ?? (backwards ? END : START);
      if (backwards) {
        records = records.reverse();
        if (typeof from === 'bigint') records = records.filter((r) => r.revision <= from);
      } else if (typeof from === 'bigint') {
        records = records.filter((r) => r.revision >= from);
      }
      for (const record of records.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) {
        self.served++;
        yield { event: toClientEvent(record) };
      }
    })();
  }

  readAll(
    options: ReadOptions & { fromPosition?: ReadPosition; filter?: Filter } = {},
  ): AsyncIterable<AllStreamResolvedEvent> {
    const self = this;
    const from = options.fromPosition ?? START;
    const backwards = options.direction === BACKWARDS;
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    this.allReads.push({
      direction: backwards ? 'backwards' : 'forwards',
      fromPosition: from,
      maxCount,
      filtered: !!options.filter,
    });
    return (async function* () {
      await self.networkCall();
      self.checkNode(options);
      self.throwQueuedReadError();
      if (typeof from === 'object') self.checkBoundary(from);
      const log = self.visible(options);
      let records: LogRecord[];
      if (backwards) {
        // Backward positions are post-positions: a record is read if it ends at or before `from`.
        records =
          from === START ? [] : log.filter((r) => from === END || r.position + r.length <= from.commit).reverse();
      } else {
        records = from === END ? [] : log.filter((r) => from === START || r.position >= from.commit);
      }
      const matches = filterOf(options.filter);
      for (const record of records.filter(matches).slice(0, maxCount)) {
        self.served++;
        yield { event: toClientEvent(record) };
      }
    })();
  }

  subscribeToAll(
    options: { fromPosition?: ReadPosition; filter?: Filter } = {},
  ): Readable & { unsubscribe(): Promise<void> } {
    const feed = new FakeSubscription(this, options.fromPosition ?? START, filterOf(options.filter));
    this.feeds.add(feed);
    feed.once('close', () => this.feeds.delete(feed));
    return feed;
  }

  async dispose(): Promise<void> {
    for (const feed of [...this.feeds]) feed.destroy();
  }

  // ------------------------------------------------------------------ the model's insides

  /** Records the leader has, from index `from` on (subscriptions read the leader's log). */
  recordsFrom(index: number): LogRecord[] {
    return this.log.slice(index);
  }

  checkStart(from: ReadPosition): number {
    if (this.unavailable) throw new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
    if (typeof from === 'object') this.checkBoundary(from);
    // A subscription starts after its position (exclusive), unlike a read.
    if (from === START) return 0;
    if (from === END) return this.log.length;
    const index = this.log.findIndex((r) => r.position > from.commit);
    return index === -1 ? this.log.length : index;
  }

  countServed(): void {
    this.served++;
  }

  noteBuffered(size: number): void {
    this.maxBuffered = Math.max(this.maxBuffered, size);
  }

  private commit(streamName: string, list: EventData[], current: bigint | typeof NO_STREAM): AppendResult {
    let revision = current === NO_STREAM ? -1n : current;
    if (this.softDeleted.delete(streamName)) this.truncatedBefore.set(streamName, revision + 1n);
    let last: LogRecord | undefined;
    for (const event of list) {
      revision++;
      // The client serializes JSON events; the server hands back what it parsed from those bytes.
      const data = JSON.parse(JSON.stringify(event.data));
      const metadata = JSON.parse(JSON.stringify(event.metadata));
      last = this.write(streamName, revision, event.id, event.type, true, data, metadata);
    }
    // Other writers share the server: system statistics and another tenant's streams.
    if (++this.appends % 3 === 0) this.writeForeign('$stats-127.0.0.1:2113', '$statsCollected', {});
    if (this.appends % 4 === 0) this.writeForeign('other-tenant/orders-1', 'OrderPlaced', {});
    return {
      success: true,
      nextExpectedRevision: revision,
      position: { commit: last!.position, prepare: last!.position },
    };
  }

  private write(
    streamId: string,
    revision: bigint,
    id: string,
    type: string,
    isJson: boolean,
    data: unknown,
    metadata: unknown,
  ): LogRecord {
    const record: LogRecord = {
      position: this.nextPosition,
      length: 0n,
      streamId,
      revision,
      id,
      type,
      isJson,
      data,
      metadata,
    };
    record.length = BigInt(100 + JSON.stringify({ data, metadata }).length);
    this.nextPosition += record.length;
    this.log.push(record);
    for (const feed of this.feeds) feed.wake();
    return record;
  }

  /** The log as the node the client talks to has it. */
  private visible(options: ReadOptions): LogRecord[] {
    return this.followerSees !== undefined && !options.requiresLeader ? this.log.slice(0, this.followerSees) : this.log;
  }

  /** A leader-only request on a follower: refused, and the client's next call goes to the leader. */
  private checkNode(options: ReadOptions): void {
    if (this.followerSees === undefined || !options.requiresLeader) return;
    if (!this.leaderUnreachable) this.followerSees = undefined;
    // As the native bridge raises it: a plain error whose metadata names the leader (convertBridgeError.ts).
    const raised = {
      name: 'NotLeaderError',
      message: 'Not leader',
      metadata: { 'leader-endpoint-host': 'node-1', 'leader-endpoint-port': '2113' },
    };
    throw new NotLeaderError(raised as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
  }

  private throwQueuedReadError(): void {
    const message = this.nextReadError;
    this.nextReadError = undefined;
    if (message) throw new UnknownError(undefined, message);
  }

  /** The stream's last revision as the server's index has it, hidden (soft-deleted) events included. */
  private physicalRevision(streamName: string): bigint | typeof NO_STREAM {
    const revision = this.revisionAfter(streamName) - 1n;
    return revision < 0n ? NO_STREAM : revision;
  }

  private revisionAfter(streamName: string): bigint {
    return BigInt(this.log.filter((r) => r.streamId === streamName).length);
  }

  private checkBoundary(position: Position): void {
    const atRecord = this.log.some((r) => r.position === position.commit || r.position + r.length === position.commit);
    if (!atRecord && position.commit !== this.nextPosition) {
      throw new UnknownError(undefined, `no log record starts at position ${position.commit}`);
    }
  }

  private async networkCall(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.unavailable) throw new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
  }
}

/**
 * A catch-up subscription to `$all`: pulls the log from its start as its reader asks (Readable
 * `read()`), so the catch-up is never pushed whole into memory, then waits for new records.
 */
class FakeSubscription extends Readable {
  private index = -1;
  private waiting = false;

  constructor(
    private readonly server: FakeEventStoreDbClient,
    private readonly from: ReadPosition,
    private readonly matches: (record: LogRecord) => boolean,
  ) {
    super({ objectMode: true, highWaterMark: 16 });
  }

  async unsubscribe(): Promise<void> {
    // The real one cancels the gRPC call on the next tick (Subscription.ts): nothing more arrives.
    await new Promise((resolve) => setImmediate(resolve));
    this.index = Number.POSITIVE_INFINITY;
  }

  endCleanly(): void {
    this.index = Number.POSITIVE_INFINITY;
    this.push(null);
  }

  wake(): void {
    if (this.waiting) this.pump();
  }

  override _read(): void {
    if (this.index === -1) {
      setImmediate(() => {
        try {
          this.index = this.server.checkStart(this.from);
        } catch (error) {
          this.destroy(error as Error);
          return;
        }
        this.pump();
      });
      return;
    }
    this.pump();
  }

  private pump(): void {
    this.waiting = false;
    for (const record of this.server.recordsFrom(this.index)) {
      if (this.index === Number.POSITIVE_INFINITY || this.destroyed) return;
      this.index++;
      if (!this.matches(record)) continue;
      this.server.countServed();
      const more = this.push({ event: toClientEvent(record) });
      this.server.noteBuffered(this.readableLength);
      if (!more) return; // backpressure: wait for the next _read
    }
    this.waiting = true;
  }
}

function filterOf(filter: Filter | undefined): (record: LogRecord) => boolean {
  if (!filter) return () => true;
  const name = (record: LogRecord): string =>
    'filterOn' in filter && filter.filterOn === 'eventType' ? record.type : record.streamId;
  if ('prefixes' in filter) return (record) => filter.prefixes.some((p) => name(record).startsWith(p));
  const regex = new RegExp(filter.regex);
  return (record) => regex.test(name(record));
}

function toClientEvent(record: LogRecord): AllStreamResolvedEvent['event'] {
  const position = { commit: record.position, prepare: record.position };
  return {
    streamId: record.streamId,
    id: record.id,
    isJson: record.isJson,
    revision: record.revision,
    type: record.type,
    created: new Date(0),
    data: record.data as Record<string, unknown>,
    metadata: record.metadata as Record<string, unknown>,
    position,
  } as AllStreamResolvedEvent['event'];
}
