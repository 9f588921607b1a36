/**
 * A first build of the read models on a long log runs in a worker thread of the built server
 * (health says how far it has gone, `buildPosition`), and the file it builds, once swapped in,
 * answers exactly what a build in the caller's thread answers.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { ReadModels } from '#projections';
import { CycleDriver, playYear, syntheticPlan } from '#projections/testing';
import { ApiClient, Tokens } from '#scenario';
import { spawnChildServer, type ChildServer } from '../support/child-server.js';
import { TEST_ENV, TEST_JWT_SECRET, makeDataDir } from '../support/test-server.js';

/** Events no projection folds, appended in big batches: a long log made in a few seconds. */
const FILLER_EVENTS = 150_000;

const dataDir = makeDataDir();
let server: ChildServer | undefined;

afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the first build of the read models on a long log', () => {
  it('runs in its own thread, then answers what a build here answers', async () => {
    const store = SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    const driver = new CycleDriver(store);
    const cycles: string[] = [];
    for (let i = 0; i < 3; i++) cycles.push((await playYear(driver, syntheticPlan(i, 6))).cycleId);
    expect(new Set(cycles).size).toBe(3);
    for (let batch = 0; batch < FILLER_EVENTS / 1000; batch++)
      await store.append(
        `filler-${batch}`,
        Array.from({ length: 1000 }, (_, i) => ({
          type: 'FillerRecorded',
          data: { i },
          metadata: {
            eventId: `filler-${batch}-${i}`,
            commandId: `filler-${batch}`,
            correlationId: `filler-${batch}`,
            causationId: `filler-${batch}`,
            actor: { userId: 'filler', role: 'province-office' },
            occurredAt: '2024-01-01T00:00:00.000Z',
            schemaVersion: 1,
          },
        })),
        'no-stream',
      );
    // The last cycle is played after the filler: the built file must be caught up past it.
    cycles.push((await playYear(driver, syntheticPlan(3, 6))).cycleId);
    const head = await store.headPosition();
    const here = await ReadModels.start(store, { dataDir: join(dataDir, 'here') });
    const expected = await Promise.all(cycles.map((id) => here.standings(id)));
    await here.close();
    await store.close();

    server = await spawnChildServer({ ...TEST_ENV, DATA_DIR: dataDir });
    const api = new ApiClient(server.url);
    const seen: number[] = [];
    for (const started = Date.now(); Date.now() - started < 120_000;) {
      const health = await api.send('GET', '/health').catch(() => undefined);
      const models = health?.body?.readModels as { catchingUp?: boolean; buildPosition?: number } | undefined;
      if (models?.buildPosition !== undefined) seen.push(models.buildPosition);
      if (health?.status === 200 && models?.catchingUp === false) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.length).toBeGreaterThan(0);
    const health = await api.ok('GET', '/health');
    expect(health.body.readModels).toEqual({ position: head, catchingUp: false });
    const token = await new Tokens(TEST_JWT_SECRET).province();
    for (const [i, id] of cycles.entries()) {
      const res = await api.ok('GET', `/cycles/${id}/standings`, { token });
      expect(res.body).toEqual(JSON.parse(JSON.stringify(expected[i])));
    }
  }, 180_000);
});
