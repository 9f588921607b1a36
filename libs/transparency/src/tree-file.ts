/**
 * The tree's own SQLite file (`DATA_DIR/transparency.sqlite`): what the log's Merkle tree keeps so
 * that roots and proofs of any size cost O(log n) reads, and the checkpoints signed so far. Derived
 * from the store's ordered log only, so it works the same over every EventStore adapter; several
 * API processes on one DATA_DIR share it (WAL, one writer at a time, `BEGIN IMMEDIATE`).
 *
 * - `runs`: leaf index → the event's position, one row per run of consecutive positions (a log
 *   without gaps is one row); a run starts at `leaf_index`, at `position`, for `length` leaves;
 * - `tiles`: every complete subtree's hash (level 0: leaf hashes), 30 to a row (`tiles.ts`);
 * - `checkpoints`: every signed note, by tree size.
 *
 * Files of the first layout (a `leaves` row per leaf, a `nodes` row per hash) are converted when
 * opened: their leaf hashes are appended again, which gives the same nodes.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { writeEventLeafHash, type LeafFields } from './leaf.js';
import { writeNodeHash, type Hash, type NodeId, type NodeSource } from './merkle.js';
import { TileCache } from './tile-cache.js';
import { HASH_BYTES, TILE_BYTES, TILE_HEIGHT, TILE_WIDTH, tileSlot, type TileSlot } from './tiles.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE, length INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS tiles (id INTEGER PRIMARY KEY, width INTEGER NOT NULL, hashes BLOB NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS checkpoints (tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL, signed_at TEXT NOT NULL) STRICT;
`;

/** Leaves converted per step from a file of the first layout. */
const CONVERT_PAGE = 10_000;

/** Complete tiles kept in memory by default: 4,096 × 960 bytes, about 4 MB. */
const CACHED_TILES = 4096;

export interface TreeFileOptions {
  /** How many complete tiles to keep in memory (default 4096, about 4 MB); 0: none. */
  cachedTiles?: number;
}

export interface NewLeaf {
  position: number;
  hash: Hash;
}

interface Run {
  leaf_index: number;
  position: number;
  length: number;
}

interface TileRow {
  width: number;
  hashes: Buffer;
}

/** Where the nodes of each height start in a tile, in hashes: 16 bottom ones, then 8, 4 and 2. */
const IN_TILE = [0, 16, 24, 28];

function nodeOf(hashes: Buffer, slot: TileSlot): Hash {
  return hashes.subarray(slot.offset, slot.offset + HASH_BYTES);
}

export class TreeFile implements NodeSource {
  private readonly db: Db;
  private readonly lastRun: Statement<[], Run>;
  private readonly runOfLeaf: Statement<[number], Run>;
  private readonly runOfPosition: Statement<[number], Run>;
  private readonly putRun: Statement<[number, number, number]>;
  private readonly getTile: Statement<[number], TileRow>;
  private readonly getTiles: Statement<[string], TileRow & { id: number }>;
  private readonly putTile: Statement<[number, number, Buffer]>;
  private readonly latestNote: Statement<[], { tree_size: number; note: string }>;
  private readonly noteAtSize: Statement<[number], { note: string }>;
  private readonly insertNote: Statement<[number, string, string]>;

  private readonly cache: TileCache;
  /** The run `leafIndexOf` found last: a cycle's events mostly fall in one. */
  private lastRunFound: Run | undefined;
  /** The run `positionOf` found last: the start-up sweep asks leaf after leaf, mostly in one run. */
  private lastRunOfLeaf: Run | undefined;

  constructor(path: string, options: TreeFileOptions = {}) {
    this.cache = new TileCache(options.cachedTiles ?? CACHED_TILES);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // The tree is derived from the log and re-derivable; NORMAL loses at most the last commits on
    // power loss, which the next catch-up appends again. Signed notes are re-signed the same way.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const runColumns = 'leaf_index, position, length';
    this.lastRun = this.db.prepare(`SELECT ${runColumns} FROM runs ORDER BY leaf_index DESC LIMIT 1`);
    this.runOfLeaf = this.db.prepare(
      `SELECT ${runColumns} FROM runs WHERE leaf_index <= ? ORDER BY leaf_index DESC LIMIT 1`,
    );
    this.runOfPosition = this.db.prepare(
      `SELECT ${runColumns} FROM runs WHERE position <= ? ORDER BY position DESC LIMIT 1`,
    );
    this.putRun = this.db.prepare(
      `INSERT INTO runs (${runColumns}) VALUES (?, ?, ?) ` +
        'ON CONFLICT (leaf_index) DO UPDATE SET length = excluded.length',
    );
    this.getTile = this.db.prepare('SELECT width, hashes FROM tiles WHERE id = ?');
    this.getTiles = this.db.prepare('SELECT id, width, hashes FROM tiles WHERE id IN (SELECT value FROM json_each(?))');
    this.putTile = this.db.prepare(
      'INSERT INTO tiles (id, width, hashes) VALUES (?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET width = excluded.width, hashes = excluded.hashes',
    );
    this.latestNote = this.db.prepare('SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1');
    this.noteAtSize = this.db.prepare('SELECT note FROM checkpoints WHERE tree_size = ?');
    this.insertNote = this.db.prepare(
      'INSERT OR IGNORE INTO checkpoints (tree_size, note, signed_at) VALUES (?, ?, ?)',
    );
    this.convertFirstLayout();
  }

  /** The number of leaves and the position of the last one (0 when empty). */
  head(): { size: number; lastPosition: number } {
    const last = this.lastRun.get();
    return last
      ? { size: last.leaf_index + last.length, lastPosition: last.position + last.length - 1 }
      : { size: 0, lastPosition: 0 };
  }

  node(level: number, index: number): Hash {
    const slot = tileSlot(level, index);
    const cached = this.cache.get(slot.tile);
    if (cached) return nodeOf(cached, slot);
    const row = this.getTile.get(slot.tile);
    if (!row || row.width < slot.needsWidth) throw new RangeError(`the tree holds no node (${level}, ${index})`);
    this.cache.offer(slot.tile, row.width, row.hashes);
    return nodeOf(row.hashes, slot);
  }

  /** A source holding these nodes: the tiles not in memory read in one query. */
  nodes(ids: readonly NodeId[]): NodeSource {
    const tiles = new Map<number, TileRow>();
    const missing = new Set<number>();
    for (const { level, index } of ids) {
      const { tile } = tileSlot(level, index);
      if (tiles.has(tile) || missing.has(tile)) continue;
      const cached = this.cache.get(tile);
      if (cached) tiles.set(tile, { width: TILE_WIDTH, hashes: cached });
      else missing.add(tile);
    }
    if (missing.size > 0) {
      for (const row of this.getTiles.all(JSON.stringify([...missing]))) {
        tiles.set(row.id, row);
        this.cache.offer(row.id, row.width, row.hashes);
      }
    }
    return {
      node: (level, index) => {
        const slot = tileSlot(level, index);
        const row = tiles.get(slot.tile);
        return row && row.width >= slot.needsWidth ? nodeOf(row.hashes, slot) : this.node(level, index);
      },
    };
  }

  leafIndexOf(position: number): number | undefined {
    const inRun = (run: Run | undefined): run is Run =>
      run !== undefined && position >= run.position && position < run.position + run.length;
    let run = this.lastRunFound;
    if (!inRun(run)) {
      run = this.runOfPosition.get(position);
      if (!inRun(run)) return undefined;
      this.lastRunFound = run;
    }
    return run.leaf_index + (position - run.position);
  }

  positionOf(leafIndex: number): number | undefined {
    const inRun = (run: Run | undefined): run is Run =>
      run !== undefined && leafIndex >= run.leaf_index && leafIndex < run.leaf_index + run.length;
    let run = this.lastRunOfLeaf;
    if (!inRun(run)) {
      run = this.runOfLeaf.get(leafIndex);
      if (!inRun(run)) return undefined;
      this.lastRunOfLeaf = run;
    }
    return run.position + (leafIndex - run.leaf_index);
  }

  /**
   * Appends leaves after leaf `expectedSize - 1`, with every complete subtree they complete, in one
   * transaction. Answers false (and writes nothing) when the file's size is not `expectedSize`
   * any more: another process appended meanwhile, and the caller reads the head again.
   */
  append(expectedSize: number, leaves: readonly NewLeaf[]): boolean {
    return this.appendIf(expectedSize, () =>
      this.write(
        leaves.length,
        (i) => leaves[i]!.position,
        (i, target, offset) => leaves[i]!.hash.copy(target, offset),
      ),
    );
  }

  /** `append` of the events' leaves, each leaf hash computed straight into its tile. */
  appendEvents(expectedSize: number, events: readonly LeafFields[]): boolean {
    return this.appendIf(expectedSize, () =>
      this.write(
        events.length,
        (i) => events[i]!.position,
        (i, target, offset) => writeEventLeafHash(events[i]!, target, offset),
      ),
    );
  }

  private appendIf(expectedSize: number, write: () => void): boolean {
    return this.db
      .transaction(() => {
        if (this.head().size !== expectedSize) return false;
        write();
        return true;
      })
      .immediate();
  }

  /**
   * Writes `count` leaves after the head: their runs, then the tiles they touch, each once. Every
   * hash is written in place in its tile; a node's two children sit side by side in theirs. Inside
   * a tile a node's place is arithmetic (`IN_TILE`); only a node at the bottom of the tile above
   * looks its tile up.
   */
  private write(
    count: number,
    positionAt: (i: number) => number,
    writeLeafHash: (i: number, target: Buffer, offset: number) => void,
  ): void {
    if (count === 0) return;
    const head = this.head();
    const runs: Run[] = [];
    let run = this.lastRun.get();
    let lastPosition = head.size > 0 ? head.lastPosition : 0;
    for (let i = 0; i < count; i++) {
      const position = positionAt(i);
      if (!(Number.isSafeInteger(position) && position > lastPosition))
        throw new RangeError(`leaf position ${position} does not come after position ${lastPosition}`);
      if (run && position === run.position + run.length) run.length++;
      else {
        if (run) runs.push(run);
        run = { leaf_index: head.size + i, position, length: 1 };
      }
      lastPosition = position;
    }
    runs.push(run!);
    const tiles = new Map<number, TileRow>();
    const tileOf = (slot: TileSlot): TileRow => {
      let row = tiles.get(slot.tile);
      if (!row) {
        row = this.getTile.get(slot.tile) ?? { width: 0, hashes: Buffer.alloc(TILE_BYTES) };
        if (row.hashes.length !== TILE_BYTES)
          throw new Error(`tile ${slot.tile} of the tree file is not ${TILE_BYTES} bytes`);
        tiles.set(slot.tile, row);
      }
      if (row.width < slot.needsWidth) row.width = slot.needsWidth;
      return row;
    };
    let bottom: TileRow | undefined;
    for (let i = 0; i < count; i++) {
      const leafIndex = head.size + i;
      const inBottom = leafIndex % TILE_WIDTH;
      if (!bottom || inBottom === 0) bottom = tileOf(tileSlot(0, leafIndex));
      if (bottom.width <= inBottom) bottom.width = inBottom + 1;
      writeLeafHash(i, bottom.hashes, inBottom * HASH_BYTES);
      // Up from the leaf while the node just written is a right child: its parent is complete.
      let row = bottom;
      let inTile = inBottom;
      let offset = inBottom * HASH_BYTES;
      for (let level = 0, index = leafIndex; index % 2 === 1; level++, index = (index - 1) / 2) {
        const height = (level + 1) % TILE_HEIGHT;
        let parent: TileRow;
        let parentOffset: number;
        if (height === 0) {
          const slot = tileSlot(level + 1, (index - 1) / 2);
          parent = tileOf(slot);
          parentOffset = slot.offset;
          inTile = parentOffset / HASH_BYTES;
        } else {
          parent = row;
          inTile >>= 1;
          parentOffset = (IN_TILE[height]! + inTile) * HASH_BYTES;
        }
        writeNodeHash(row.hashes, offset - HASH_BYTES, parent.hashes, parentOffset);
        row = parent;
        offset = parentOffset;
      }
    }
    for (const r of runs) this.putRun.run(r.leaf_index, r.position, r.length);
    for (const [id, row] of tiles) this.putTile.run(id, row.width, row.hashes);
  }

  /** Converts a file of the first layout (`leaves`, `nodes`) in one transaction, then drops it. */
  private convertFirstLayout(): void {
    const hasOld = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'leaves'").pluck();
    if (!hasOld.get()) return;
    this.exclusive(() => {
      if (!hasOld.get()) return;
      if (this.head().size > 0) throw new Error('the tree file holds both layouts: an operator must look');
      const page = this.db.prepare(
        'SELECT l.leaf_index AS leafIndex, l.position, n.hash FROM leaves l LEFT JOIN nodes n ON n.id = l.leaf_index ' +
          'WHERE l.leaf_index >= ? ORDER BY l.leaf_index LIMIT ?',
      );
      for (let size = 0; ;) {
        const rows = page.all(size, CONVERT_PAGE) as { leafIndex: number; position: number; hash: Buffer | null }[];
        if (rows.length === 0) break;
        rows.forEach((row, i) => {
          if (row.leafIndex !== size + i || !row.hash) throw new Error(`the tree file has no leaf ${size + i}`);
        });
        this.write(
          rows.length,
          (i) => rows[i]!.position,
          (i, target, offset) => rows[i]!.hash!.copy(target, offset),
        );
        size += rows.length;
      }
      this.db.exec('DROP TABLE leaves; DROP TABLE nodes;');
    });
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
