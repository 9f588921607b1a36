/**
 * Fills (or grows) a SQLite event log to a number of events with synthetic cycles played by the
 * project's own driver, one worker thread per core, each into a file of its own; the threads' rows
 * are then appended to the log as they are (a cycle's streams are all in one thread's file, and a
 * hash chain is per stream and does not cover the position, so the copied chains stay whole and
 * each cycle keeps its order). Cycles are numbered from 1 with no gap, so a log holding n cycles
 * grows with cycle n + 1 onwards.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EVENTS_TABLE_DDL, configureConnection } from '#event-store/sqlite';

export interface FillWorkerData {
  /** This thread's own store file. */
  path: string;
  /** Events to add, all threads together. */
  toAdd: number;
  /** Int32Array over a SharedArrayBuffer: [0] the last cycle number handed out, [1] events added.
   * Every number handed out is played: a thread plays its whole batch before it looks again. */
  shared: Int32Array;
  unitsPerCycle: number;
  /** Cycles played at once by this thread: their appends share the store's group commits. */
  concurrentCycles: number;
}

export const LAST_CYCLE = 0;
export const EVENTS_ADDED = 1;

export interface FillResult {
  /** Events in the log afterwards. */
  events: number;
  /** Cycles this fill added. */
  cycles: number;
  /** The whole fill, and of which the copy of the threads' rows into the log. */
  ms: number;
  mergeMs: number;
  threads: number;
}

const COLUMNS = 'stream_id, revision, type, data, metadata, prev_hash, hash';

export async function fillLog(
  path: string,
  target: number,
  options: { unitsPerCycle?: number; concurrentCycles?: number; threads?: number } = {},
): Promise<FillResult> {
  const started = performance.now();
  const log = new Database(path);
  try {
    configureConnection(log);
    log.exec(EVENTS_TABLE_DDL);
    const head = () => (log.prepare('SELECT max(position) FROM events').pluck().get() as number | null) ?? 0;
    const toAdd = target - head();
    const threads = options.threads ?? availableParallelism();
    const opened = log.prepare("SELECT count(*) FROM events WHERE type = 'CycleOpened'").pluck().get() as number;
    const shared = new Int32Array(new SharedArrayBuffer(8));
    Atomics.store(shared, LAST_CYCLE, opened);
    const files = Array.from({ length: threads }, (_, i) => join(dirname(path), `fill-thread-${i}.sqlite`));
    const cycles =
      toAdd <= 0
        ? []
        : await Promise.all(
            files.map((file) => {
              const data: FillWorkerData = {
                path: file,
                toAdd,
                shared,
                unitsPerCycle: options.unitsPerCycle ?? 20,
                concurrentCycles: options.concurrentCycles ?? 64,
              };
              return new Promise<number>((resolve, reject) => {
                const worker = new Worker(new URL('./fill-worker.js', import.meta.url), { workerData: data });
                worker.once('message', resolve);
                worker.once('error', reject);
                worker.once('exit', (code) => reject(new Error(`fill worker exited with code ${code}`)));
              });
            }),
          );
    const merging = performance.now();
    for (const file of toAdd <= 0 ? [] : files) {
      log.prepare('ATTACH DATABASE ? AS thread').run(file);
      log.exec(`INSERT INTO main.events (${COLUMNS}) SELECT ${COLUMNS} FROM thread.events ORDER BY position`);
      log.exec('DETACH DATABASE thread');
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
    const done = performance.now();
    return {
      events: head(),
      cycles: cycles.reduce((n, c) => n + c, 0),
      ms: done - started,
      mergeMs: done - merging,
      threads,
    };
  } finally {
    log.close();
  }
}
