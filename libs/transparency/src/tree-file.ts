/**
 * The tree's own SQLite file (`DATA_DIR/transparency.sqlite`): what the log's Merkle tree keeps so
 * that roots and proofs of any size cost O(log n) reads, and the checkpoints signed so far. Derived
 * from the store's ordered log only, so it works the same over every EventStore adapter; several
 * API processes on one DATA_DIR share it (WAL, one writer at a time, `BEGIN IMMEDIATE`).
 *
 * - `leaves`: leaf index (the event's ordinal in the log) → the event's position;
 * - `nodes`: every complete subtree's hash, keyed `level · 2^40 + index` (level 0: leaf hashes);
 * - `checkpoints`: every signed note, by tree size.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { nodeHash, type Hash, type NodeSource } from './merkle.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE) STRICT;
CREATE TABLE IF NOT EXISTS nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS checkpoints (tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL, signed_at TEXT NOT NULL) STRICT;
`;

const LEVEL_STRIDE = 2 ** 40;

export interface NewLeaf {
  position: number;
  hash: Hash;
}

export class TreeFile implements NodeSource {
  private readonly db: Db;
  private readonly getNode: Statement<[number], { hash: Buffer }>;
  private readonly insertLeaf: Statement<[number, number]>;
  private readonly insertNode: Statement<[number, Buffer]>;
  private readonly leafOfPosition: Statement<[number], { leaf_index: number }>;
  private readonly positionOfLeaf: Statement<[number], { position: number }>;
  private readonly latestNote: Statement<[], { tree_size: number; note: string }>;
  private readonly noteAtSize: Statement<[number], { note: string }>;
  private readonly insertNote: Statement<[number, string, string]>;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // The tree is derived from the log and re-derivable; NORMAL loses at most the last commits on
    // power loss, which the next catch-up appends again. Signed notes are re-signed the same way.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.getNode = this.db.prepare('SELECT hash FROM nodes WHERE id = ?');
    this.insertLeaf = this.db.prepare('INSERT INTO leaves (leaf_index, position) VALUES (?, ?)');
    this.insertNode = this.db.prepare('INSERT INTO nodes (id, hash) VALUES (?, ?)');
    this.leafOfPosition = this.db.prepare('SELECT leaf_index FROM leaves WHERE position = ?');
    this.positionOfLeaf = this.db.prepare('SELECT position FROM leaves WHERE leaf_index = ?');
    this.latestNote = this.db.prepare('SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1');
    this.noteAtSize = this.db.prepare('SELECT note FROM checkpoints WHERE tree_size = ?');
    this.insertNote = this.db.prepare(
      'INSERT OR IGNORE INTO checkpoints (tree_size, note, signed_at) VALUES (?, ?, ?)',
    );
  }

  /** The number of leaves and the position of the last one (0 when empty). */
  head(): { size: number; lastPosition: number } {
    const last = this.db.prepare('SELECT leaf_index, position FROM leaves ORDER BY leaf_index DESC LIMIT 1').get() as
      { leaf_index: number; position: number } | undefined;
    return last ? { size: last.leaf_index + 1, lastPosition: last.position } : { size: 0, lastPosition: 0 };
  }

  node(level: number, index: number): Hash {
    const row = this.getNode.get(level * LEVEL_STRIDE + index);
    if (!row) throw new RangeError(`the tree holds no node (${level}, ${index})`);
    return row.hash;
  }

  leafIndexOf(position: number): number | undefined {
    return this.leafOfPosition.get(position)?.leaf_index;
  }

  positionOf(leafIndex: number): number | undefined {
    return this.positionOfLeaf.get(leafIndex)?.position;
  }

  /**
   * Appends leaves after leaf `expectedSize - 1`, with every complete subtree they complete, in one
   * transaction. Answers false (and writes nothing) when the file's size is not `expectedSize`
   * any more: another process appended meanwhile, and the caller reads the head again.
   */
  append(expectedSize: number, leaves: readonly NewLeaf[]): boolean {
    return this.db
      .transaction(() => {
        if (this.head().size !== expectedSize) return false;
        const written = new Map<number, Hash>();
        const read = (level: number, index: number) =>
          written.get(level * LEVEL_STRIDE + index) ?? this.node(level, index);
        const put = (level: number, index: number, hash: Hash) => {
          const id = level * LEVEL_STRIDE + index;
          written.set(id, hash);
          this.insertNode.run(id, hash);
        };
        leaves.forEach((leaf, offset) => {
          const leafIndex = expectedSize + offset;
          this.insertLeaf.run(leafIndex, leaf.position);
          let level = 0;
          let index = leafIndex;
          let hash = leaf.hash;
          put(0, index, hash);
          while (index % 2 === 1) {
            hash = nodeHash(read(level, index - 1), hash);
            level++;
            index = (index - 1) / 2;
            put(level, index, hash);
          }
        });
        return true;
      })
      .immediate();
  }

  latestCheckpoint(): { size: number; note: string } | undefined {
    const row = this.latestNote.get();
    return row ? { size: row.tree_size, note: row.note } : undefined;
  }

  checkpointAt(size: number): string | undefined {
    return this.noteAtSize.get(size)?.note;
  }

  /** Stores a signed note unless one of that size exists (the same log and key sign the same note). */
  saveCheckpoint(size: number, note: string, signedAt: string): void {
    this.insertNote.run(size, note, signedAt);
  }

  /** Runs `fn` in one write transaction (so two processes never sign from different views). */
  exclusive<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}
