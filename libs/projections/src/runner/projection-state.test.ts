import { describe, expect, it } from '@jest/globals';
import type { KeyedProjection } from './keyed-projection.js';
import { ProjectionState, type PartitionSource } from './projection-state.js';

const counts: KeyedProjection<{ key: string; padding: string }> = {
  name: 'counts',
  version: 1,
  keyOf: () => undefined,
  apply: (state) => state!,
};

/** A file holding `n` partitions of about 1 KB of JSON each, counting the reads that reach it. */
function fileOf(n: number): PartitionSource & { loads: number } {
  const file = {
    loads: 0,
    load(_generation: number, _projection: string, key: string) {
      if (Number(key.slice(1)) >= n) return undefined;
      file.loads++;
      return JSON.stringify({ key, padding: 'x'.repeat(1000) });
    },
  };
  return file;
}

describe('the partitions a projection state keeps in memory', () => {
  it('stay within the cache bound when only read: queries alone do not fill the memory', () => {
    const file = fileOf(2000);
    const state = new ProjectionState([counts], { generation: 1, source: file, sourceHolds: true, cacheBytes: 50_000 });
    for (let i = 0; i < 2000; i++) expect(state.get('counts', `p${i}`)).toMatchObject({ key: `p${i}` });
    // About 1 KB each: no more than the 50 KB bound allows.
    expect(state.cached).toBeGreaterThan(10);
    expect(state.cached).toBeLessThanOrEqual(50);
  });

  it('evict the least recently read first', () => {
    const file = fileOf(100);
    const state = new ProjectionState([counts], { generation: 1, source: file, sourceHolds: true, cacheBytes: 20_000 });
    state.get('counts', 'p0');
    for (let i = 1; i < 100; i++) {
      state.get('counts', `p${i}`);
      state.get('counts', 'p0'); // read all along: never the oldest
    }
    const loads = file.loads;
    expect(state.get('counts', 'p0')).toMatchObject({ key: 'p0' });
    expect(file.loads).toBe(loads);
    // An early one not read since was evicted, and comes back from the file.
    state.get('counts', 'p1');
    expect(file.loads).toBe(loads + 1);
  });
});
