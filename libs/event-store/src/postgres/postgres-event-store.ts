/**
 * The `EventStore` on PostgreSQL (node-postgres, a pool), for several API processes on one
 * database.
 *
 * Writes: `append` validates at once, then queues. The queue is written in groups, each by ONE
 * call of the schema's `append_events` function (one statement: one round trip, atomic, durable
 * when it returns), and two groups may be in flight at once (see `startGroups`).
 * Expectations are checked against the stream heads read just before (one query for the whole
 * group, none for `'no-stream'`), and the database's `UNIQUE (stream_id, revision)` refuses any
 * append that raced with another process. A group refused that way is written again one append
 * at a time, so that only the appends that conflict are refused.
 *
 * Reads in log order stop below the oldest running transaction (see `postgres-schema.ts` and the
 * README), so a reader never passes a position that a slower transaction could still fill.
 * Subscribers are woken by this process's commits, by `LISTEN` on the schema's channel (other
 * processes' commits), and by a poll of the readable head while they wait (a notification lost
 * with a dropped connection, a transaction that ended without committing).
 */
import pg from 'pg';
import type { Pool, PoolClient, QueryConfig } from 'pg';
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
import { ChangeSignal, PagedSubscription } from '../paged-subscription.js';
import { prepareAppend, type PreparedAppend } from '../prepare-append.js';
import { migrate } from './postgres-migrate.js';
import { DEFAULT_POSTGRES_SCHEMA, EVENT_COLUMNS, checkSchemaName, notifyChannel } from './postgres-schema.js';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database` (any form node-postgres accepts). */
  connectionString: string;
  /** Schema holding the store's tables, created if missing (default `thidua`). */
  schema?: string;
  /** Connections in the pool (default 10), besides the one that listens for notifications. */
  poolSize?: number;
  /** How often a waiting subscription looks at the readable head (default 100 ms). */
  pollIntervalMs?: number;
  /** How long opening a connection may take before the store is declared unreachable (default 5000 ms). */
  connectTimeoutMs?: number;
}

interface QueuedAppend extends PreparedAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** An append whose revisions and hashes are computed, ready to insert. */
interface PlannedAppend {
  append: QueuedAppend;
  recorded: RecordedEvent[];
}

type StreamHead = { revision: number; hash: string } | undefined;

/** A row read in array mode: the columns of EVENT_COLUMNS, in order; int8 arrives as text. */
type EventRow = [string, string, string, string, unknown, unknown, string | null, string];

const SUBSCRIPTION_PAGE_SIZE = 1000;
/** A group is never larger, so that one statement's arrays stay of a sensible size. */
const MAX_EVENTS_PER_GROUP = 5000;
/** Groups written at once (each on a connection of its own). */
const GROUPS_IN_FLIGHT = 2;
/**
 * A burst is shared between the free slots only above this many events: below it, the time to
 * prepare the events is less than a statement's own cost (about 0.3 ms here), and one group is
 * cheaper than two.
 */
const MIN_EVENTS_TO_SHARE = 32;
/** How often an append that raced with other writers (`'any'`) is tried again. */
const MAX_RACE_RETRIES = 10;

/** SQLSTATEs that mean "another writer got there first", never "the database is unwell". */
const UNIQUE_VIOLATION = '23505';
const DEADLOCK_DETECTED = '40P01';

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly schema: string;
  private readonly sql: ReturnType<typeof statements>;
  private queue: QueuedAppend[] = [];
  /** Groups being written, each with the streams it writes. */
  private readonly inFlight = new Set<{ streams: Set<string>; done: Promise<void> }>();
  private startScheduled = false;
  private closed = false;
  private readonly signal = new ChangeSignal();
  private readonly subscriptions = new Set<PagedSubscription>();
  private listener: pg.Client | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private polledHead = -1;
  private readonly pollIntervalMs: number;

  /**
   * Connects, checks the server answers, and creates or migrates the schema. Refuses an
   * unreachable server or a schema of another version with an `EventStoreUnavailableError` that
   * names the server (never the password).
   */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = checkSchemaName(options.schema ?? DEFAULT_POSTGRES_SCHEMA);
    const store = new PostgresEventStore(options, schema);
    let client: PoolClient;
    try {
      client = await store.pool.connect();
    } catch (error) {
      await store.pool.end().catch(() => undefined);
      throw new EventStoreUnavailableError(
        `PostgreSQL at ${describeServer(options.connectionString)} is unreachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    try {
      await migrate(client, schema);
      client.release();
    } catch (error) {
      client.release(true);
      await store.pool.end().catch(() => undefined);
      if (error instanceof EventStoreUnavailableError) throw error;
      throw new EventStoreUnavailableError(
        `PostgreSQL at ${describeServer(options.connectionString)}: the schema "${schema}" could not be prepared: ` +
          (error as Error).message,
        { cause: error },
      );
    }
    return store;
  }

  private constructor(
    private readonly options: PostgresEventStoreOptions,
    schema: string,
  ) {
    this.schema = schema;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: 'thidua',
      // An append is acknowledged once its commit is flushed to disk, whatever the server's default.
      options: '-c synchronous_commit=on',
    });
    // An idle connection dropped by the server (restart, failover) is removed by the pool; the
    // next query opens a new one. Without a listener the error would end the process.
    this.pool.on('error', () => undefined);
    this.sql = statements(schema);
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    let prepared: PreparedAppend;
    try {
      prepared = prepareAppend(streamId, events, expected);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...prepared, resolve, reject });
      this.scheduleStart();
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = limitOf(options.maxCount);
    const from = options.fromRevision;
    if (from !== undefined) checkNonNegativeInteger('fromRevision', from);
    const query =
      options.direction === 'backwards'
        ? this.sql.readStreamBackwards(streamId, from ?? Number.MAX_SAFE_INTEGER, limit)
        : this.sql.readStreamForwards(streamId, from ?? 0, limit);
    return (await this.query<EventRow>(query, 'read a stream')).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    checkNonNegativeInteger('after', after);
    return this.readPage(after, limitOf(options.maxCount));
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after ?? 0;
    checkNonNegativeInteger('after', after);
    this.startListening();
    const subscription = new PagedSubscription(
      {
        readPage: (from, maxCount) => this.readPageRiding(from, maxCount),
        signal: this.signal,
        onWait: () => this.startPolling(),
      },
      after,
      SUBSCRIPTION_PAGE_SIZE,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The last position a reader may read: the log below the oldest running transaction. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    const rows = await this.query<[string]>(this.sql.head(), 'read the head position');
    return rows.length === 0 ? 0 : Number(rows[0][0]);
  }

  /** Writes what is queued, ends every subscription, then closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      this.startGroups();
      await Promise.all([...this.inFlight].map((group) => group.done));
    }
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.stopPolling();
    clearTimeout(this.listenerRetry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  // ------------------------------------------------------------------------------------ writes

  /**
   * Starts groups on the next microtask, so that the appends of one burst (the writers a settled
   * group has just woken) arrive before the queue is split.
   */
  private scheduleStart(): void {
    if (this.startScheduled) return;
    this.startScheduled = true;
    queueMicrotask(() => {
      this.startScheduled = false;
      this.startGroups();
    });
  }

  /**
   * Up to GROUPS_IN_FLIGHT groups are written at once, the queue shared evenly between the free
   * slots: while one group waits for its commit, the next is planned, hashed and sent. A group
   * never holds a stream that a group in flight writes (its head is not known yet); such appends
   * wait in the queue, in order, for the next group.
   */
  private startGroups(): void {
    while (this.queue.length > 0 && this.inFlight.size < GROUPS_IN_FLIGHT) {
      const group = this.takeGroup(GROUPS_IN_FLIGHT - this.inFlight.size);
      if (group.length === 0) return;
      const entry = { streams: new Set(group.map((append) => append.streamId)), done: Promise.resolve() };
      entry.done = this.writeGroup(group)
        // writeGroup settles every append itself; this only guards against a bug leaving one waiting.
        .catch((error: unknown) => group.forEach((append) => append.reject(error)))
        .finally(() => {
          this.inFlight.delete(entry);
          // The other group's commit may have waited above this one's transaction (the readable
          // horizon): whichever ends, and however, subscribers look again.
          this.signal.notify();
          if (this.queue.length > 0) this.scheduleStart();
        });
      this.inFlight.add(entry);
    }
  }

  /**
   * The next group, in queue order: at most its share of the queued events (`MIN_EVENTS_TO_SHARE`
   * or an even split between the free slots, whichever is more), except that a stream's later
   * appends follow its first into the group (no other group could take them while this one is in
   * flight). Streams of a group in flight, and the appends after one set aside, stay queued.
   */
  private takeGroup(freeSlots: number): QueuedAppend[] {
    const busy = new Set<string>();
    for (const { streams } of this.inFlight) for (const id of streams) busy.add(id);
    const share = Math.max(MIN_EVENTS_TO_SHARE, Math.ceil(this.queuedEvents() / freeSlots));
    const group: QueuedAppend[] = [];
    const streams = new Set<string>();
    const rest: QueuedAppend[] = [];
    let events = 0;
    for (const append of this.queue) {
      const { streamId } = append;
      const size = append.events.length;
      const limit = streams.has(streamId) ? MAX_EVENTS_PER_GROUP : Math.min(MAX_EVENTS_PER_GROUP, share);
      if (busy.has(streamId) || (group.length > 0 && events + size > limit)) {
        busy.add(streamId); // later appends of this stream stay behind it
        rest.push(append);
        continue;
      }
      events += size;
      group.push(append);
      streams.add(streamId);
    }
    this.queue = rest;
    return group;
  }

  private queuedEvents(): number {
    let events = 0;
    for (const append of this.queue) events += append.events.length;
    return events;
  }

  private async writeGroup(group: QueuedAppend[]): Promise<void> {
    let planned: PlannedAppend[];
    try {
      planned = this.plan(group, await this.readHeads(group));
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    if (planned.length === 0) return;
    try {
      const first = await this.insert(planned);
      this.settle(planned, first);
    } catch (error) {
      if (!isRace(error)) {
        // No connection at all: nothing was sent, so nothing was written; otherwise the outcome is unknown.
        const failure = error instanceof EventStoreUnavailableError ? error : writeFailed(error);
        for (const { append } of planned) append.reject(failure);
        return;
      }
      // Another process wrote one of these streams since the heads were read: write each append
      // on its own, so that only the ones that conflict are refused.
      for (const { append } of planned) await this.writeAlone(append);
    }
  }

  /** Checks each append against the heads (and the group's earlier appends), and hashes it. */
  private plan(group: QueuedAppend[], heads: Map<string, StreamHead>): PlannedAppend[] {
    const planned: PlannedAppend[] = [];
    for (const append of group) {
      const head = heads.get(append.streamId);
      const actual = head ? head.revision : 'no-stream';
      if (!expectationHolds(append.expected, actual)) {
        append.reject(new WrongExpectedRevisionError(append.streamId, append.expected, actual));
        continue;
      }
      const recorded = record(append, head);
      const last = recorded[recorded.length - 1];
      heads.set(append.streamId, { revision: last.revision, hash: last.hash });
      planned.push({ append, recorded });
    }
    return planned;
  }

  /** The heads of the group's streams; a `'no-stream'` append needs none (the constraint decides). */
  private async readHeads(group: QueuedAppend[]): Promise<Map<string, StreamHead>> {
    const needed = [...new Set(group.filter((a) => a.expected !== 'no-stream').map((a) => a.streamId))];
    const heads = new Map<string, StreamHead>();
    if (needed.length === 0) return heads;
    const rows = await this.query<[string, string, string]>(this.sql.heads(needed), 'read stream heads');
    for (const [streamId, revision, hash] of rows) heads.set(streamId, { revision: Number(revision), hash });
    return heads;
  }

  /** One statement: positions, rows and the notification, committed together. Answers the first position. */
  private async insert(planned: PlannedAppend[]): Promise<number> {
    const client = await this.connection('append');
    try {
      const { rows } = await client.query<[string]>({ ...this.sql.append(planned), rowMode: 'array' });
      client.release();
      return Number(rows[0][0]);
    } catch (error) {
      // Never hand back a connection that failed mid-append (whatever it held dies with it).
      client.release(true);
      throw error;
    }
  }

  private settle(planned: PlannedAppend[], first: number): void {
    let position = first;
    for (const { append, recorded } of planned) {
      for (const event of recorded) event.position = position++;
      const last = recorded[recorded.length - 1];
      append.resolve({ revision: last.revision, position: last.position, events: recorded });
    }
    this.signal.notify();
  }

  /** One append in a statement of its own, after reading its stream's head again. */
  private async writeAlone(append: QueuedAppend): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let planned: PlannedAppend[];
      try {
        const heads = new Map<string, StreamHead>();
        const rows = await this.query<[string, string, string]>(this.sql.heads([append.streamId]), 'read a head');
        if (rows.length > 0) heads.set(append.streamId, { revision: Number(rows[0][1]), hash: rows[0][2] });
        planned = this.plan([append], heads);
        if (planned.length === 0) return; // refused by its expectation
        this.settle(planned, await this.insert(planned));
        return;
      } catch (error) {
        if (isRace(error) && attempt < MAX_RACE_RETRIES) continue;
        append.reject(error instanceof EventStoreUnavailableError ? error : writeFailed(error));
        return;
      }
    }
  }

  // ------------------------------------------------------------------------------------ reads

  private async readPage(after: number, limit: number | null): Promise<RecordedEvent[]> {
    return (await this.query<EventRow>(this.sql.readAll(after, limit), 'read the log')).map(toRecordedEvent);
  }

  /**
   * A subscription's page: it rides out an outage of the database (retrying every poll interval,
   * up to once a second) instead of ending, and reads nothing once the store is closed.
   */
  private async readPageRiding(after: number, limit: number): Promise<RecordedEvent[]> {
    for (let wait = this.pollIntervalMs; ; wait = Math.min(wait * 2, 1000)) {
      if (this.closed) return [];
      try {
        return await this.readPage(after, limit);
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError) || this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private async query<Row extends unknown[]>(query: QueryConfig, what: string): Promise<Row[]> {
    try {
      const result = await this.pool.query<Row>({ ...query, rowMode: 'array' });
      return result.rows;
    } catch (error) {
      throw couldNot(what, error);
    }
  }

  private async connection(what: string): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw couldNot(what, error);
    }
  }

  // ------------------------------------------------------------------------------------ waking subscribers

  /** One connection per process LISTENs to the schema's channel; it reconnects after a drop. */
  private startListening(): void {
    if (this.listener || this.listenerRetry || this.closed) return;
    const { connectionString } = this.options;
    const client = new pg.Client({ connectionString, application_name: 'thidua-listen' });
    this.listener = client;
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.signal.notify(); // whatever was committed meanwhile is read again
      this.listenerRetry = setTimeout(() => {
        this.listenerRetry = undefined;
        this.startListening();
      }, 1000);
      this.listenerRetry.unref();
    };
    client.on('notification', () => this.signal.notify());
    client.on('error', retry);
    client.on('end', retry);
    client
      .connect()
      .then(() => client.query(`LISTEN "${notifyChannel(this.schema)}"`))
      .then(() => this.signal.notify(), retry);
  }

  /** Polls only while a subscription waits: one cheap query per interval. */
  private startPolling(): void {
    if (this.pollTimer || this.closed) return;
    let polling = false;
    this.pollTimer = setInterval(() => {
      if (this.closed) return this.stopPolling();
      if (!this.signal.hasWaiters) return this.stopPolling();
      if (polling) return;
      polling = true;
      this.headPosition()
        .then(
          (head) => {
            if (head !== this.polledHead) {
              this.polledHead = head;
              this.signal.notify();
            }
          },
          () => undefined,
        )
        .finally(() => (polling = false));
    }, this.pollIntervalMs);
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

/** The SQL of the store, with its schema written in (hot statements are prepared by name). */
function statements(schema: string) {
  const events = `"${schema}".events`;
  const readable = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
  const named = (name: string, text: string, values: unknown[]): QueryConfig => ({
    name: `thidua_${schema}_${name}`,
    text,
    values,
  });
  const columns = `SELECT ${EVENT_COLUMNS} FROM ${events}`;
  return {
    append: (planned: PlannedAppend[]): QueryConfig =>
      named(
        'append',
        `SELECT "${schema}".append_events($1, $2, $3, string_to_array($4, chr(30)), string_to_array($5, chr(30)),
           string_to_array($6, ',', ''), string_to_array($7, ','))`,
        appendColumns(planned),
      ),
    heads: (streamIds: string[]): QueryConfig =>
      named(
        'heads',
        `SELECT s.id, h.revision, h.hash FROM unnest($1::text[]) AS s(id)
         CROSS JOIN LATERAL (
           SELECT revision, hash FROM ${events} WHERE stream_id = s.id ORDER BY revision DESC LIMIT 1
         ) AS h`,
        [streamIds],
      ),
    readStreamForwards: (streamId: string, from: number, limit: number | null): QueryConfig =>
      named('stream_fwd', `${columns} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`, [
        streamId,
        from,
        limit,
      ]),
    readStreamBackwards: (streamId: string, from: number, limit: number | null): QueryConfig =>
      named('stream_bwd', `${columns} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`, [
        streamId,
        from,
        limit,
      ]),
    readAll: (after: number, limit: number | null): QueryConfig =>
      named('all', `${columns} WHERE position > $1 AND ${readable} ORDER BY position ASC LIMIT $2`, [after, limit]),
    head: (): QueryConfig =>
      named('head', `SELECT position FROM ${events} WHERE ${readable} ORDER BY position DESC LIMIT 1`, []),
  };
}

/** Joins a group's data (and metadata) texts: chr(30) in the statement. */
const JSON_SEPARATOR = '\u001e';

/**
 * The seven columns `append_events` takes, one element per event of the group. Most of an
 * append's bytes are its data and metadata, and pg's array writer escapes every `"` of them: they
 * go instead as one text each, joined by U+001E, which canonical JSON never holds (JSON writes
 * every control character inside a string as an escape, and none can stand outside one). The
 * hashes are hex, joined by commas (an empty element is a null previous hash); the revisions are
 * an array literal of integers. Stream ids and types may hold anything: pg writes those arrays.
 */
function appendColumns(planned: PlannedAppend[]): unknown[] {
  const streamIds: string[] = [];
  const revisions: number[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const prevHashes: string[] = [];
  const hashes: string[] = [];
  for (const { append, recorded } of planned) {
    recorded.forEach((event, i) => {
      streamIds.push(event.streamId);
      revisions.push(event.revision);
      types.push(event.type);
      data.push(append.events[i].dataJson);
      metadata.push(append.events[i].metadataJson);
      prevHashes.push(event.prevHash ?? '');
      hashes.push(event.hash);
    });
  }
  return [
    streamIds,
    `{${revisions.join(',')}}`,
    types,
    data.join(JSON_SEPARATOR),
    metadata.join(JSON_SEPARATOR),
    prevHashes.join(','),
    hashes.join(','),
  ];
}

/** The append's events with their revisions and hashes, continuing the stream's chain. */
function record(append: QueuedAppend, head: StreamHead): RecordedEvent[] {
  const { streamId } = append;
  let revision = head ? head.revision : -1;
  let prevHash: string | null = head ? head.hash : null;
  return append.events.map((event) => {
    revision++;
    const { type, dataJson, metadataJson, data, metadata } = event;
    const hash = hashCanonicalEvent({ streamId, revision, type, dataJson, metadataJson, prevHash });
    const recorded: RecordedEvent = { type, data, metadata, streamId, revision, position: 0, prevHash, hash };
    prevHash = hash;
    return recorded;
  });
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    type: row[3],
    data: row[4] as RecordedEvent['data'],
    metadata: row[5] as RecordedEvent['metadata'],
    streamId: row[1],
    revision: Number(row[2]),
    position: Number(row[0]),
    prevHash: row[6],
    hash: row[7],
  };
}

function expectationHolds(expected: ExpectedRevision, actual: number | 'no-stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 'no-stream';
    case 'stream-exists':
      return actual !== 'no-stream';
    default:
      return actual === expected;
  }
}

/** `LIMIT NULL` is no limit in PostgreSQL. */
function limitOf(maxCount: number | undefined): number | null {
  if (maxCount === undefined) return null;
  checkNonNegativeInteger('maxCount', maxCount);
  return maxCount;
}

function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
  }
}

/** A conflict with another writer: the unique (stream, revision) constraint, or a deadlock between two groups. */
function isRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === UNIQUE_VIOLATION || code === DEADLOCK_DETECTED;
}

function couldNot(what: string, error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(`PostgreSQL could not ${what}: ${(error as Error).message}`, { cause: error });
}

function writeFailed(error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(
    'PostgreSQL could not confirm the append (it was not acknowledged; retry with the same command id): ' +
      (error as Error).message,
    { cause: error },
  );
}

function closedError(): EventStoreUnavailableError {
  return new EventStoreUnavailableError('The event store is closed');
}

/** `host:port/database` of a connection string, never its credentials. */
export function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return 'the configured server';
  }
}
