/**
 * Rebuilding every read model from 200,000 events (issue 4's target: ≥ 100,000 events/s), against
 * the ceiling of the same run: reading the same events back with the store's `readAll` (which
 * parses their JSON), in the same page size as the rebuild, the two measured in turns (best of 3).
 * The events are made by the domain's deciders: synthetic cycles of 20 units played from opening
 * to decision.
 * `PROJECTIONS_BENCH_EVENTS` shrinks the log for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { ReadModels, type RebuildResult } from '#projections';
import { CycleDriver } from '#projections/testing';
import { playYear } from '#projections/testing';
import { syntheticPlan } from '#projections/testing';
import type { BenchSection, SectionResult } from '../section.js';

const TARGET_EVENTS = Number(process.env.PROJECTIONS_BENCH_EVENTS ?? 200_000);
const UNITS_PER_CYCLE = 20;
/** Cycles played at once: their appends share the store's group commits. */
const CONCURRENT_CYCLES = 64;
const PAGE = 2000;

async function fill(store: SqliteEventStore): Promise<number> {
  const driver = new CycleDriver(store);
  let index = 0;
  while ((await store.headPosition()) < TARGET_EVENTS) {
    const batch = Array.from({ length: CONCURRENT_CYCLES }, () => syntheticPlan(++index, UNITS_PER_CYCLE));
    await Promise.all(batch.map((plan) => playYear(driver, plan)));
  }
  return index;
}

/** The ceiling: every event read back through the store, page by page, JSON parsed. */
async function readEverything(store: SqliteEventStore): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1]!.position;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

function fastest<T extends { ms: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

const section: BenchSection = {
  order: 40,
  title: 'projections: rebuild every read model from the log',
  async run(): Promise<SectionResult> {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-projections-'));
    const path = join(dir, 'events.sqlite');
    const filling = SqliteEventStore.open({ path });
    const cycles = await fill(filling);
    // Reopened, as a restarted server finds it (closing folds the write-ahead log into the file).
    await filling.close();
    const store = SqliteEventStore.open({ path });
    try {
      const events = (await store.readAll()).length;
      const models = await ReadModels.start(store, { dataDir: join(dir, 'data') });
      // Ceiling and rebuild in turns, so that both meet the same conditions of the machine.
      const ceilings: { ms: number; result: number }[] = [];
      const rebuilds: { ms: number; result: RebuildResult }[] = [];
      for (let i = 0; i < 3; i++) {
        ceilings.push(await timed(() => readEverything(store)));
        rebuilds.push(await timed(() => models.rebuild()));
      }
      const ceiling = fastest(ceilings);
      const rebuild = fastest(rebuilds);
      if (rebuild.result.events !== events || ceiling.result !== events) {
        throw new Error(
          `rebuild saw ${rebuild.result.events} events, readAll ${ceiling.result}, the log holds ${events}`,
        );
      }
      // The on-demand read models of one cycle: its streams read back and folded into the trail.
      const list = await models.listCycles();
      const trails = await timed(async () => {
        let entries = 0;
        for (const { cycleId } of list) entries += (await models.auditTrail(cycleId))!.length;
        return entries;
      });
      await models.close();

      const readAllPerSecond = events / (ceiling.ms / 1000);
      const rebuildEventsPerSecond = events / (rebuild.ms / 1000);
      const trailEventsPerSecond = events / (trails.ms / 1000);
      const rebuildVsReadAll = rebuildEventsPerSecond / readAllPerSecond;
      return {
        rows: [
          {
            name: `ceiling: store.readAll of ${events} events (${cycles} cycles), pages of ${PAGE}`,
            value: readAllPerSecond,
            unit: 'events/s',
          },
          {
            name: 'rebuild every read model from position 0 (incl. the final checkpoint)',
            value: rebuildEventsPerSecond,
            unit: 'events/s',
          },
          {
            name: 'of which: writing the rebuilt state whole as the checkpoint',
            value: rebuild.result.checkpointMs,
            unit: 'ms',
          },
          {
            name: 'rebuild without that checkpoint (read and fold only)',
            value: events / ((rebuild.ms - rebuild.result.checkpointMs) / 1000),
            unit: 'events/s',
          },
          {
            name: 'audit trail of every cycle, read back and folded on demand',
            value: trailEventsPerSecond,
            unit: 'events/s',
          },
        ],
        figures: { rebuildEventsPerSecond, projectionsBenchEvents: events },
        ratios: { rebuildVsReadAll },
        targets: [
          {
            name: 'rebuild ≥ 100,000 events/s',
            met: rebuildEventsPerSecond >= 100_000,
            detail: `${Math.round(rebuildEventsPerSecond)} events/s over ${events} events (${rebuildVsReadAll.toFixed(2)} of readAll)`,
          },
        ],
      };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
