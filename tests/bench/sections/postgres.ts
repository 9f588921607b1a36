/**
 * The PostgreSQL event store against ceilings and a peer measured in the same run, on one
 * database of its own (created on the server at BENCH_DATABASE_URL, default the machine's, and
 * dropped afterwards).
 *
 * Ceilings (raw node-postgres on the store's own table, with the same rows, durable commits):
 *   - INSERTs of 100 rows per statement (autocommit: one durable commit each);
 *   - one SELECT of every row, data and metadata parsed (node-postgres parses `json` columns).
 * The store: durable single-event appends from 1 writer and from 64 concurrent writers (each awaits
 * its own append), and readAll of 200,000 events.
 * The peer: `@event-driven-io/emmett-postgresql` 0.42.0, the same workloads through its public API
 * (`appendToStream`, and `readMessagesBatch` for the log). It is installed apart, in
 * bench/postgres/node_modules, by `npm run bench`; without it the peer rows are left out.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { canonicalJson, hashEvent, type NewEvent } from '#event-store';
import { EVENT_COLUMNS, PostgresEventStore } from '#event-store/postgres';
import type { BenchRow, BenchSection, SectionResult } from '../section.js';

const WRITERS = 64;
const PER_WRITER = Math.ceil(Number(process.env.BENCH_PG_CONCURRENT_APPENDS ?? 12_800) / WRITERS);
const ROUNDS = Number(process.env.BENCH_PG_ROUNDS ?? 3);
const SINGLE_WRITER_MS = Number(process.env.BENCH_PG_SINGLE_WRITER_MS ?? 2_000);
const READ_EVENTS = Number(process.env.BENCH_PG_READ_EVENTS ?? 200_000);
const PEER_CONCURRENT_APPENDS = Number(process.env.BENCH_PG_PEER_CONCURRENT_APPENDS ?? 6_400);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An event shaped like the project's, as in the SQLite section. */
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

/** Writer w's i-th append creates stream `writer-w-i`; the ceiling inserts these rows in group-commit order. */
function concurrentWorkload(): { streamId: string; event: NewEvent }[][] {
  return Array.from({ length: WRITERS }, (_, w) =>
    Array.from({ length: PER_WRITER }, (__, i) => ({
      streamId: `writer-${w}-${i}`,
      event: benchEvent(w * PER_WRITER + i),
    })),
  );
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=on' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A schema made by the store itself (same table, sequence and function), then left to the caller. */
async function freshSchema(url: string): Promise<string> {
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await (await PostgresEventStore.connect({ connectionString: url, schema, poolSize: 2 })).close();
  return schema;
}

/** Raw INSERTs of the 64-writer workload's rows (hash and canonical JSON computed beforehand), 100 per statement. */
async function ceilingInsert(url: string): Promise<number> {
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
  const schema = await freshSchema(url);
  return withClient(url, async (client) => {
    const text = `INSERT INTO "${schema}".events (position, transaction_id, stream_id, revision, type, data, metadata, prev_hash, hash)
      SELECT nextval('"${schema}".events_position_seq'), pg_current_xact_id(), e.s, e.r, e.t, e.d::json, e.m::json, e.p, e.h
      FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS e(s, r, t, d, m, p, h)`;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += 100) {
      const slice = rows.slice(i, i + 100);
      await client.query({
        name: 'ceiling',
        text,
        values: [0, 1, 2, 3, 4, 5, 6].map((c) => slice.map((row) => row[c])),
      });
    }
    const rate = perSecond(rows.length, started);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    return rate;
  });
}

/** Raw read of every row of a schema, data and metadata parsed. */
async function ceilingRead(url: string, schema: string): Promise<{ rate: number; count: number }> {
  return withClient(url, async (client) => {
    const started = process.hrtime.bigint();
    const { rows } = await client.query({
      text: `SELECT ${EVENT_COLUMNS} FROM "${schema}".events ORDER BY position`,
      rowMode: 'array',
    });
    return { rate: perSecond(rows.length, started), count: rows.length };
  });
}

async function storeSingleWriter(url: string): Promise<number> {
  const schema = await freshSchema(url);
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  const deadline = process.hrtime.bigint() + BigInt(SINGLE_WRITER_MS) * 1_000_000n;
  const started = process.hrtime.bigint();
  let count = 0;
  while (process.hrtime.bigint() < deadline) {
    await store.append(`single-${count}`, [benchEvent(count)], 'no-stream');
    count++;
  }
  const rate = perSecond(count, started);
  await store.close();
  await withClient(url, (client) => client.query(`DROP SCHEMA "${schema}" CASCADE`));
  return rate;
}

async function storeConcurrentWriters(url: string): Promise<number> {
  const workload = concurrentWorkload();
  const schema = await freshSchema(url);
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  const started = process.hrtime.bigint();
  await Promise.all(
    workload.map(async (appends) => {
      for (const { streamId, event } of appends) await store.append(streamId, [event], 'no-stream');
    }),
  );
  const rate = perSecond(PER_WRITER * WRITERS, started);
  await store.close();
  await withClient(url, (client) => client.query(`DROP SCHEMA "${schema}" CASCADE`));
  return rate;
}

/** A schema holding exactly `total` events, written 100 per append, 64 appends in flight. */
async function seeded(url: string, total: number): Promise<string> {
  const schema = await freshSchema(url);
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
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
  return schema;
}

async function storeReadAll(url: string, schema: string): Promise<{ rate: number; count: number }> {
  const store = await PostgresEventStore.connect({ connectionString: url, schema });
  const started = process.hrtime.bigint();
  const events = await store.readAll();
  const rate = perSecond(events.length, started);
  await store.close();
  return { rate, count: events.length };
}

// ------------------------------------------------------------------------------------ the peer

/** The slice of emmett-postgresql's API this section uses. */
interface EmmettPostgres {
  getPostgreSQLEventStore(connectionString: string): {
    appendToStream(
      stream: string,
      events: { type: string; data: unknown; metadata?: unknown }[],
      options?: { expectedStreamVersion?: unknown },
    ): Promise<unknown>;
    schema: { migrate(): Promise<unknown> };
    close(): Promise<void>;
  };
  readMessagesBatch(execute: unknown, options: { after: bigint; batchSize: number }): Promise<{ messages: unknown[] }>;
}
interface Peer {
  emmett: EmmettPostgres;
  noStream: unknown;
  dumbo(options: { connectionString: string }): { execute: unknown; close(): Promise<void> };
}

function loadPeer(): Peer | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'bench', 'postgres', 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  const require = createRequire(join(dir, 'bench', 'postgres', 'package.json'));
  try {
    const emmett = require('@event-driven-io/emmett-postgresql') as EmmettPostgres;
    const { STREAM_DOES_NOT_EXIST } = require('@event-driven-io/emmett') as { STREAM_DOES_NOT_EXIST: unknown };
    const requireFromPeer = createRequire(require.resolve('@event-driven-io/emmett-postgresql'));
    const { dumbo } = requireFromPeer('@event-driven-io/dumbo') as Pick<Peer, 'dumbo'>;
    return { emmett, noStream: STREAM_DOES_NOT_EXIST, dumbo };
  } catch {
    return undefined;
  }
}

function peerEvent(i: number): { type: string; data: unknown; metadata: unknown } {
  const { type, data, metadata } = benchEvent(i);
  return { type, data, metadata };
}

/** A database of its own for each peer measure: emmett keeps its tables in `public`. */
async function withDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `thidua_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

/**
 * Drops a bench database once nothing uses it. emmett-postgresql can leave an idle pool behind
 * after `close()`; `WITH (FORCE)` would kill its connection, and that pool, which has no error
 * listener, would end the process. Its idle connections close by themselves (pg-pool's idle
 * timeout), so the drop waits for them, and forces only past half a minute.
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const OBJECT_IN_USE = '55006';
  const giveUpAt = Date.now() + 30_000;
  await withClient(serverUrl, async (client) => {
    for (;;) {
      try {
        await client.query(`DROP DATABASE ${name}${Date.now() > giveUpAt ? ' WITH (FORCE)' : ''}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  });
}

async function peerSingleWriter(peer: Peer, url: string): Promise<number> {
  const store = peer.emmett.getPostgreSQLEventStore(url);
  await store.schema.migrate();
  await store.appendToStream('warmup', [peerEvent(0)]);
  const deadline = process.hrtime.bigint() + BigInt(SINGLE_WRITER_MS) * 1_000_000n;
  const started = process.hrtime.bigint();
  let count = 0;
  while (process.hrtime.bigint() < deadline) {
    await store.appendToStream(`single-${count}`, [peerEvent(count)], { expectedStreamVersion: peer.noStream });
    count++;
  }
  const rate = perSecond(count, started);
  await store.close();
  return rate;
}

async function peerConcurrentWriters(peer: Peer, url: string): Promise<number> {
  const store = peer.emmett.getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const perWriter = Math.ceil(PEER_CONCURRENT_APPENDS / WRITERS);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        await store.appendToStream(`writer-${w}-${i}`, [peerEvent(i)], { expectedStreamVersion: peer.noStream });
      }
    }),
  );
  const rate = perSecond(perWriter * WRITERS, started);
  await store.close();
  return rate;
}

async function peerReadAll(peer: Peer, url: string, total: number): Promise<{ rate: number; count: number }> {
  const store = peer.emmett.getPostgreSQLEventStore(url);
  await store.schema.migrate();
  for (let i = 0; i < total / 1000; i++) {
    await store.appendToStream(
      `seed-${i}`,
      Array.from({ length: 1000 }, (_, k) => peerEvent(k)),
    );
  }
  await store.close();
  const pool = peer.dumbo({ connectionString: url });
  try {
    const started = process.hrtime.bigint();
    const { messages } = await peer.emmett.readMessagesBatch(pool.execute, { after: 0n, batchSize: total });
    return { rate: perSecond(messages.length, started), count: messages.length };
  } finally {
    await pool.close();
  }
}

const section: BenchSection = {
  order: 11,
  title: 'Event store: PostgreSQL adapter vs raw node-postgres ceilings vs emmett-postgresql',
  async run(): Promise<SectionResult> {
    return withDatabase(SERVER_URL, async (url) => {
      const rows: BenchRow[] = [];
      const figures: Record<string, number> = {};
      const ratios: Record<string, number> = {};
      const targets: NonNullable<SectionResult['targets']> = [];

      // The machine is shared: each store measure alternates with its ceiling, ROUNDS times, and
      // the best of each is kept.
      let insertCeiling = 0;
      let concurrent = 0;
      for (let round = 0; round < ROUNDS; round++) {
        insertCeiling = Math.max(insertCeiling, await ceilingInsert(url));
        concurrent = Math.max(concurrent, await storeConcurrentWriters(url));
      }
      const single = await storeSingleWriter(url);

      const readSchema = await seeded(url, READ_EVENTS);
      let readCeiling = { rate: 0, count: 0 };
      let readAll = { rate: 0, count: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const raw = await ceilingRead(url, readSchema);
        if (raw.rate > readCeiling.rate) readCeiling = raw;
        const viaStore = await storeReadAll(url, readSchema);
        if (viaStore.rate > readAll.rate) readAll = viaStore;
      }
      await withClient(url, (client) => client.query(`DROP SCHEMA "${readSchema}" CASCADE`));

      rows.push(
        {
          name: `ceiling: raw INSERTs, 100 rows per durable statement (best of ${ROUNDS})`,
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
          name: `ceiling: raw SELECT + JSON parse of ${readCeiling.count} rows (best of ${ROUNDS})`,
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
        pgStoreAppendsPerSecond1Writer: single,
        pgStoreAppendsPerSecond64Writers: concurrent,
        pgStoreReadAllEventsPerSecond: readAll.rate,
        pgCeilingBatchedInsertsPerSecond: insertCeiling,
        pgCeilingReadEventsPerSecond: readCeiling.rate,
      });
      ratios.pgAppendConcurrentVsCeiling = concurrent / insertCeiling;
      ratios.pgReadAllVsCeiling = readAll.rate / readCeiling.rate;
      targets.push({
        name: 'PostgreSQL: 64 writers >= 0.5 of the batched-insert ceiling',
        met: ratios.pgAppendConcurrentVsCeiling >= 0.5,
        detail: `${ratios.pgAppendConcurrentVsCeiling.toFixed(3)} (${concurrent.toFixed(0)} vs ${insertCeiling.toFixed(0)} events/s)`,
      });

      const peer = loadPeer();
      if (!peer) {
        targets.push({
          name: 'PostgreSQL: faster than emmett-postgresql',
          met: false,
          detail: 'peer not installed: run `npm run bench` (installs bench/postgres/node_modules)',
        });
        return { rows, figures, ratios, targets };
      }
      const peerSingle = await withDatabase(SERVER_URL, (peerUrl) => peerSingleWriter(peer, peerUrl));
      const peerConcurrent = await withDatabase(SERVER_URL, (peerUrl) => peerConcurrentWriters(peer, peerUrl));
      const peerRead = await withDatabase(SERVER_URL, (peerUrl) => peerReadAll(peer, peerUrl, READ_EVENTS));
      rows.push(
        { name: 'emmett-postgresql: durable appends, 1 writer', value: peerSingle, unit: 'appends/s' },
        {
          name: `emmett-postgresql: durable appends, ${WRITERS} concurrent writers`,
          value: peerConcurrent,
          unit: 'appends/s',
        },
        { name: `emmett-postgresql: read of ${peerRead.count} events`, value: peerRead.rate, unit: 'events/s' },
      );
      Object.assign(figures, {
        pgPeerAppendsPerSecond1Writer: peerSingle,
        pgPeerAppendsPerSecond64Writers: peerConcurrent,
        pgPeerReadEventsPerSecond: peerRead.rate,
      });
      ratios.pgAppendVsPeer = concurrent / peerConcurrent;
      ratios.pgAppendSingleVsPeer = single / peerSingle;
      ratios.pgReadAllVsPeer = readAll.rate / peerRead.rate;
      targets.push(
        {
          name: 'PostgreSQL: appends (64 writers) faster than emmett-postgresql',
          met: ratios.pgAppendVsPeer > 1,
          detail: `${ratios.pgAppendVsPeer.toFixed(2)}x`,
        },
        {
          name: 'PostgreSQL: readAll faster than emmett-postgresql',
          met: ratios.pgReadAllVsPeer > 1,
          detail: `${ratios.pgReadAllVsPeer.toFixed(2)}x`,
        },
      );
      return { rows, figures, ratios, targets };
    });
  },
};

export default section;
