/**
 * What a careful attacker holding the database and the signing key does to a stopped DATA_DIR:
 * edits an event, recomputes every later hash of its stream (the chains verify again), and throws
 * the tree away so that the restarted server rebuilds it from the rewritten log and re-signs it.
 * Only a checkpoint kept from before can tell (libs/transparency/test/tampering.test.ts does the
 * same on the library).
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hashCanonicalEvent } from '#event-store';

interface EventRow {
  position: number;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/** Rewrites the data of the stream's first event with `edit` and re-chains the stream in `DATA_DIR/events.sqlite`. */
export function rewriteStream(dataDir: string, streamId: string, edit: (data: string) => string): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    const rows = db
      .prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision')
      .all(streamId) as EventRow[];
    if (rows.length === 0) throw new Error(`no stream ${streamId} to rewrite`);
    const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?');
    let prevHash: string | null = null;
    db.transaction(() => {
      for (const row of rows) {
        const dataJson = row.revision === 0 ? edit(row.data) : row.data;
        const hash = hashCanonicalEvent({
          streamId,
          revision: row.revision,
          type: row.type,
          dataJson,
          metadataJson: row.metadata,
          prevHash,
        });
        update.run(dataJson, prevHash, hash, row.position);
        prevHash = hash;
      }
    })();
  } finally {
    db.close();
  }
}

/** Removes the signed tree (`DATA_DIR/transparency.sqlite`): the next start rebuilds it from the log as it is. */
export function dropTree(dataDir: string): void {
  for (const file of ['transparency.sqlite', 'transparency.sqlite-wal', 'transparency.sqlite-shm'])
    rmSync(join(dataDir, file), { force: true });
}
