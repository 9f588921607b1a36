/**
 * The start-up sweep: the log compared with the leaves the tree held at start, leaf by leaf — every event still
 * there at its place, its content still matching its hash, its leaf unchanged. O(n) reads and
 * hashes (about 15 s of CPU for 1,000,000 events here), so the API runs it in a worker thread
 * (`sweep-worker.ts`) on a store of its own; in-thread it yields to the event loop per page.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { hashEvent, type EventStore } from '#event-store';
import { eventLeafHash } from './leaf.js';
import type { TreeFile } from './tree-file.js';

/**
 * Answers how the log departs from the tree's first `size` leaves, or undefined when it does not
 * (or when `stopped` says so between pages: the caller then knows it did not finish).
 */
export async function sweepLog(
  store: EventStore,
  tree: Pick<TreeFile, 'positionOf' | 'node'>,
  size: number,
  pageSize: number,
  stopped: () => boolean = () => false,
): Promise<string | undefined> {
  let after = 0;
  let index = 0;
  while (index < size && !stopped()) {
    const events = await store.readAll({ after, maxCount: pageSize });
    if (events.length === 0) return `the store ends after ${index} events, the tree has ${size} leaves`;
    for (const event of events) {
      if (index >= size) break;
      const expected = tree.positionOf(index);
      if (event.position !== expected)
        return `leaf ${index} (position ${expected}) is no longer in the store, or another event took its place`;
      if (hashEvent(event) !== event.hash) return `the event at position ${event.position} no longer matches its hash`;
      if (!eventLeafHash(event).equals(tree.node(0, index)))
        return `the event at position ${event.position} (leaf ${index}) changed`;
      after = event.position;
      index++;
    }
    // The store's reads settle at once: without a turn of the event loop per page, years of log
    // would keep everything else in this thread waiting until the sweep is done.
    await yieldToEventLoop();
  }
  return undefined;
}
