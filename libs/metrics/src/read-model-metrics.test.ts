import { afterEach, describe, expect, it } from '@jest/globals';
import { ReadModels } from '#projections';
import { CycleDriver, playYear, referencePlan, tempStore } from '#projections/testing';
import { parseMetrics, valueOf } from '../../../tests/support/metrics.js';
import { watchReadModels, type ReadModelsProgress } from './read-model-metrics.js';
import { createMetricsRegistry } from './registry.js';

describe('watchReadModels', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const dispose of disposers.splice(0).reverse()) await dispose();
  });

  it("tells the read models' position, the store's head, the lag and the events replayed at start", async () => {
    const { store, dir, dispose } = tempStore();
    disposers.push(dispose);
    await playYear(new CycleDriver(store), referencePlan());
    const head = await store.headPosition();
    const models = await ReadModels.start(store, { dataDir: dir });
    disposers.push(() => models.close());
    const registry = createMetricsRegistry({ defaults: false });
    watchReadModels(registry, models, store);

    const samples = parseMetrics(await registry.metrics());
    expect(head).toBeGreaterThan(0);
    expect(valueOf(samples, 'thidua_read_model_position')).toBe(head);
    expect(valueOf(samples, 'thidua_event_store_head_position')).toBe(head);
    expect(valueOf(samples, 'thidua_read_model_lag_events')).toBe(0);
    expect(valueOf(samples, 'thidua_read_model_replayed_events_total')).toBe(head);
    expect(valueOf(samples, 'thidua_read_model_rebuilding')).toBe(0);
    expect(valueOf(samples, 'thidua_read_model_rebuild_remaining_events')).toBe(0);
  });

  it('shows a lag and a rebuild under way, and keeps the last head while the store does not answer', async () => {
    const { store, dispose } = tempStore();
    disposers.push(dispose);
    await playYear(new CycleDriver(store), referencePlan());
    const head = await store.headPosition();
    const progress: ReadModelsProgress = { position: 3, replayedEvents: 7, rebuildRemaining: 5 };
    let answers = true;
    const registry = createMetricsRegistry({ defaults: false });
    watchReadModels(registry, progress, {
      headPosition: () => (answers ? store.headPosition() : Promise.reject(new Error('store down'))),
    });

    const first = parseMetrics(await registry.metrics());
    expect(valueOf(first, 'thidua_read_model_lag_events')).toBe(head - 3);
    expect(valueOf(first, 'thidua_read_model_replayed_events_total')).toBe(7);
    expect(valueOf(first, 'thidua_read_model_rebuilding')).toBe(1);
    expect(valueOf(first, 'thidua_read_model_rebuild_remaining_events')).toBe(5);

    answers = false;
    const down = parseMetrics(await registry.metrics());
    expect(valueOf(down, 'thidua_event_store_head_position')).toBe(head);
    expect(valueOf(down, 'thidua_read_model_lag_events')).toBe(head - 3);
  });
});
