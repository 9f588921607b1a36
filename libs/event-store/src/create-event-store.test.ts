import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createEventStore } from './create-event-store.js';
import { EventStoreUnavailableError } from './errors.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { contractEvent } from './testing/event-store.contract.js';
import { TEST_DATABASE_URL, dropSchema, runSql, testSchemaName } from './testing/postgres-test-schema.js';

describe('createEventStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-create-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("opens the SQLite store at the configured path for kind 'sqlite'", async () => {
    const path = join(dir, 'events.sqlite');
    const store = await createEventStore({ kind: 'sqlite', path });
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      await store.append('cycle-ag-2020', [contractEvent('CycleOpened', { year: 2020 })], 'no-stream');
      expect((await store.readStream('cycle-ag-2020')).map((e) => e.data)).toEqual([{ year: 2020 }]);
      expect(existsSync(path)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses an EventStoreDB connection string the client cannot parse, without echoing its password', async () => {
    // `kurrentdb://` is a valid scheme for @kurrent/kurrentdb-client (and `esdb://` is still read): a bad option is not.
    const invalid = ['http://ops:hunter2@db:2113', 'kurrentdb://ops:hunter2@db:2113?tls=maybe', 'esdb://'];
    for (const connectionString of invalid) {
      const error = await createEventStore({ kind: 'eventstoredb', connectionString }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toMatch(/is invalid/);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it("opens the PostgreSQL store in the configured schema for kind 'postgres'", async () => {
    const schema = testSchemaName('create');
    const store = await createEventStore({
      kind: 'postgres',
      connectionString: TEST_DATABASE_URL,
      schema,
      poolSize: 2,
    });
    try {
      expect(store).toBeInstanceOf(PostgresEventStore);
      await store.append('cycle-ag-2020', [contractEvent('CycleOpened', { year: 2020 })], 'no-stream');
      const { rows } = await runSql(`SELECT stream_id FROM "${schema}".events`);
      expect(rows).toEqual([{ stream_id: 'cycle-ag-2020' }]);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
