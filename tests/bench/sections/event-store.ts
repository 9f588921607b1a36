/**
 * The event store against the machine's ceilings and against a peer, in one run.
 *
 * Ceilings (raw better-sqlite3 on the store's own table, pragmas and rows):
 *   - inserts in transactions of 100 rows under synchronous=FULL;
 *   - one SELECT of every row plus JSON.parse of its data and metadata.
 * The store: durable single-event appends from 1 writer and from 64 concurrent writers (each awaits
 * its own append), and readAll of 200,000 events.
 * The peer: `@event-driven-io/emmett-sqlite` 0.38.5 (node-sqlite3, WAL, SQLite's default
 * synchronous=FULL), the same workloads through its public API. It is installed apart, in
 * bench/node_modules, by `npm run bench`; without it the peer rows are left out.
 *
 * Every measured append creates its stream ('no-stream'): emmett-sqlite 0.38.5 appends to an
 * existing stream with `UPDATE ... RETURNING` through node-sqlite3's `get`, which leaves the
 * statement open, and its COMMIT then fails now and then with "SQL statements in progress". New
 * streams take its INSERT path, which works; both stores get that same workload.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { canonicalJson, hashEvent, type NewEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { EVENT_COLUMNS, EVENTS_TABLE_DDL, configureConnection } from '#event-store/sqlite';
import type { BenchRow, BenchSection, SectionResult } from '../section.js';

const WRITERS = 64;
const PER_WRITER = Math.ceil(Number(process.env.BENCH_ES_CONCURRENT_APPENDS ?? 25_600) / WRITERS);
const ROUNDS = Number(process.env.BENCH_ES_ROUNDS ?? 3);
const SINGLE_WRITER_MS = Number(process.env.BENCH_ES_SINGLE_WRITER_MS ?? 2_000);
const READ_EVENTS = Number(process.env.BENCH_ES_READ_EVENTS ?? 200_000);
const PEER_CONCURRENT_APPENDS = Number(process.env.BENCH_ES_PEER_CONCURRENT_APPENDS ?? 1_280);

/** An event shaped like the project's: an envelope's metadata and a modest payload. */
function benchEvent(i: number): NewEvent {
  return {
    type: 'SelfAssessmentSubmitted',
    data: {
      cycleId: 'an-giang-2020-cluster-2',
      unitId: `unit-${i % 500}`,
      version: i,
      scores: { c1: 18, c2: 9.5, c3: 20, c4: 14 },
      note: 'Đơn vị tự chấm điểm theo tiêu chí thi đua',
    },
    metadata: {
      eventId: randomUUID(),
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { userId: `user-${i % 500}`, role: 'unit', unitId: `unit-${i % 500}` },
      occurredAt: '2020-06-30T09:15:00.000Z',
      schemaVersion: 1,
    },
  };
}

function perSecond(count: number, startedAt: bigint): number {
  return count / (Number(process.hrtime.bigint() - startedAt) / 1e9);
}

function openRaw(path: string): Database.Database {
  const db = new Database(path);
  configureConnection(db);
  db.exec(EVENTS_TABLE_DDL);
  return db;
}

/**
 * The rows of the 64-writer workload: writer w's i-th append creates stream `writer-w-i`. The
 * ceiling inserts these very rows, in the order a group commit meets them (one per writer in turn),
 * because where the keys land in the (stream_id, revision) index decides how many pages a commit
 * writes.
 */
function concurrentWorkload(): { streamId: string; event: NewEvent }[][] {
  return Array.from({ length: WRITERS }, (_, w) =>
    Array.from({ length: PER_WRITER }, (__, i) => ({
      streamId: `writer-${w}-${i}`,
      event: benchEvent(w * PER_WRITER + i),
    })),
  );
}

/** Raw inserts of the workload's rows (hash and canonical JSON computed beforehand), 100 per commit. */
function ceilingInsert(path: string): number {
  const workload = concurrentWorkload();
  const rows = Array.from({ length: PER_WRITER * WRITERS }, (_, k) => {
    const { streamId, event } = workload[k % WRITERS][Math.floor(k / WRITERS)];
    const fields = {
      streamId,
      revision: 0,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      prevHash: null,
    };
    return [
      streamId,
      0,
      event.type,
      canonicalJson(event.data),
      canonicalJson(event.metadata),
      null,
      hashEvent(fields),
    ] as const;
  });
  const db = openRaw(path);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, type, data, metadata, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const batch = db.transaction((slice: (typeof rows)[number][]) => {
    for (const row of slice) insert.run(...row);
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += 100) batch.immediate(rows.slice(i, i + 100));
  const rate = perSecond(rows.length, started);
  db.close();
  return rate;
}

/** Raw read of every row of a store's file plus JSON.parse of data and metadata. */
function ceilingRead(path: string): { rate: number; count: number } {
  const db = openRaw(path);
  const select = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).raw();
  const started = process.hrtime.bigint();
  const rows = select.all() as unknown[][];
  let parsed = 0;
  for (const row of rows) {
    JSON.parse(row[4] as string);
    JSON.parse(row[5] as string);
    parsed++;
  }
  const rate = perSecond(parsed, started);
  db.close();
  return { rate, count: parsed };
}

async function storeSingleWriter(path: string): Promise<number> {
  const store = SqliteEventStore.open({ path });
  const deadline = process.hrtime.bigint() + BigInt(SINGLE_WRITER_MS) * 1_000_000n;
  const started = process.hrtime.bigint();
  let count = 0;
  while (process.hrtime.bigint() < deadline) {
    await store.append(`single-${count}`, [benchEvent(count)], 'no-stream');
    count++;
  }
  const rate = perSecond(count, started);
  await store.close();
  return rate;
}

async function storeConcurrentWriters(path: string): Promise<number> {
  const workload = concurrentWorkload(); // built beforehand, as the ceiling's rows are
  const store = SqliteEventStore.open({ path });
  const started = process.hrtime.bigint();
  await Promise.all(
    workload.map(async (appends) => {
      for (const { streamId, event } of appends) await store.append(streamId, [event], 'no-stream');
    }),
  );
  const rate = perSecond(PER_WRITER * WRITERS, started);
  await store.close();
  return rate;
}

/** A store file holding exactly `total` events, written 100 per append, 64 appends in flight. */
async function seeded(path: string, total: number): Promise<void> {
  const store = SqliteEventStore.open({ path });
  const appends = Math.ceil(total / 100);
  for (let i = 0; i < appends; i += 64) {
    await Promise.all(
      Array.from({ length: Math.min(64, appends - i) }, (_, j) =>
        store.append(
          `seed-${i + j}`,
          Array.from({ length: 100 }, (__, k) => benchEvent(k)),
          'no-stream',
        ),
      ),
    );
  }
  await store.close();
}

async function storeReadAll(path: string): Promise<{ rate: number; count: number }> {
  const store = SqliteEventStore.open({ path });
  const started = process.hrtime.bigint();
  const events = await store.readAll();
  const rate = perSecond(events.length, started);
  await store.close();
  return { rate, count: events.length };
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** The slice of emmett-sqlite's API this section uses. */
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(
      stream: string,
      events: { type: string; data: unknown; metadata?: unknown }[],
      options?: { expectedStreamVersion?: bigint | 'STREAM_DOES_NOT_EXIST' },
    ): Promise<{ nextExpectedStreamVersion: bigint }>;
  };
  sqliteConnection(options: { fileName: string }): { close(): void };
  readMessagesBatch(
    connection: unknown,
    options: { after: bigint; batchSize: number },
  ): Promise<{ messages: unknown[] }>;
}

function loadPeer(): EmmettSqlite | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'bench', 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  const require = createRequire(join(dir, 'bench', 'package.json'));
  try {
    return require('@event-driven-io/emmett-sqlite') as EmmettSqlite;
  } catch {
    return undefined;
  }
}

function peerEvent(i: number): { type: string; data: unknown; metadata: unknown } {
  const { type, data, metadata } = benchEvent(i);
  return { type, data, metadata };
}

async function peerSingleWriter(peer: EmmettSqlite, fileName: string): Promise<number> {
  const store = peer.getSQLiteEventStore({ fileName });
  await peerAppend(() => store.appendToStream('warmup', [peerEvent(0)]));
  const deadline = process.hrtime.bigint() + BigInt(SINGLE_WRITER_MS) * 1_000_000n;
  const started = process.hrtime.bigint();
  let count = 0;
  while (process.hrtime.bigint() < deadline) {
    await peerAppend(() =>
      store.appendToStream(`single-${count}`, [peerEvent(count)], { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' }),
    );
    count++;
  }
  return perSecond(count, started);
}

/**
 * emmett-sqlite's store opens and closes its connection around each call, so concurrent calls on
 * one store close each other's connection (SQLITE_MISUSE), and stores of their own fail with
 * SQLITE_BUSY (node-sqlite3 sets no busy timeout). The way to use it from 64 concurrent writers is
 * to let them take turns: this lock does that, and is all the peer gets beyond its own API.
 */
let peerRetries = 0;

/**
 * emmett-sqlite 0.38.5 reads `INSERT/UPDATE ... RETURNING` through node-sqlite3's `get`, whose
 * statement is finalized asynchronously; now and then COMMIT runs first and fails with "SQL
 * statements in progress", and the append is rolled back. Retrying it is safe and is what a user of
 * the peer would have to do; the retries are counted in the figures.
 */
async function peerAppend<R>(append: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await append();
    } catch (err) {
      if (attempt >= 10 || !/statements in progress/.test(String((err as Error).message))) throw err;
      peerRetries++;
    }
  }
}

function serialized<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (...args: A) => {
    const run = tail.then(() => fn(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

async function peerConcurrentWriters(peer: EmmettSqlite, fileName: string): Promise<number> {
  const store = peer.getSQLiteEventStore({ fileName });
  const append = serialized(peerAppend);
  const perWriter = Math.ceil(PEER_CONCURRENT_APPENDS / WRITERS);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        await append(() =>
          store.appendToStream(`writer-${w}-${i}`, [peerEvent(i)], { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' }),
        );
      }
    }),
  );
  return perSecond(perWriter * WRITERS, started);
}

async function peerReadAll(
  peer: EmmettSqlite,
  fileName: string,
  total: number,
): Promise<{ rate: number; count: number }> {
  const store = peer.getSQLiteEventStore({ fileName });
  for (let i = 0; i < total / 1000; i++) {
    await peerAppend(() =>
      store.appendToStream(
        `seed-${i}`,
        Array.from({ length: 1000 }, (_, k) => peerEvent(k)),
      ),
    );
  }
  const connection = peer.sqliteConnection({ fileName });
  const started = process.hrtime.bigint();
  const { messages } = await peer.readMessagesBatch(connection, { after: 0n, batchSize: total });
  const rate = perSecond(messages.length, started);
  connection.close();
  return { rate, count: messages.length };
}

const section: BenchSection = {
  order: 10,
  title: 'Event store: SQLite adapter vs raw SQLite ceilings vs emmett-sqlite',
  async run(): Promise<SectionResult> {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-es-'));
    const rows: BenchRow[] = [];
    const figures: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    const targets: NonNullable<SectionResult['targets']> = [];
    try {
      // The machine is shared: each store measure alternates with its ceiling, ROUNDS times, and
      // the best of each is kept, so that a burst of someone else's load skews neither side alone.
      let insertCeiling = 0;
      let concurrent = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const [ceilingPath, storePath] = [join(dir, `ceiling-${round}.sqlite`), join(dir, `store-${round}.sqlite`)];
        insertCeiling = Math.max(insertCeiling, ceilingInsert(ceilingPath));
        concurrent = Math.max(concurrent, await storeConcurrentWriters(storePath));
        removeDatabase(ceilingPath);
        removeDatabase(storePath);
      }
      const single = await storeSingleWriter(join(dir, 'single.sqlite'));

      const readPath = join(dir, 'read.sqlite');
      await seeded(readPath, READ_EVENTS);
      let readCeiling = { rate: 0, count: 0 };
      let readAll = { rate: 0, count: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const raw = ceilingRead(readPath);
        if (raw.rate > readCeiling.rate) readCeiling = raw;
        const viaStore = await storeReadAll(readPath);
        if (viaStore.rate > readAll.rate) readAll = viaStore;
      }
      rows.push(
        {
          name: `ceiling: raw inserts, 100 per durable commit (best of ${ROUNDS})`,
          value: insertCeiling,
          unit: 'events/s',
        },
        {
          name: `store: durable appends, ${WRITERS} concurrent writers (best of ${ROUNDS})`,
          value: concurrent,
          unit: 'appends/s',
        },
        { name: 'store: durable appends, 1 writer', value: single, unit: 'appends/s' },
        {
          name: `ceiling: raw read + JSON.parse of ${readCeiling.count} rows (best of ${ROUNDS})`,
          value: readCeiling.rate,
          unit: 'events/s',
        },
        {
          name: `store: readAll of ${readAll.count} events (best of ${ROUNDS})`,
          value: readAll.rate,
          unit: 'events/s',
        },
      );

      Object.assign(figures, {
        storeAppendsPerSecond1Writer: single,
        storeAppendsPerSecond64Writers: concurrent,
        storeReadAllEventsPerSecond: readAll.rate,
        ceilingBatchedInsertsPerSecond: insertCeiling,
        ceilingReadEventsPerSecond: readCeiling.rate,
      });
      ratios.appendConcurrentVsCeiling = concurrent / insertCeiling;
      ratios.readAllVsCeiling = readAll.rate / readCeiling.rate;
      targets.push(
        {
          name: '64 writers >= 0.5 of the batched-insert ceiling',
          met: ratios.appendConcurrentVsCeiling >= 0.5,
          detail: `${ratios.appendConcurrentVsCeiling.toFixed(3)} (${concurrent.toFixed(0)} vs ${insertCeiling.toFixed(0)} events/s)`,
        },
        {
          name: 'readAll >= 0.6 of the raw read ceiling',
          met: ratios.readAllVsCeiling >= 0.6,
          detail: `${ratios.readAllVsCeiling.toFixed(3)} (${readAll.rate.toFixed(0)} vs ${readCeiling.rate.toFixed(0)} events/s)`,
        },
      );

      const peer = loadPeer();
      if (!peer) {
        targets.push({
          name: 'faster than emmett-sqlite',
          met: false,
          detail: 'peer not installed: run `npm run bench` (installs bench/node_modules)',
        });
        return { rows, figures, ratios, targets };
      }
      // The peer console.logs every failed transaction (see peerAppend): keep the table readable.
      const log = console.log;
      console.log = () => {};
      let peerSingle: number, peerConcurrent: number, peerRead: { rate: number; count: number };
      try {
        peerSingle = await peerSingleWriter(peer, join(dir, 'peer-single.sqlite'));
        peerConcurrent = await peerConcurrentWriters(peer, join(dir, 'peer-concurrent.sqlite'));
        peerRead = await peerReadAll(peer, join(dir, 'peer-read.sqlite'), READ_EVENTS);
      } finally {
        console.log = log;
      }
      rows.push({ name: 'emmett-sqlite: durable appends, 1 writer', value: peerSingle, unit: 'appends/s' });
      rows.push({
        name: `emmett-sqlite: durable appends, ${WRITERS} concurrent writers`,
        value: peerConcurrent,
        unit: 'appends/s',
      });
      rows.push({ name: `emmett-sqlite: read of ${peerRead.count} events`, value: peerRead.rate, unit: 'events/s' });

      Object.assign(figures, {
        peerAppendsPerSecond1Writer: peerSingle,
        peerAppendsPerSecond64Writers: peerConcurrent,
        peerReadEventsPerSecond: peerRead.rate,
        peerAppendRetries: peerRetries,
      });
      ratios.appendVsPeer = concurrent / peerConcurrent;
      ratios.appendSingleVsPeer = single / peerSingle;
      ratios.readAllVsPeer = readAll.rate / peerRead.rate;
      targets.push(
        {
          name: 'appends (64 writers) faster than emmett-sqlite',
          met: ratios.appendVsPeer > 1,
          detail: `${ratios.appendVsPeer.toFixed(2)}x`,
        },
        {
          name: 'readAll faster than emmett-sqlite',
          met: ratios.readAllVsPeer > 1,
          detail: `${ratios.readAllVsPeer.toFixed(2)}x`,
        },
      );
      return { rows, figures, ratios, targets };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
