/**
 * `sweepLog` in a worker thread: it opens the store (`createEventStore`) and the tree file on
 * connections of its own, so the sweep's reads, hashes and garbage stay off the API's thread and
 * heap, and posts `{ diverged }` (a reason, or undefined) when done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore, type EventStoreConfig } from '#event-store';
import { sweepLog } from './sweep.js';
import { TreeFile } from './tree-file.js';

export interface SweepWorkerData {
  eventStore: EventStoreConfig;
  treePath: string;
  size: number;
  pageSize: number;
}

const { eventStore, treePath, size, pageSize } = workerData as SweepWorkerData;
const store = await createEventStore(eventStore);
// The sweep reads the leaves in order, each tile of 30 once: a few tiles of cache are enough.
const tree = new TreeFile(treePath, { cachedTiles: 16 });
try {
  parentPort!.postMessage({ diverged: await sweepLog(store, tree, size, pageSize) });
} finally {
  tree.close();
  await store.close();
}
