/** What the PostgreSQL adapter adds to the contract: its schema's versions, start-up refusals, several processes. */
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EventStoreUnavailableError } from '../errors.js';
import { verifyChain } from '../hash-chain.js';
import { collectUntil, contractEvent } from '../testing/event-store.contract.js';
import { TEST_DATABASE_URL, dropSchema, runSql, testSchemaName } from '../testing/postgres-test-schema.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { POSTGRES_SCHEMA_VERSION, migrations } from './postgres-schema.js';

const schemas: string[] = [];
function newSchema(): string {
  const schema = testSchemaName('pg');
  schemas.push(schema);
  return schema;
}
const open = (schema: string, pollIntervalMs?: number) =>
  PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2, pollIntervalMs });

/** A port nothing listens on (taken from the system, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    async (store) => {
      await (store as PostgresEventStore).close();
      return undefined;
    },
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('expected the store to refuse to open');
  return outcome;
}

afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

describe('PostgresEventStore: its schema', () => {
  it('creates the schema at the latest version, and a second start migrates nothing', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    await (await open(schema)).close();
    const { rows } = await runSql(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('migrates a schema left at version 1 forward, keeping its events and their chains', async () => {
    const schema = newSchema();
    const [v1] = migrations(schema);
    await runSql(`CREATE SCHEMA "${schema}";
      CREATE TABLE "${schema}".schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
      ${v1.sql}
      INSERT INTO "${schema}".schema_migrations (version, description) VALUES (1, 'v1');`);
    const old = await open(schema);
    // A build that knows only version 1 would have written this: the table and function are v1's.
    await old.append('kept', [contractEvent('A'), contractEvent('B')], 'no-stream');
    await old.close();
    await runSql(`DELETE FROM "${schema}".schema_migrations WHERE version > 1`);

    const store = await open(schema);
    const { rows } = await runSql(`SELECT max(version) AS version FROM "${schema}".schema_migrations`);
    expect(rows[0].version).toBe(POSTGRES_SCHEMA_VERSION);
    await store.append('kept', [contractEvent('C')], 1);
    const events = await store.readStream('kept');
    expect(events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    expect(verifyChain(events).ok).toBe(true);
    await store.close();
  });

  it('refuses a schema of a newer version, naming both versions', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    await runSql(
      `INSERT INTO "${schema}".schema_migrations (version, description) VALUES (${POSTGRES_SCHEMA_VERSION + 7}, 'from the future')`,
    );
    const error = await refusal(open(schema));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.message).toContain(`is at version ${POSTGRES_SCHEMA_VERSION + 7}`);
    expect(error.message).toContain(`(${POSTGRES_SCHEMA_VERSION})`);
  });

  it('refuses a schema whose events table thidua did not make', async () => {
    const schema = newSchema();
    await runSql(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".events (id int)`);
    const error = await refusal(open(schema));
    expect(error.message).toMatch(/holds an events table that thidua did not create/);
  });

  it('refuses an unreachable server at once, naming it without the password', async () => {
    const port = await freePort();
    const error = await refusal(
      PostgresEventStore.connect({
        connectionString: `postgres://ops:s3cret-pw@127.0.0.1:${port}/thidua`,
        connectTimeoutMs: 2000,
      }),
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.message).toContain(`PostgreSQL at 127.0.0.1:${port}/thidua is unreachable`);
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('makes rows restored from another server (transaction ids this one has not issued) readable', async () => {
    const schema = newSchema();
    const store = await open(schema);
    await store.append('restored', [contractEvent('A'), contractEvent('B')], 'no-stream');
    await store.close();
    // As after pg_dump from an older, busier server: ids far ahead of this server's counter.
    await runSql(
      `UPDATE "${schema}".events SET transaction_id = (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000 + position)::text::xid8`,
    );
    const hidden = await open(schema);
    expect((await hidden.readAll()).map((e) => e.type)).toEqual(['A', 'B']);
    await hidden.append('restored', [contractEvent('C')], 1);
    expect((await hidden.readAll()).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    await hidden.close();
  });
});

describe('PostgresEventStore: two stores on one schema (as two API processes)', () => {
  it("a subscriber is woken by the other store's commits through LISTEN/NOTIFY, in order, without gap or duplicate", async () => {
    const schema = newSchema();
    const writer = await open(schema);
    // Polling once a minute: only a notification can wake this reader in time.
    const reader = await open(schema, 60_000);
    try {
      await writer.append('s', [contractEvent('Before')], 'no-stream');
      const subscription = reader.subscribe();
      const reading = collectUntil(subscription[Symbol.asyncIterator](), (seen) => seen.length === 101);
      for (let i = 0; i < 50; i++) {
        await writer.append('s', [contractEvent('During', { i })], 'any');
        await writer.append(`t-${i % 3}`, [contractEvent('During', { i })], 'any');
      }
      const seen = await reading;
      await subscription.close();
      expect(seen.map((e) => e.position)).toEqual((await writer.readAll()).map((e) => e.position));
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('conflicts are decided by the database across stores: one winner per revision', async () => {
    const schema = newSchema();
    const [a, b] = [await open(schema), await open(schema)];
    await a.append('s', [contractEvent('A')], 'no-stream');
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 5 }, () => a.append('s', [contractEvent('FromA')], round)),
        ...Array.from({ length: 5 }, () => b.append('s', [contractEvent('FromB')], round)),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    }
    // 'any' never loses: racing writers are retried against the new head.
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.append('s', [contractEvent('AnyA', { i })], 'any')),
      ...Array.from({ length: 10 }, (_, i) => b.append('s', [contractEvent('AnyB', { i })], 'any')),
    ]);
    const events = await b.readStream('s');
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(verifyChain(events).ok).toBe(true);
    await a.close();
    await b.close();
  });
});

describe('PostgresEventStore: its group commits', () => {
  /** How many events each transaction wrote, in position order. */
  async function transactionSizes(schema: string): Promise<number[]> {
    const { rows } = await runSql(
      `SELECT count(*)::int AS events FROM "${schema}".events GROUP BY transaction_id ORDER BY min(position)`,
    );
    return rows.map((r) => r.events as number);
  }

  it('shares a burst of 64 appends between two groups written at once', async () => {
    const schema = newSchema();
    const store = await open(schema);
    // Another session holds the lock every append_events call takes first: the store's groups
    // queue behind it, and the test counts how many wait at once before letting them go.
    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(0, '"${schema}".events'::regclass::oid::int)`);
    const appends = Array.from({ length: 64 }, (_, i) => store.append(`burst-${i}`, [contractEvent('A')], 'no-stream'));
    let waiting = 0;
    for (let tries = 0; tries < 100 && waiting < 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await holder.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name = 'thidua' AND wait_event_type = 'Lock' AND wait_event = 'advisory'
           AND query LIKE '%${schema}%'`,
      );
      waiting = rows[0].n as number;
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // a third, if any, would be waiting by now
    const { rows } = await holder.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = 'thidua' AND wait_event_type = 'Lock' AND query LIKE '%${schema}%'`,
    );
    await holder.end();
    await Promise.all(appends);
    await store.close();
    expect(waiting).toBe(2);
    expect(rows[0].n).toBe(2);
    expect(await transactionSizes(schema)).toEqual([32, 32]);
  });

  it('keeps a stream whose first append was set aside for the next group, behind it', async () => {
    const schema = newSchema();
    const store = await open(schema);
    const events = (n: number, type: string) => Array.from({ length: n }, () => contractEvent(type));
    // 20 + 20 events fill the first group's share (32 of 41): `s` is set aside, and its second
    // append must not jump ahead of it into that group (it expects the revision `s` reaches first).
    const t = store.append('t', events(20, 'T'), 'no-stream');
    const s1 = store.append('s', events(20, 'S'), 'no-stream');
    const s2 = store.append('s', events(1, 'S2'), 19);
    await Promise.all([t, s1, s2]);
    const s = await store.readStream('s');
    expect(s.map((e) => e.type)).toEqual([...Array(20).fill('S'), 'S2']);
    expect(verifyChain(s).ok).toBe(true);
    await store.close();
  });

  it('writes the appends of one stream in one group, not split between the slots', async () => {
    const schema = newSchema();
    const store = await open(schema);
    const first = store.append('hot', [contractEvent('A')], 'no-stream');
    const rest = Array.from({ length: 63 }, (_, i) => store.append('hot', [contractEvent('A')], i));
    await Promise.all([first, ...rest]);
    await store.close();
    expect(await transactionSizes(schema)).toEqual([64]);
  });

  it('stores every character of data, metadata, stream ids and types exactly, whatever the separators', async () => {
    const schema = newSchema();
    const store = await open(schema);
    // (A stream id or type cannot hold U+0000: PostgreSQL text cannot. Data can: JSON escapes it.)
    const odd = 'a\u001eb,c"d\\e{f}g\th \u00e9\u1ea1\ud83c\udf89 NULL';
    const written = [
      store.append(
        `s,"{${odd}`,
        [contractEvent(`T,${odd}`, { note: odd, [odd]: [odd, 1.5, null], nul: '\u0000' })],
        'no-stream',
      ),
      store.append('plain', [contractEvent('A', {}), contractEvent('B', { note: '\u001e' })], 'no-stream'),
    ];
    await Promise.all(written);
    await store.append('plain', [contractEvent('C', { note: ',' })], 1);
    const events = await store.readAll();
    expect(events.map((e) => [e.streamId, e.type, e.data])).toEqual([
      [`s,"{${odd}`, `T,${odd}`, { note: odd, [odd]: [odd, 1.5, null], nul: '\u0000' }],
      ['plain', 'A', {}],
      ['plain', 'B', { note: '\u001e' }],
      ['plain', 'C', { note: ',' }],
    ]);
    expect(events[1].prevHash).toBeNull();
    expect(events[2].prevHash).toBe(events[1].hash);
    expect(verifyChain(await store.readStream('plain')).ok).toBe(true);
    expect(verifyChain(await store.readStream(`s,"{${odd}`)).ok).toBe(true);
    await store.close();
  });

  it('writes a burst of a few appends as one group', async () => {
    const schema = newSchema();
    const store = await open(schema);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`few-${i}`, [contractEvent('A')], 'no-stream')));
    await store.close();
    expect(await transactionSizes(schema)).toEqual([8]);
  });

  it('keeps an append of a stream the group in flight writes for the next group, in order', async () => {
    const schema = newSchema();
    const store = await open(schema);
    // The first group takes `shared` and 31 others; the second `shared` append must wait for its
    // commit (its expected revision 0 is only true after it), and the appends after it still go.
    const first = store.append('shared', [contractEvent('A')], 'no-stream');
    const others = Array.from({ length: 40 }, (_, i) => store.append(`other-${i}`, [contractEvent('B')], 'no-stream'));
    const second = store.append('shared', [contractEvent('C')], 0);
    const third = store.append('shared', [contractEvent('D')], 1);
    await Promise.all([first, ...others, second, third]);
    const shared = await store.readStream('shared');
    expect(shared.map((e) => [e.type, e.revision])).toEqual([
      ['A', 0],
      ['C', 1],
      ['D', 2],
    ]);
    expect(verifyChain(shared).ok).toBe(true);
    await store.close();
    expect((await transactionSizes(schema)).reduce((a, b) => a + b, 0)).toBe(43);
  });
});

describe('PostgresEventStore: its life cycle', () => {
  it('commits what is queued when closed, then refuses further use', async () => {
    const schema = newSchema();
    const store = await open(schema);
    const pending = store.append('s', [contractEvent('A')], 'no-stream');
    await store.close();
    expect((await pending).revision).toBe(0);
    await expect(store.append('s', [contractEvent('B')], 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    const reopened = await open(schema);
    expect((await reopened.readStream('s')).map((e) => e.type)).toEqual(['A']);
    await reopened.close();
  });

  it('closing the store ends its subscriptions', async () => {
    const store = await open(newSchema());
    const iterator = store.subscribe()[Symbol.asyncIterator]();
    const pending = iterator.next();
    await store.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('refuses read options that are not non-negative integers', async () => {
    const store = await open(newSchema());
    await expect(store.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
    await expect(store.readStream('s', { fromRevision: 1.5 })).rejects.toThrow(RangeError);
    expect(() => store.subscribe({ after: -3 })).toThrow(RangeError);
    await store.close();
  });
});
