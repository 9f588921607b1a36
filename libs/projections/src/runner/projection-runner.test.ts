import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { join } from 'node:path';
import type { RecordedEvent } from '#event-store';
import { cycleProjection, unitProjection, type CyclePartition } from '../cycle-model/cycle-model.js';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan, type YearPlan } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';
import type { KeyedProjection } from './keyed-projection.js';
import { ProjectionRunner } from './projection-runner.js';

/** The reference year moved to another cluster and year, so that several cycles share the log. */
const planFor = (clusterId: string, year: number): YearPlan => ({ ...referencePlan(), clusterId, year });

/** Everything the read models answer about every cycle, as JSON. */
async function everything(models: ReadModels): Promise<string> {
  const cycles = await models.listCycles();
  const views = [];
  for (const { cycleId } of cycles) {
    views.push([
      await models.cycle(cycleId),
      await models.standings(cycleId),
      await models.vote(cycleId),
      await models.auditTrail(cycleId),
    ]);
  }
  return JSON.stringify({ cycles, views, deadlines: await models.unitDeadlines('an-phu', '2020-01-01T00:00:00Z') });
}

const PROJECTIONS = [cycleProjection, unitProjection];

function partitions(runner: ProjectionRunner): unknown[] {
  return PROJECTIONS.map((p) => runner.partitions(p.name));
}

describe('ProjectionRunner', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const dispose of disposers.splice(0).reverse()) await dispose();
  });
  const temp = () => {
    const t = tempStore();
    disposers.push(t.dispose);
    return t;
  };

  it('follows the log live, and a rebuild from position 0 gives identical read models', async () => {
    const { store, dir } = temp();
    const models = await ReadModels.start(store, { dataDir: dir });
    disposers.push(() => models.close());
    const driver = new CycleDriver(store);
    // Written while the read models follow the log, two cycles interleaved.
    const [a, b] = await Promise.all([
      playYear(driver, planFor('cum-a', 2020)),
      playYear(driver, planFor('cum-b', 2021)),
    ]);
    expect(await models.waitForPosition(Math.max(a.last, b.last))).toBe(true);
    expect(models.position).toBe(await store.headPosition());
    const live = await everything(models);
    expect((await models.listCycles()).map((c) => c.cycleId)).toEqual(['cum-a-2020', 'cum-b-2021']);

    const rebuilt = await models.rebuild();
    expect(rebuilt).toMatchObject({ events: (await store.readAll()).length, position: await store.headPosition() });
    expect(await everything(models)).toEqual(live);
  });

  it('answers the same with a cache too small to hold a cycle: partitions are read back from the file', async () => {
    const { store, dir } = temp();
    const driver = new CycleDriver(store);
    await playYear(driver, planFor('cum-a', 2020));
    await playYear(driver, planFor('cum-b', 2021));
    const roomy = await ReadModels.start(store, { dataDir: join(dir, 'roomy') });
    disposers.push(() => roomy.close());
    // Built with a 1-byte cache, then resumed from its file with one: every read goes to SQLite.
    await (await ReadModels.start(store, { dataDir: join(dir, 'tiny'), cacheBytes: 1, checkpointEvery: 10 })).close();
    const tiny = await ReadModels.start(store, { dataDir: join(dir, 'tiny'), cacheBytes: 1 });
    disposers.push(() => tiny.close());
    expect(await everything(tiny)).toEqual(await everything(roomy));
    // Live events on top of partitions that are no longer in memory.
    await playYear(driver, planFor('cum-c', 2021));
    const head = await store.headPosition();
    expect(await tiny.waitForPosition(head)).toBe(true);
    expect(await roomy.waitForPosition(head)).toBe(true);
    expect(await everything(tiny)).toEqual(await everything(roomy));
  });

  it('opens at once and catches up in the background; queries can wait for a position meanwhile', async () => {
    const { store, dir } = temp();
    const driver = new CycleDriver(store);
    for (const [cluster, year] of [
      ['cum-a', 2020],
      ['cum-b', 2021],
      ['cum-c', 2021],
    ] as const)
      await playYear(driver, planFor(cluster, year));
    const head = await store.headPosition();
    const models = await ReadModels.open(store, { dataDir: dir });
    disposers.push(() => models.close());
    expect(models.catchingUp).toBe(true);
    expect(models.catchingUpTo).toBe(head);
    expect(models.position).toBeLessThan(head);
    expect(await models.waitForPosition(head)).toBe(true);
    await models.caughtUp;
    expect(models.catchingUp).toBe(false);
    expect(models.catchingUpTo).toBeUndefined();
    expect((await models.listCycles()).map((c) => c.status)).toEqual(['closed', 'closed', 'closed']);
  });

  it('resumes from its checkpoint and ends where a full replay ends', async () => {
    const { store, dir } = temp();
    const driver = new CycleDriver(store);
    await playYear(driver, planFor('cum-a', 2020));
    const first = await ProjectionRunner.start(store, PROJECTIONS, {
      checkpointPath: join(dir, 'cp', 'projections.sqlite'),
      checkpointEvery: 7,
    });
    const checkpointed = first.position;
    expect(checkpointed).toBe(await store.headPosition());
    await first.close();

    await playYear(driver, planFor('cum-b', 2021));
    const resumed = await ProjectionRunner.start(store, PROJECTIONS, {
      checkpointPath: join(dir, 'cp', 'projections.sqlite'),
    });
    disposers.push(() => resumed.close());
    expect(resumed.resumedFrom).toBe(checkpointed);
    const replayed = await ProjectionRunner.start(store, PROJECTIONS, {
      checkpointPath: join(dir, 'fresh', 'projections.sqlite'),
    });
    disposers.push(() => replayed.close());
    expect(replayed.resumedFrom).toBe(0);
    expect(resumed.position).toBe(replayed.position);
    expect(partitions(resumed)).toEqual(partitions(replayed));
  });

  it('checkpoints every N events while it follows the log', async () => {
    const { store, dir } = temp();
    const path = join(dir, 'projections.sqlite');
    const runner = await ProjectionRunner.start(store, PROJECTIONS, {
      checkpointPath: path,
      checkpointEvery: 5,
      checkpointIntervalMs: 60_000,
    });
    const played = await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    expect(await runner.waitForPosition(played.last)).toBe(true);
    // Still running (closing writes one anyway): at most N - 1 events are not in the checkpoint.
    expect(runner.checkpointedPosition).toBeGreaterThanOrEqual(played.last - 4);
    expect(runner.checkpointedPosition).toBeLessThanOrEqual(played.last);
    await runner.close();
  });

  it('throws a checkpoint of other projections away and replays the log', async () => {
    const { store, dir } = temp();
    await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    const path = join(dir, 'projections.sqlite');
    await (await ProjectionRunner.start(store, PROJECTIONS, { checkpointPath: path })).close();
    const changed: KeyedProjection<CyclePartition> = { ...cycleProjection, version: cycleProjection.version + 1 };
    const runner = await ProjectionRunner.start(store, [changed, unitProjection], { checkpointPath: path });
    expect(runner.resumedFrom).toBe(0);
    expect(runner.position).toBe(await store.headPosition());
    await runner.close();
  });

  it('waitForPosition: true once the position is seen, false after the timeout', async () => {
    const { store, dir } = temp();
    const models = await ReadModels.start(store, { dataDir: dir });
    disposers.push(() => models.close());
    const driver = new CycleDriver(store);
    const waiting = models.waitForPosition(3, 5000);
    const played = await playYear(driver, planFor('cum-a', 2020));
    expect(await waiting).toBe(true);
    expect(await models.waitForPosition(played.last + 1000, 50)).toBe(false);
    expect(await models.waitForPosition(1, 0)).toBe(true);
  });

  it('a projection that throws skips that event and tells onError; the others go on', async () => {
    const { store, dir } = temp();
    await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    const failing: KeyedProjection<number> = {
      name: 'failing',
      version: 1,
      keyOf: () => 'all',
      apply: (count, event) => {
        if (event.type === 'ScoresLocked') throw new Error('boom');
        return (count ?? 0) + 1;
      },
    };
    const onError = jest.fn<(error: unknown, event?: RecordedEvent) => void>();
    const runner = await ProjectionRunner.start(store, [failing, ...PROJECTIONS], {
      checkpointPath: join(dir, 'p.sqlite'),
      onError,
    });
    disposers.push(() => runner.close());
    const all = await store.readAll();
    expect(runner.current.get<number>('failing', 'all')).toBe(all.length - 1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![1]!.type).toBe('ScoresLocked');
    expect(runner.current.get<CyclePartition>('cycle', 'cum-a-2020')!.cycle.status).toBe('closed');
  });

  it('a second process on the same folder keeps its read models in a file of its own and leaves the first one’s intact', async () => {
    const { store, dir } = temp();
    await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    const path = join(dir, 'projections.sqlite');
    const owner = await ProjectionRunner.start(store, PROJECTIONS, { checkpointPath: path });
    const second = await ProjectionRunner.start(store, PROJECTIONS, { checkpointPath: path });
    expect(owner.checkpointPath).toBe(path);
    expect(second.checkpointPath).toBe(join(dir, 'projections-1.sqlite'));
    expect(partitions(second)).toEqual(partitions(owner));
    await second.close();
    await owner.close();
    const next = await ProjectionRunner.start(store, PROJECTIONS, { checkpointPath: path });
    disposers.push(() => next.close());
    expect(next.resumedFrom).toBe(await store.headPosition());
  });

  it('two rebuilds asked at once share one', async () => {
    const { store, dir } = temp();
    await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    const runner = await ProjectionRunner.start(store, PROJECTIONS, { checkpointPath: join(dir, 'p.sqlite') });
    disposers.push(() => runner.close());
    const [a, b] = await Promise.all([runner.rebuild(), runner.rebuild()]);
    expect(a).toBe(b);
  });

  it('counts the events it replays (catch-up, then rebuild) and tells a rebuild the events it has left', async () => {
    const { store, dir } = temp();
    await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    const head = await store.headPosition();
    // A projection that notes, for each event a rebuild folds, what the runner says is left.
    const left: { position: number; remaining: number | undefined }[] = [];
    const started: { runner?: ProjectionRunner } = {};
    const watcher: KeyedProjection<number> = {
      name: 'watcher',
      version: 1,
      keyOf: () => 'all',
      apply: (n, event) => {
        if (started.runner) left.push({ position: event.position, remaining: started.runner.rebuildRemaining });
        return (n ?? 0) + 1;
      },
    };
    const runner = await ProjectionRunner.start(store, [watcher], {
      checkpointPath: join(dir, 'p.sqlite'),
      readBatchSize: 10,
    });
    started.runner = runner;
    disposers.push(() => runner.close());
    expect(runner.replayedEvents).toBe(head);
    expect(runner.rebuildRemaining).toBeUndefined();

    await runner.rebuild();
    expect(runner.replayedEvents).toBe(2 * head);
    expect(runner.rebuildRemaining).toBeUndefined();
    // Each event is folded onto the state at the one before it: `head - (position - 1)` left.
    expect(left).toEqual(Array.from({ length: head }, (_, i) => ({ position: i + 1, remaining: head - i })));
  });

  it('follows the log again after its subscription failed', async () => {
    const { store, dir } = temp();
    let failures = 1;
    // The real store, except that its first subscription breaks after one event.
    const flaky: typeof store = Object.create(store);
    flaky.subscribe = (options) => {
      const subscription = store.subscribe(options);
      if (failures-- <= 0) return subscription;
      return {
        close: () => subscription.close(),
        async *[Symbol.asyncIterator]() {
          for await (const event of subscription) {
            yield event;
            throw new Error('disk unplugged');
          }
        },
      };
    };
    const onError = jest.fn();
    const runner = await ProjectionRunner.start(flaky, PROJECTIONS, { checkpointPath: join(dir, 'p.sqlite'), onError });
    disposers.push(() => runner.close());
    const played = await playYear(new CycleDriver(store), planFor('cum-a', 2020));
    expect(await runner.waitForPosition(played.last, 10_000)).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk unplugged' }));
    expect(runner.current.get<CyclePartition>('cycle', 'cum-a-2020')!.cycle.status).toBe('closed');
  });

  it('follows the log again, from the last event applied, after the store ended its subscription unasked', async () => {
    const { store, dir } = temp();
    let ends = 1;
    const starts: number[] = [];
    // The real store, except that its first subscription ends cleanly after one event, as a server may end it.
    const ending: typeof store = Object.create(store);
    ending.subscribe = (options) => {
      starts.push(options?.after ?? 0);
      const subscription = store.subscribe(options);
      if (ends-- <= 0) return subscription;
      return {
        close: () => subscription.close(),
        async *[Symbol.asyncIterator]() {
          for await (const event of subscription) {
            yield event;
            return;
          }
        },
      };
    };
    const onError = jest.fn();
    const runner = await ProjectionRunner.start(ending, PROJECTIONS, {
      checkpointPath: join(dir, 'p.sqlite'),
      onError,
    });
    disposers.push(() => runner.close());
    const played = await playYear(new CycleDriver(store), planFor('cum-b', 2020));
    expect(await runner.waitForPosition(played.last, 10_000)).toBe(true);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'the event store ended the subscription' }),
    );
    expect(starts).toHaveLength(2);
    expect(starts[1]).toBeGreaterThan(starts[0]); // resumed after the event it had applied, not from the start
    expect(runner.current.get<CyclePartition>('cycle', 'cum-b-2020')!.cycle.status).toBe('closed');
  });
});
