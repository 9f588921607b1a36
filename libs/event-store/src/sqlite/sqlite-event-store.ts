/**
 * The embedded `EventStore`: one SQLite file (better-sqlite3, WAL, synchronous=FULL).
 *
 * Group commit: `append` validates at once, then queues; all appends queued while the event loop
 * was busy are written by one transaction on the next `setImmediate`, and each promise settles
 * only after that transaction's COMMIT (and its fsync) returned. Inside the transaction every
 * append checks its own expected revision before inserting anything, so one conflict refuses only
 * that append. Several processes may open the same file: SQLite serializes their writers, and
 * subscribers notice another process's commits by polling `PRAGMA data_version`.
 */
import Database from 'better-sqlite3';
import type { Database as Connection, Statement, Transaction } from 'better-sqlite3';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedEventHeader,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { hashCanonicalEvent } from '../hash-chain.js';
import { ChangeSignal, PagedSubscription } from '../paged-subscription.js';
import { prepareAppend, type PreparedAppend } from '../prepare-append.js';
import { EVENT_COLUMNS, EVENT_HEADER_COLUMNS, EVENTS_TABLE_DDL, configureConnection } from './sqlite-schema.js';

export interface SqliteEventStoreOptions {
  /** Path of the database file; created with its directory's permissions if missing. */
  path: string;
  /** How often an idle subscription looks for commits made by other processes (default 25 ms). */
  pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}

interface QueuedAppend extends PreparedAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** A row read with `.raw()`: the columns of EVENT_COLUMNS, in order. */
type EventRow = [number, string, number, string, string, string, string | null, string];
/** A row of `readAllHeaders`: EVENT_HEADER_COLUMNS, in order. */
type HeaderRow = [number, string, number, string];

const SUBSCRIPTION_PAGE_SIZE = 1000;

export class SqliteEventStore implements EventStore {
  private readonly db: Connection;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly writeTransaction: Transaction<(batch: QueuedAppend[]) => Outcome[]>;
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly signal = new ChangeSignal();
  private readonly subscriptions = new Set<PagedSubscription>();
  private pollTimer: NodeJS.Timeout | undefined;
  private dataVersion = 0;
  private readonly pollIntervalMs: number;

  /** Opens (and creates if needed) the store's file. Synchronous: better-sqlite3 is. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  private constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    configureConnection(this.db);
    if (options.busyTimeoutMs !== undefined)
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    this.db.exec(EVENTS_TABLE_DDL);
    this.statements = prepareStatements(this.db);
    // better-sqlite3 wraps the function in BEGIN IMMEDIATE / COMMIT and rolls back if it throws.
    this.writeTransaction = this.db.transaction((batch: QueuedAppend[]) =>
      batch.map((append) => this.writeOne(append)),
    );
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.dataVersion = this.readDataVersion();
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(unavailable());
    let prepared: PreparedAppend;
    try {
      prepared = prepareAppend(streamId, events, expected);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...prepared, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = limitOf(options.maxCount);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    if (from !== undefined) checkNonNegativeInteger('fromRevision', from);
    const rows = backwards
      ? (this.statements.readStreamBackwards.all(streamId, from ?? Number.MAX_SAFE_INTEGER, limit) as EventRow[])
      : (this.statements.readStreamForwards.all(streamId, from ?? 0, limit) as EventRow[]);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    checkNonNegativeInteger('after', after);
    return this.readPage(after, limitOf(options.maxCount));
  }

  /** The same page as `readAll`, as headers: the content is neither read nor parsed. */
  async readAllHeaders(options: ReadAllOptions = {}): Promise<RecordedEventHeader[]> {
    this.assertOpen();
    const after = options.after ?? 0;
    checkNonNegativeInteger('after', after);
    const rows = this.statements.readAllHeaders.all(after, limitOf(options.maxCount)) as HeaderRow[];
    return rows.map(toHeader);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after ?? 0;
    checkNonNegativeInteger('after', after);
    const subscription = new PagedSubscription(
      {
        readPage: async (from, maxCount) => (this.closed ? [] : this.readPage(from, maxCount)),
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

  async headPosition(): Promise<number> {
    this.assertOpen();
    return (this.statements.head.get() as number | null) ?? 0;
  }

  /** Commits what is queued, ends every subscription, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.stopPolling();
    this.db.close();
  }

  private readPage(after: number, limit: number): RecordedEvent[] {
    return (this.statements.readAll.all(after, limit) as EventRow[]).map(toRecordedEvent);
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.writeBatch(batch);
    } catch (error) {
      // The whole transaction rolled back. A constraint can only be one append's fault: write each
      // in a transaction of its own so that every other gets its own verdict. Anything else (disk
      // full, I/O error, the lock held by another process past busy_timeout) concerns them all.
      outcomes = isConstraintError(error)
        ? batch.map((append) => {
            try {
              return this.writeBatch([append])[0];
            } catch (alone) {
              return { ok: false, error: writeFailed(alone) };
            }
          })
        : batch.map(() => ({ ok: false, error: writeFailed(error) }));
    }
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.signal.notify();
  }

  /** One IMMEDIATE transaction for the whole batch; returns after COMMIT (fsync included). */
  private writeBatch(batch: QueuedAppend[]): Outcome[] {
    return this.writeTransaction.immediate(batch);
  }

  private writeOne(append: QueuedAppend): Outcome {
    const { streamId, expected, events } = append;
    const head = this.statements.streamHead.get(streamId) as [number, string] | undefined;
    const actual = head ? head[0] : 'no-stream';
    if (!expectationHolds(expected, actual)) {
      return { ok: false, error: new WrongExpectedRevisionError(streamId, expected, actual) };
    }
    let revision = head ? head[0] : -1;
    let prevHash: string | null = head ? head[1] : null;
    let position = 0;
    const recorded: RecordedEvent[] = [];
    for (const event of events) {
      revision++;
      const hash = hashCanonicalEvent({
        streamId,
        revision,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
        prevHash,
      });
      position = Number(
        this.statements.insert.run(streamId, revision, event.type, event.dataJson, event.metadataJson, prevHash, hash)
          .lastInsertRowid,
      );
      recorded.push({
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        streamId,
        revision,
        position,
        prevHash,
        hash,
      });
      prevHash = hash;
    }
    return { ok: true, result: { revision, position, events: recorded } };
  }

  /** Polls only while a subscription is waiting: one cheap PRAGMA per interval. */
  private startPolling(): void {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => {
      if (this.closed) return this.stopPolling();
      const version = this.readDataVersion();
      if (version !== this.dataVersion) {
        this.dataVersion = version;
        this.signal.notify();
      }
      if (!this.signal.hasWaiters) this.stopPolling();
    }, this.pollIntervalMs);
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** Changes when another connection (another process) commits to the file. */
  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable();
  }
}

function prepareStatements(db: Connection) {
  const select = (sql: string): Statement => db.prepare(sql).raw();
  return {
    insert: db.prepare(
      'INSERT INTO events (stream_id, revision, type, data, metadata, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    streamHead: select('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
    readStreamForwards: select(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    ),
    readStreamBackwards: select(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    readAll: select(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`),
    readAllHeaders: select(
      `SELECT ${EVENT_HEADER_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    ),
    head: db.prepare('SELECT max(position) FROM events').pluck(),
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    type: row[3],
    data: JSON.parse(row[4]),
    metadata: JSON.parse(row[5]),
    streamId: row[1],
    revision: row[2],
    position: row[0],
    prevHash: row[6],
    hash: row[7],
  };
}

function toHeader(row: HeaderRow): RecordedEventHeader {
  return { streamId: row[1], revision: row[2], position: row[0], hash: row[3] };
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

/** SQLite reads a negative LIMIT as "no limit". */
function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  checkNonNegativeInteger('maxCount', maxCount);
  return maxCount;
}

function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
}

function isConstraintError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT');
}

/** The driver's error, as the port's: the caller may retry later, nothing was written. */
function writeFailed(error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(`The event store could not commit: ${(error as Error).message}`, {
    cause: error,
  });
}

function unavailable(): EventStoreUnavailableError {
  return new EventStoreUnavailableError('The event store is closed');
}
