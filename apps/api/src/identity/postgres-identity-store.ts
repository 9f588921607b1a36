/**
 * The `IdentityStore` on PostgreSQL (node-postgres, a pool): tables beside the log, in the same
 * database and schema (DATABASE_URL, DATABASE_SCHEMA), so that API processes on several machines,
 * each with a DATA_DIR of its own, share accounts, sessions, counters and `Idempotency-Key`s.
 *
 * Every operation is one statement, so it is atomic whichever process runs it; the two that read
 * what they write (`countAttempt`, `reserveCommand`) do it with `INSERT ... ON CONFLICT DO UPDATE
 * ... RETURNING`, which locks the conflicting row and sees its latest committed version.
 *
 * The database failing answers `EventStoreUnavailableError` (503 EVENT_STORE_UNAVAILABLE): it is
 * the log's database, so the log is out of reach too.
 */
import pg from 'pg';
import type { Pool } from 'pg';
import { EventStoreUnavailableError } from '#event-store';
import { checkSchemaName, describeServer } from '#event-store/postgres';
import { isRole } from '../auth/caller.js';
import type { AccountRecord, FailureCount, IdentityStore, SessionRecord } from './identity-store.port.js';

export interface PostgresIdentityStoreOptions {
  connectionString: string;
  /** Schema holding the tables (the log's), created if missing. */
  schema: string;
}

/** Sign-ins and reservations are short statements: a few connections per process serve them. */
const POOL_SIZE = 4;

/**
 * Prefixed `identity_`, so that they never meet the event store's tables in the same schema. Made
 * if missing: a later change of layout needs a migration of its own.
 */
function tables(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS "${s}".identity_accounts (
  username      text PRIMARY KEY,
  name          text NOT NULL,
  roles         text[] NOT NULL,
  unit_id       text,
  province_id   text,
  disabled      boolean NOT NULL DEFAULT false,
  password_hash text NOT NULL,
  created_at    text NOT NULL,
  updated_at    text NOT NULL
);
CREATE TABLE IF NOT EXISTS "${s}".identity_sessions (
  id_hash         text PRIMARY KEY,
  subject         text NOT NULL,
  kind            text NOT NULL,
  claims          text,
  created_at_ms   bigint NOT NULL,
  last_seen_at_ms bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_sessions_by_subject ON "${s}".identity_sessions (subject);
CREATE TABLE IF NOT EXISTS "${s}".identity_command_keys (
  command_id     text PRIMARY KEY,
  request_hash   text NOT NULL,
  reserved_at_ms bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS "${s}".identity_login_attempts (
  key             text PRIMARY KEY,
  count           integer NOT NULL,
  window_start_ms bigint NOT NULL
);`;
}

interface AccountRow {
  username: string;
  name: string;
  roles: string[];
  unit_id: string | null;
  province_id: string | null;
  disabled: boolean;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

/** int8 columns arrive as text (node-postgres never rounds them). */
interface SessionRow {
  id_hash: string;
  subject: string;
  kind: string;
  claims: string | null;
  created_at_ms: string;
  last_seen_at_ms: string;
}

export class PostgresIdentityStore implements IdentityStore {
  private readonly pool: Pool;
  private readonly t;

  /** Connects and creates the tables if missing; an unreachable server names the server, never the password. */
  static async connect(options: PostgresIdentityStoreOptions): Promise<PostgresIdentityStore> {
    const schema = checkSchemaName(options.schema);
    const store = new PostgresIdentityStore(options.connectionString, schema);
    const server = describeServer(options.connectionString);
    let client: pg.PoolClient;
    try {
      client = await store.pool.connect();
    } catch (error) {
      await store.pool.end().catch(() => undefined);
      throw new EventStoreUnavailableError(
        `PostgreSQL at ${server} (identity store) is unreachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    try {
      await client.query('BEGIN');
      // Several processes starting at once: one creates, the others find the tables made.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`thidua-identity:${schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(tables(schema));
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      await store.pool.end().catch(() => undefined);
      throw new EventStoreUnavailableError(
        `PostgreSQL at ${server}: the identity tables in schema "${schema}" could not be prepared: ` +
          (error as Error).message,
        { cause: error },
      );
    }
    return store;
  }

  private constructor(connectionString: string, schema: string) {
    this.pool = new pg.Pool({
      connectionString,
      max: POOL_SIZE,
      connectionTimeoutMillis: 5000,
      application_name: 'thidua-identity',
    });
    // An idle connection dropped by the server is removed by the pool; without a listener the
    // error would end the process.
    this.pool.on('error', () => undefined);
    const q = (table: string) => `"${schema}".${table}`;
    this.t = {
      accounts: q('identity_accounts'),
      sessions: q('identity_sessions'),
      commandKeys: q('identity_command_keys'),
      attempts: q('identity_login_attempts'),
    };
  }

  async findAccount(username: string): Promise<AccountRecord | undefined> {
    const rows = await this.query<AccountRow>(`SELECT * FROM ${this.t.accounts} WHERE username = $1`, [username]);
    return rows[0] ? accountOf(rows[0]) : undefined;
  }

  async listAccounts(): Promise<AccountRecord[]> {
    // COLLATE "C": the byte order SQLite sorts in, whatever the database's locale.
    const rows = await this.query<AccountRow>(`SELECT * FROM ${this.t.accounts} ORDER BY username COLLATE "C"`);
    return rows.map(accountOf);
  }

  async saveAccount(a: AccountRecord): Promise<void> {
    await this.query(
      `INSERT INTO ${this.t.accounts}
         (username, name, roles, unit_id, province_id, disabled, password_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (username) DO UPDATE SET name = excluded.name, roles = excluded.roles,
         unit_id = excluded.unit_id, province_id = excluded.province_id, disabled = excluded.disabled,
         password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      [
        a.username,
        a.name,
        a.roles,
        a.unitId ?? null,
        a.provinceId ?? null,
        a.disabled,
        a.passwordHash,
        a.createdAt,
        a.updatedAt,
      ],
    );
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.query(
      `INSERT INTO ${this.t.sessions} (id_hash, subject, kind, claims, created_at_ms, last_seen_at_ms)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.idHash, s.subject, s.kind, s.claims ?? null, s.createdAtMs, s.lastSeenAtMs],
    );
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const [row] = await this.query<SessionRow>(`SELECT * FROM ${this.t.sessions} WHERE id_hash = $1`, [idHash]);
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      subject: row.subject,
      kind: row.kind === 'oidc' ? 'oidc' : 'account',
      ...(row.claims !== null ? { claims: row.claims } : {}),
      createdAtMs: Number(row.created_at_ms),
      lastSeenAtMs: Number(row.last_seen_at_ms),
    };
  }

  async touchSession(idHash: string, lastSeenAtMs: number): Promise<void> {
    // Requests on several instances may touch out of order: the latest instant stays.
    await this.query(
      `UPDATE ${this.t.sessions} SET last_seen_at_ms = GREATEST(last_seen_at_ms, $1) WHERE id_hash = $2`,
      [lastSeenAtMs, idHash],
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.query(`DELETE FROM ${this.t.sessions} WHERE id_hash = $1`, [idHash]);
  }

  async deleteSessionsOf(subject: string): Promise<void> {
    await this.query(`DELETE FROM ${this.t.sessions} WHERE subject = $1`, [subject]);
  }

  async deleteExpiredSessions(lastSeenBeforeMs: number, createdBeforeMs: number): Promise<void> {
    await this.query(`DELETE FROM ${this.t.sessions} WHERE last_seen_at_ms < $1 OR created_at_ms < $2`, [
      lastSeenBeforeMs,
      createdBeforeMs,
    ]);
  }

  async countAttempt(key: string, nowMs: number, windowMs: number): Promise<FailureCount> {
    // SET expressions read the row as it was (`a`), so both columns see the old window.
    const [row] = await this.query<{ count: number; window_start_ms: string }>(
      `INSERT INTO ${this.t.attempts} AS a (key, count, window_start_ms) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN a.window_start_ms + $3::bigint > $2::bigint THEN a.count + 1 ELSE 1 END,
         window_start_ms = CASE WHEN a.window_start_ms + $3::bigint > $2::bigint THEN a.window_start_ms ELSE $2::bigint END
       RETURNING count, window_start_ms`,
      [key, nowMs, windowMs],
    );
    return { count: row!.count, windowStartMs: Number(row!.window_start_ms) };
  }

  async forgiveAttempt(key: string): Promise<void> {
    await this.query(`UPDATE ${this.t.attempts} SET count = GREATEST(count - 1, 0) WHERE key = $1`, [key]);
  }

  async clearAttempts(key: string): Promise<void> {
    await this.query(`DELETE FROM ${this.t.attempts} WHERE key = $1`, [key]);
  }

  async reserveCommand(commandId: string, requestHash: string, nowMs: number): Promise<string> {
    // Not `DO NOTHING` and a SELECT: a row another process committed while this statement waited
    // for it is not in this statement's snapshot. `DO UPDATE` locks that row and returns it; the
    // update writes back the hash it holds, so the first writer's stays.
    const [row] = await this.query<{ request_hash: string }>(
      `INSERT INTO ${this.t.commandKeys} AS k (command_id, request_hash, reserved_at_ms) VALUES ($1, $2, $3)
       ON CONFLICT (command_id) DO UPDATE SET request_hash = k.request_hash
       RETURNING request_hash`,
      [commandId, requestHash, nowMs],
    );
    return row!.request_hash;
  }

  /** Ends the pool's connections. */
  async close(): Promise<void> {
    if (this.pool.ended) return;
    await this.pool.end();
  }

  private async query<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw new EventStoreUnavailableError(`PostgreSQL (identity store) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

function accountOf(row: AccountRow): AccountRecord {
  return {
    username: row.username,
    name: row.name,
    roles: row.roles.filter(isRole),
    ...(row.unit_id !== null ? { unitId: row.unit_id } : {}),
    ...(row.province_id !== null ? { provinceId: row.province_id } : {}),
    disabled: row.disabled,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
