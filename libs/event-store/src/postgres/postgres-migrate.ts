/**
 * Creates the store's schema or brings it to this build's version, under a transaction-scoped
 * advisory lock so that several processes starting at once migrate it exactly once. A schema
 * newer than this build, or one that holds an `events` table thidua did not make, is refused.
 */
import type { PoolClient } from 'pg';
import { EventStoreUnavailableError } from '../errors.js';
import { POSTGRES_SCHEMA_VERSION, migrations } from './postgres-schema.js';

export class PostgresSchemaError extends EventStoreUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresSchemaError';
  }
}

/** Applies the missing migrations; answers the version the schema was at before (0: new). */
export async function migrate(client: PoolClient, schema: string): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`thidua-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const tables = await client.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    const names = new Set(tables.rows.map((r) => r.name));
    if (names.has('events') && !names.has('schema_migrations')) {
      throw new PostgresSchemaError(
        `PostgreSQL schema "${schema}" holds an events table that thidua did not create (no schema_migrations): ` +
          'choose another DATABASE_SCHEMA',
      );
    }
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
         version integer PRIMARY KEY,
         description text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM "${schema}".schema_migrations`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new PostgresSchemaError(
        `PostgreSQL schema "${schema}" is at version ${current}, ` +
          `newer than this build of thidua knows (${POSTGRES_SCHEMA_VERSION}): ` +
          'run the newer build, or point DATABASE_SCHEMA at another schema',
      );
    }
    for (const migration of migrations(schema).filter((m) => m.version > current)) {
      await client.query(migration.sql);
      await client.query(`INSERT INTO "${schema}".schema_migrations (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
    }
    await repairRestoredTransactionIds(client, schema);
    await client.query('COMMIT');
    return current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Rows restored from another server (pg_dump, then restore) keep transaction ids that this
 * server may not have issued yet; readers would hide them until its counter passed them. Such an
 * id cannot be a transaction of this server, so the row is committed: its id is set to 0, below
 * every reader's horizon. Positions grow with transaction ids, so the last row tells whether any
 * row needs it, and the check costs one index lookup.
 */
async function repairRestoredTransactionIds(client: PoolClient, schema: string): Promise<void> {
  const future = `transaction_id >= pg_snapshot_xmax(pg_current_snapshot())`;
  const { rows } = await client.query<{ restored: boolean }>(
    `SELECT ${future} AS restored FROM "${schema}".events ORDER BY position DESC LIMIT 1`,
  );
  if (rows[0]?.restored) await client.query(`UPDATE "${schema}".events SET transaction_id = '0' WHERE ${future}`);
}
