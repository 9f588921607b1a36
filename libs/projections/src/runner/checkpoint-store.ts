import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join, basename, extname } from 'node:path';

/**
 * Where the read models live: one SQLite file holding every partition's JSON state, the indexes
 * queries search (see `CheckpointIndex`) and the position they stand at. Memory holds only a
 * bounded cache of partitions (`ProjectionState`), so a process's size follows what is hot, not
 * the years of history in the log. Losing the file only costs a rebuild: the log is the truth.
 *
 * Rows belong to a generation: a rebuild writes the next one while queries still read the
 * current one, and the checkpoint row says which is current. Changing it drops the others.
 */
export class CheckpointStore {
  /**
   * Opens the first checkpoint file of `path`'s slots that no other process holds (`path` itself,
   * then `name-1.sqlite`, `name-2.sqlite`, … beside it) and takes it for this process alone: two
   * processes on one DATA_DIR (two API instances) each keep their own read models.
   */
  static open(path: string, index?: IndexFactory): CheckpointStore {
    mkdirSync(dirname(path), { recursive: true });
    for (let slot = 0; slot < MAX_SLOTS; slot++) {
      const opened = CheckpointStore.openSlot(slot === 0 ? path : slotFile(path, slot), index);
      if (opened) return opened;
    }
    throw new Error(`Every read-model file of ${path} (${MAX_SLOTS} slots) is held by another process`);
  }

  /** That one file, taken for this process alone; undefined when another process holds it. */
  static openSlot(slotPath: string, index?: IndexFactory): CheckpointStore | undefined {
    const db = new Database(slotPath, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      // Writing once takes the exclusive lock, held until the file is closed.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      return new CheckpointStore(slotPath, db, index);
    } catch (error) {
      db.close();
      if (!(error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw error;
      return undefined;
    }
  }

  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly index?: CheckpointIndex;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    index: IndexFactory | undefined,
  ) {
    // A checkpoint lost in a power cut is only replayed again from the log: no need for FULL.
    this.db.pragma('synchronous = NORMAL');
    if (this.db.pragma('user_version', { simple: true }) !== LAYOUT) {
      // Another layout (an older version of thidua): its content is only a cache of the log.
      this.db.exec('DROP TABLE IF EXISTS checkpoint; DROP TABLE IF EXISTS partition_state; VACUUM');
      this.db.pragma(`user_version = ${LAYOUT}`);
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoint (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        last_hash TEXT,
        generation INTEGER NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS partition_state (
        generation INTEGER NOT NULL,
        projection TEXT NOT NULL,
        key TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (generation, projection, key)
      );`);
    this.index = index?.(this.db);
    this.statements = prepareStatements(this.db);
  }

  /** The stored checkpoint if it was written by these projections (`fingerprint`), else undefined. */
  read(fingerprint: string): StoredCheckpoint | undefined {
    const row = this.statements.checkpoint.get() as
      { position: number; fingerprint: string; last_hash: string | null; generation: number } | undefined;
    if (!row || row.fingerprint !== fingerprint) return undefined;
    return { position: row.position, lastHash: row.last_hash, generation: row.generation };
  }

  /** A generation no row uses yet: where a rebuild (or a first build) writes. */
  nextGeneration(): number {
    const row = this.statements.maxGeneration.get() as { g: number | null };
    return (row.g ?? 0) + 1;
  }

  /** A partition's stored JSON state in `generation`, or undefined. */
  load(generation: number, projection: string, key: string): string | undefined {
    const row = this.statements.load.get(generation, projection, key) as { state: string } | undefined;
    return row?.state;
  }

  /**
   * Writes the partitions changed since the last save, and what the index derives from them, in
   * one transaction. With `checkpoint` (the default) it also records the position reached, so the
   * file is the state at exactly that position; the first checkpoint of a new generation drops
   * every other one. Without it (a rebuild's progress, written to bound its memory) the current
   * checkpoint is left as it was.
   */
  save(state: SavableState, fingerprint: string, checkpoint = true): void {
    const { upsert, savePosition } = this.statements;
    const generation = state.generation;
    const write = this.db.transaction(() => {
      const changes = [...state.changes()];
      const sizes: number[] = [];
      for (const [projection, key, value] of changes) {
        const json = JSON.stringify(value);
        sizes.push(json.length);
        upsert.run(generation, projection, key, json);
      }
      this.index?.write(generation, changes, (projection, key) => state.get(projection, key));
      if (!checkpoint) return sizes;
      const previous = this.statements.checkpoint.get() as { generation: number } | undefined;
      savePosition.run(state.position, fingerprint, state.lastHash, generation, new Date().toISOString());
      if (previous?.generation !== generation) this.keepOnly(generation);
      return sizes;
    });
    state.markSaved(write());
  }

  /** Every stored partition of one projection in `generation`, by key (tests compare whole states). */
  partitions(generation: number, projection: string): [key: string, state: unknown][] {
    const rows = this.db
      .prepare('SELECT key, state FROM partition_state WHERE generation = ? AND projection = ? ORDER BY key')
      .all(generation, projection) as { key: string; state: string }[];
    return rows.map((r) => [r.key, JSON.parse(r.state)]);
  }

  /** Reads the index tables (see `CheckpointIndex`): the caller's SQL, on this file. */
  query<T>(read: (db: Database.Database) => T): T {
    return read(this.db);
  }

  /** The position of the stored checkpoint, 0 when there is none. */
  position(): number {
    const row = this.statements.checkpoint.get() as { position: number } | undefined;
    return row?.position ?? 0;
  }

  close(): void {
    this.db.close();
  }

  /** Deletes the rows of every generation but `keep` (a rebuild's left by a crash, the one a rebuild replaced). */
  keepOnly(keep: number): void {
    this.db.prepare('DELETE FROM partition_state WHERE generation <> ?').run(keep);
    for (const table of this.index?.tables ?? [])
      this.db.prepare(`DELETE FROM ${table} WHERE generation <> ?`).run(keep);
  }
}

/** What `save` needs of a `ProjectionState`. */
export interface SavableState {
  readonly generation: number;
  readonly position: number;
  readonly lastHash: string | null;
  changes(): Iterable<[projection: string, key: string, state: unknown]>;
  get(projection: string, key: string): unknown;
  /** Told the JSON length of each change, in the order `changes` gave them. */
  markSaved(sizes: readonly number[]): void;
}

export interface StoredCheckpoint {
  position: number;
  lastHash: string | null;
  generation: number;
}

/**
 * Tables derived from the partitions for queries that search rather than look up by key (the
 * cycle list by year or province, the cycles of a unit), kept in the checkpoint's transaction so
 * that they always stand at the partitions' position. Every table has a `generation` column.
 */
export interface CheckpointIndex {
  readonly tables: readonly string[];
  /** Rewrites the rows derived from the changed partitions; `get` reads any partition of the generation. */
  write(
    generation: number,
    changes: readonly [projection: string, key: string, state: unknown][],
    get: (projection: string, key: string) => unknown,
  ): void;
}

/** Creates its tables (if missing) on the file and prepares its statements. */
export type IndexFactory = (db: Database.Database) => CheckpointIndex;

/** Version of the file's layout (`PRAGMA user_version`): a file of another one is emptied. */
const LAYOUT = 2;
const MAX_SLOTS = 32;

function slotFile(path: string, slot: number): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}-${slot}${ext}`);
}

function prepareStatements(db: Database.Database) {
  return {
    upsert: db.prepare(
      'INSERT INTO partition_state (generation, projection, key, state) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (generation, projection, key) DO UPDATE SET state = excluded.state',
    ),
    load: db.prepare('SELECT state FROM partition_state WHERE generation = ? AND projection = ? AND key = ?'),
    savePosition: db.prepare(
      'INSERT INTO checkpoint (id, position, fingerprint, last_hash, generation, saved_at) VALUES (1, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET position = excluded.position, fingerprint = excluded.fingerprint, ' +
        'last_hash = excluded.last_hash, generation = excluded.generation, saved_at = excluded.saved_at',
    ),
    checkpoint: db.prepare('SELECT position, fingerprint, last_hash, generation FROM checkpoint WHERE id = 1'),
    maxGeneration: db.prepare(
      'SELECT max(g) AS g FROM (SELECT max(generation) AS g FROM partition_state UNION ALL SELECT generation FROM checkpoint)',
    ),
  };
}
