/**
 * The SQLite file's layout and connection settings, shared by the adapter and by the benchmark's
 * ceilings (which must write and read the very same rows to be a fair ceiling).
 */
import type { Database } from 'better-sqlite3';

/**
 * One row per event. `position` is the rowid: assigned inside the write transaction, and SQLite
 * lets one writer at a time hold the file, so positions grow in commit order across processes.
 * AUTOINCREMENT: a position is never reused, even after the last row was deleted (a plain INTEGER
 * PRIMARY KEY would hand the deleted position to the next append, and a reader checkpointed there
 * would silently skip it). Files created before keep their table; the signed log and the read
 * models' anchor notice a reuse there.
 * Data and metadata are stored as their canonical JSON text: parsed once on read, hashed as is.
 */
export const EVENTS_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  prev_hash TEXT,
  hash      TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
) STRICT`;

export const EVENT_COLUMNS = 'position, stream_id, revision, type, data, metadata, prev_hash, hash';
/** What `readAllHeaders` reads. */
export const EVENT_HEADER_COLUMNS = 'position, stream_id, revision, hash';

/**
 * WAL lets readers (in this process and others) run beside the writer; `synchronous=FULL` makes
 * every commit fsync the WAL before it returns, so an acknowledged append survives power loss.
 * `busy_timeout` lets several processes share the file: a writer waits for the lock instead of
 * failing at once.
 */
export function configureConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -8192');
}
