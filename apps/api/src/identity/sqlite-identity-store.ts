/**
 * The embedded `IdentityStore`: one SQLite file beside the log (`DATA_DIR/identity.sqlite`), WAL,
 * so several API processes and the accounts command share it (SQLite serializes their writers).
 */
import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';
import { isRole } from '../auth/caller.js';
import type { AccountRecord, FailureCount, IdentityStore, SessionRecord } from './identity-store.port.js';

import { IDENTITY_FILE } from '#config';
export { IDENTITY_FILE };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  username TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  unit_id TEXT,
  province_id TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  claims TEXT,
  created_at_ms INTEGER NOT NULL,
  last_seen_at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_subject ON sessions(subject);
CREATE TABLE IF NOT EXISTS command_keys (
  command_id TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  reserved_at_ms INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS login_attempts (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_start_ms INTEGER NOT NULL
) STRICT;
`;

interface AccountRow {
  username: string;
  name: string;
  roles: string;
  unit_id: string | null;
  province_id: string | null;
  disabled: number;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

interface SessionRow {
  id_hash: string;
  subject: string;
  kind: string;
  claims: string | null;
  created_at_ms: number;
  last_seen_at_ms: number;
}

export class SqliteIdentityStore implements IdentityStore {
  private readonly db: Connection;
  private readonly s;

  private constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.s = {
      findAccount: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username = ?'),
      listAccounts: db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY username'),
      saveAccount: db.prepare(
        `INSERT INTO accounts (username, name, roles, unit_id, province_id, disabled, password_hash, created_at, updated_at)
         VALUES (@username, @name, @roles, @unit_id, @province_id, @disabled, @password_hash, @created_at, @updated_at)
         ON CONFLICT(username) DO UPDATE SET name = excluded.name, roles = excluded.roles, unit_id = excluded.unit_id,
           province_id = excluded.province_id, disabled = excluded.disabled, password_hash = excluded.password_hash,
           updated_at = excluded.updated_at`,
      ),
      createSession: db.prepare(
        'INSERT INTO sessions (id_hash, subject, kind, claims, created_at_ms, last_seen_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      findSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ?'),
      touchSession: db.prepare('UPDATE sessions SET last_seen_at_ms = MAX(last_seen_at_ms, ?) WHERE id_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE subject = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE last_seen_at_ms < ? OR created_at_ms < ?'),
      // SET expressions read the row as it was, so both columns see the old window.
      countAttempt: db.prepare<
        [{ key: string; now: number; window: number }],
        { count: number; window_start_ms: number }
      >(
        `INSERT INTO login_attempts (key, count, window_start_ms) VALUES (@key, 1, @now)
         ON CONFLICT(key) DO UPDATE SET
           count = CASE WHEN window_start_ms + @window > @now THEN count + 1 ELSE 1 END,
           window_start_ms = CASE WHEN window_start_ms + @window > @now THEN window_start_ms ELSE @now END
         RETURNING count, window_start_ms`,
      ),
      forgiveAttempt: db.prepare('UPDATE login_attempts SET count = MAX(count - 1, 0) WHERE key = ?'),
      clearAttempts: db.prepare('DELETE FROM login_attempts WHERE key = ?'),
      reserveCommand: db.prepare(
        'INSERT INTO command_keys (command_id, request_hash, reserved_at_ms) VALUES (?, ?, ?) ON CONFLICT(command_id) DO NOTHING',
      ),
      reservedCommand: db.prepare<[string], { request_hash: string }>(
        'SELECT request_hash FROM command_keys WHERE command_id = ?',
      ),
    };
  }

  /** Opens (creating if needed) the identity database at `path`. */
  static open(path: string): SqliteIdentityStore {
    return new SqliteIdentityStore(path);
  }

  async findAccount(username: string): Promise<AccountRecord | undefined> {
    const row = this.s.findAccount.get(username);
    return row ? accountOf(row) : undefined;
  }

  async listAccounts(): Promise<AccountRecord[]> {
    return this.s.listAccounts.all().map(accountOf);
  }

  async saveAccount(a: AccountRecord): Promise<void> {
    this.s.saveAccount.run({
      username: a.username,
      name: a.name,
      roles: JSON.stringify(a.roles),
      unit_id: a.unitId ?? null,
      province_id: a.provinceId ?? null,
      disabled: a.disabled ? 1 : 0,
      password_hash: a.passwordHash,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    });
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.s.createSession.run(s.idHash, s.subject, s.kind, s.claims ?? null, s.createdAtMs, s.lastSeenAtMs);
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const row = this.s.findSession.get(idHash);
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      subject: row.subject,
      kind: row.kind === 'oidc' ? 'oidc' : 'account',
      ...(row.claims !== null ? { claims: row.claims } : {}),
      createdAtMs: row.created_at_ms,
      lastSeenAtMs: row.last_seen_at_ms,
    };
  }

  async touchSession(idHash: string, lastSeenAtMs: number): Promise<void> {
    this.s.touchSession.run(lastSeenAtMs, idHash);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.s.deleteSession.run(idHash);
  }

  async deleteSessionsOf(subject: string): Promise<void> {
    this.s.deleteSessionsOf.run(subject);
  }

  async deleteExpiredSessions(lastSeenBeforeMs: number, createdBeforeMs: number): Promise<void> {
    this.s.deleteExpired.run(lastSeenBeforeMs, createdBeforeMs);
  }

  async countAttempt(key: string, nowMs: number, windowMs: number): Promise<FailureCount> {
    const row = this.s.countAttempt.get({ key, now: nowMs, window: windowMs })!;
    return { count: row.count, windowStartMs: row.window_start_ms };
  }

  async forgiveAttempt(key: string): Promise<void> {
    this.s.forgiveAttempt.run(key);
  }

  async clearAttempts(key: string): Promise<void> {
    this.s.clearAttempts.run(key);
  }

  async reserveCommand(commandId: string, requestHash: string, nowMs: number): Promise<string> {
    this.s.reserveCommand.run(commandId, requestHash, nowMs);
    return this.s.reservedCommand.get(commandId)!.request_hash;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function accountOf(row: AccountRow): AccountRecord {
  const roles = (JSON.parse(row.roles) as unknown[]).filter(isRole);
  return {
    username: row.username,
    name: row.name,
    roles,
    ...(row.unit_id !== null ? { unitId: row.unit_id } : {}),
    ...(row.province_id !== null ? { provinceId: row.province_id } : {}),
    disabled: row.disabled === 1,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
