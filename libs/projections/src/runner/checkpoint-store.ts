import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProjectionState } from './projection-state.js';

/**
 * Where the runner keeps its checkpoints: one SQLite file holding the position reached and the JSON
 * state of every partition. Written in one transaction, so a checkpoint is the state at exactly its
 * position. Losing the file only costs a rebuild: the log is the truth.
 */
export class CheckpointStore {
  /**
   * Opens the checkpoint file and takes it for this process alone, or returns undefined when
   * another process (another API instance on the same DATA_DIR) already holds it: two writers
   * saving changed partitions in turn would leave a checkpoint that matches neither's position.
   * The second process then runs without checkpoints (it replays the log when it starts).
   */
  static open(path: string): CheckpointStore | undefined {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      // Writing once takes the exclusive lock, held until the file is closed.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      return new CheckpointStore(path, db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return undefined;
      throw error;
    }
  }

  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    // A checkpoint lost in a power cut is only replayed again from the log: no need for FULL.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoint (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS partition_state (
        projection TEXT NOT NULL,
        key TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (projection, key)
      );`);
    // Checkpoints written before the anchor existed lack its column: add it (null: position only).
    const columns = this.db.prepare('PRAGMA table_info(checkpoint)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'last_hash')) this.db.exec('ALTER TABLE checkpoint ADD COLUMN last_hash TEXT');
    // Prepared once: a checkpoint is written every 1,000 events.
    this.statements = prepareStatements(this.db);
  }

  /**
   * Fills `state` from the checkpoint and returns true, or returns false (leaving `state` empty)
   * when there is none or it was written by other projections (another fingerprint).
   */
  load(state: ProjectionState, fingerprint: string): boolean {
    const row = this.db.prepare('SELECT position, fingerprint, last_hash FROM checkpoint WHERE id = 1').get() as
      { position: number; fingerprint: string; last_hash: string | null } | undefined;
    if (!row || row.fingerprint !== fingerprint) return false;
    const rows = this.db.prepare('SELECT projection, key, state FROM partition_state ORDER BY rowid').all() as {
      projection: string;
      key: string;
      state: string;
    }[];
    for (const r of rows) state.restore(r.projection, r.key, JSON.parse(r.state));
    state.position = row.position;
    state.lastHash = row.last_hash;
    state.markSaved();
    return true;
  }

  /** Writes the changed partitions (or all of them, replacing everything) and the position. */
  save(state: ProjectionState, fingerprint: string, all = false): void {
    const { insert, upsert, savePosition } = this.statements;
    const write = this.db.transaction(() => {
      if (all) this.db.exec('DELETE FROM partition_state');
      // After the delete nothing can conflict: a plain insert skips the upsert's lookup.
      const put = all ? insert : upsert;
      for (const [projection, key, value] of state.changes(all)) put.run(projection, key, JSON.stringify(value));
      savePosition.run(state.position, fingerprint, new Date().toISOString(), state.lastHash);
    });
    write();
    state.markSaved();
  }

  /** The position of the stored checkpoint, 0 when there is none. */
  position(): number {
    const row = this.statements.position.get() as { position: number } | undefined;
    return row?.position ?? 0;
  }

  close(): void {
    this.db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO partition_state (projection, key, state) VALUES (?, ?, ?)'),
    upsert: db.prepare(
      'INSERT INTO partition_state (projection, key, state) VALUES (?, ?, ?) ' +
        'ON CONFLICT (projection, key) DO UPDATE SET state = excluded.state',
    ),
    savePosition: db.prepare(
      'INSERT INTO checkpoint (id, position, fingerprint, saved_at, last_hash) VALUES (1, ?, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET position = excluded.position, fingerprint = excluded.fingerprint, saved_at = excluded.saved_at, ' +
        'last_hash = excluded.last_hash',
    ),
    position: db.prepare('SELECT position FROM checkpoint WHERE id = 1'),
  };
}
