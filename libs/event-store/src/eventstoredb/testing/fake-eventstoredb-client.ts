/**
 * An in-memory stand-in for the part of `@eventstore/db-client` the adapter uses, for the adapter's
 * unit tests only (no server can run on the project's machines). It models the server behaviour
 * the adapter relies on, as read in the server's source (`AllReader`) and the client's types:
 *
 * - the transaction log holds records of varying length, so positions have gaps; each event's
 *   commit position equals its prepare position (its own log position);
 * - a forward read of `$all` includes its start position, a backward read excludes it; a start
 *   position that is not the boundary of a record is an error (the server cannot read there);
 * - system events (`$stats-…`) and another tenant's streams are interleaved with ours;
 * - an unknown stream raises `StreamNotFoundError`; a failed expectation raises the client's own
 *   `WrongExpectedVersionError`; every call yields to the event loop first, like a network call;
 * - `subscribeToAll` delivers, after its start position, the events whose stream name matches
 *   the filter's prefixes, then live ones; `unsubscribe` only stops delivering (whether the real
 *   stream ends is the client's business, so the adapter must end the iteration itself).
 *
 * It is a model, not the server: what it proves is that the adapter is right IF the server behaves
 * like this. The contract suite against a live server (`npm run test:eventstoredb`) proves the rest.
 */
import { PassThrough } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult,
  EventData,
  Filter,
  Position,
  ReadPosition,
  ReadRevision,
} from '@eventstore/db-client';
import type { EventStoreDbClient } from '../eventstoredb-event-store.js';

interface LogRecord {
  position: bigint;
  length: bigint;
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export class FakeEventStoreDbClient {
  readonly log: LogRecord[] = [];
  private nextPosition = 1_000n;
  private appends = 0;
  private readonly live = new Set<{ push(record: LogRecord): void }>();
  /** When set, every call fails as an unreachable server does. */
  unavailable = false;
  /** Called between a call's start and its effect: a test can slip a concurrent write in there. */
  beforeAppend: ((streamName: string) => Promise<void>) | undefined;

  asClient(): EventStoreDbClient {
    return this as unknown as EventStoreDbClient;
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    await this.networkCall();
    await this.beforeAppend?.(streamName);
    const list = Array.isArray(events) ? events : [events];
    const current = this.currentRevision(streamName);
    const expected = options.expectedRevision ?? ANY;
    const met =
      expected === ANY ||
      (expected === NO_STREAM && current === NO_STREAM) ||
      (expected === STREAM_EXISTS && current !== NO_STREAM) ||
      expected === current;
    if (!met) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    let revision = current === NO_STREAM ? -1n : current;
    let last: LogRecord | undefined;
    for (const event of list) {
      revision++;
      // The client serializes JSON events; the server hands back what it parsed from those bytes.
      last = this.write(streamName, revision, event.id, event.type, JSON.parse(JSON.stringify(event.data)), JSON.parse(JSON.stringify(event.metadata)));
    }
    // Other writers share the server: system statistics and another tenant's streams.
    if (++this.appends % 3 === 0) this.write('$stats-127.0.0.1:2113', this.revisionAfter('$stats-127.0.0.1:2113'), crypto.randomUUID(), '$statsCollected', {}, {});
    if (this.appends % 4 === 0) this.write('other-tenant/orders-1', this.revisionAfter('other-tenant/orders-1'), crypto.randomUUID(), 'OrderPlaced', {}, {});
    return { success: true, nextExpectedRevision: revision, position: { commit: last!.position, prepare: last!.position } };
  }

  readStream(streamName: string, options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {}): AsyncIterable<unknown> {
    const self = this;
    return (async function* () {
      await self.networkCall();
      let records = self.log.filter((r) => r.streamId === streamName);
      if (records.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === BACKWARDS;
      const from = options.fromRevision ?? (backwards ? END : START);
      if (backwards) {
        records = records.reverse();
        if (typeof from === 'bigint') records = records.filter((r) => r.revision <= from);
      } else if (typeof from === 'bigint') {
        records = records.filter((r) => r.revision >= from);
      }
      for (const record of records.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) yield { event: toClientEvent(record) };
    })();
  }

  readAll(options: { direction?: string; fromPosition?: ReadPosition; maxCount?: number | bigint } = {}): AsyncIterable<AllStreamResolvedEvent> {
    const self = this;
    return (async function* () {
      await self.networkCall();
      const from = options.fromPosition ?? START;
      const backwards = options.direction === BACKWARDS;
      if (typeof from === 'object') self.checkBoundary(from);
      let records: LogRecord[];
      if (backwards) {
        // Backward positions are post-positions: a record is read if it ends at or before `from`.
        records = self.log.filter((r) => from === END || from === START || r.position + r.length <= from.commit).reverse();
        if (from === START) records = [];
      } else {
        records = from === END ? [] : self.log.filter((r) => from === START || r.position >= from.commit);
      }
      for (const record of records.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) yield { event: toClientEvent(record) };
    })();
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}): PassThrough & { unsubscribe(): Promise<void> } {
    const feed = new PassThrough({ objectMode: true }) as PassThrough & { unsubscribe(): Promise<void> };
    const prefixes = options.filter && 'prefixes' in options.filter ? options.filter.prefixes : undefined;
    const matches = (record: LogRecord): boolean => !prefixes || prefixes.some((p) => record.streamId.startsWith(p));
    const from = options.fromPosition ?? START;
    let delivering = true;
    const listener = {
      push: (record: LogRecord) => {
        if (delivering && matches(record)) feed.write({ event: toClientEvent(record) });
      },
    };
    setImmediate(() => {
      if (this.unavailable) {
        feed.destroy(new UnavailableError(undefined, '14 UNAVAILABLE: No connection established'));
        return;
      }
      if (typeof from === 'object') this.checkBoundary(from);
      // A subscription starts after its position (exclusive), unlike a read.
      for (const record of this.log) if (from === START || (from !== END && record.position > from.commit)) listener.push(record);
      this.live.add(listener);
    });
    feed.unsubscribe = async () => {
      delivering = false;
      this.live.delete(listener);
    };
    return feed;
  }

  async dispose(): Promise<void> {
    this.live.clear();
  }

  private write(streamId: string, revision: bigint, id: string, type: string, data: unknown, metadata: unknown): LogRecord {
    const record: LogRecord = { position: this.nextPosition, length: 0n, streamId, revision, id, type, data, metadata };
    record.length = BigInt(100 + JSON.stringify({ data, metadata }).length);
    this.nextPosition += record.length;
    this.log.push(record);
    for (const listener of this.live) listener.push(record);
    return record;
  }

  private currentRevision(streamName: string): bigint | typeof NO_STREAM {
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

function toClientEvent(record: LogRecord): AllStreamResolvedEvent['event'] {
  const position = { commit: record.position, prepare: record.position };
  return {
    streamId: record.streamId,
    id: record.id,
    isJson: true,
    revision: record.revision,
    type: record.type,
    created: new Date(0),
    data: record.data as Record<string, unknown>,
    metadata: record.metadata as Record<string, unknown>,
    position,
  };
}
