/**
 * One thread of the scale benchmark's fill: plays synthetic cycles through the project's own
 * driver (`CycleDriver`, `playYear`, `syntheticPlan`) into a SQLite store of its own, until the
 * threads together have added what the fill asked for. A file per thread: threads sharing one file
 * wait for each other's write lock (SQLite's busy handler sleeps), which made two threads slower
 * than one. Cycle numbers come from a counter shared by the
 * threads, so no two play the same cycle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '#event-store/sqlite';
import { CycleDriver, playYear, syntheticPlan } from '#projections/testing';
import { EVENTS_ADDED, LAST_CYCLE, type FillWorkerData } from './fill-log.js';

async function fill({ path, toAdd, shared, unitsPerCycle, concurrentCycles }: FillWorkerData): Promise<number> {
  const store = SqliteEventStore.open({ path });
  let cycles = 0;
  try {
    while (Atomics.load(shared, EVENTS_ADDED) < toAdd) {
      // A driver per batch: its folded streams are dropped with the batch's cycles, all closed.
      const driver = new CycleDriver(store);
      const before = await store.headPosition();
      const plans = Array.from({ length: concurrentCycles }, () =>
        syntheticPlan(Atomics.add(shared, LAST_CYCLE, 1) + 1, unitsPerCycle),
      );
      await Promise.all(plans.map((plan) => playYear(driver, plan)));
      Atomics.add(shared, EVENTS_ADDED, (await store.headPosition()) - before);
      cycles += plans.length;
    }
  } finally {
    await store.close();
  }
  return cycles;
}

fill(workerData as FillWorkerData).then(
  (cycles) => parentPort!.postMessage(cycles),
  (error: unknown) => {
    throw error;
  },
);
