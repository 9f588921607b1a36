/**
 * A schema of its own on the machine's PostgreSQL for one test (or one test server), dropped
 * afterwards, so that tests never see each other's events. The server is the one at
 * `THIDUA_TEST_DATABASE_URL` (default: the machine's, `postgres://postgres@127.0.0.1:5432/postgres`).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.THIDUA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, unused schema name: `t_<prefix>_<random>`. */
export function testSchemaName(prefix = 'test'): string {
  return `t_${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** Runs one statement on its own short-lived connection. */
export async function runSql(sql: string, connectionString = TEST_DATABASE_URL): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string, connectionString = TEST_DATABASE_URL): Promise<void> {
  await runSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`, connectionString);
}
