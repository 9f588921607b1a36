/**
 * LogFollower over a store that fails in the middle of a catch-up: the next catch-up resumes after
 * the last event it applied, never from position 0 and never applying an event twice.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, ReadAllOptions, RecordedEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { contractEvent } from '#event-store/testing';
import { LogFollower } from './log-follower.js';

describe('LogFollower', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('resumes after the last event it applied when a read fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-follower-'));
    const real = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => real.close());
    const reads: number[] = [];
    let failNext = false;
    const store: EventStore = Object.create(real);
    store.readAll = async (options?: ReadAllOptions) => {
      reads.push(options?.after ?? 0);
      if (failNext) {
        failNext = false;
        throw new Error('connection dropped');
      }
      return real.readAll(options);
    };
    const follower = new LogFollower(store, [] as RecordedEvent[], (seen, event) => seen.push(event));
    const first = await real.append('s', [contractEvent('A'), contractEvent('B')], 'no-stream');
    await follower.catchUp();
    await real.append('s', [contractEvent('C')], 1);
    failNext = true;
    await expect(follower.catchUp()).rejects.toThrow('connection dropped');
    await follower.catchUp();
    expect(follower.model.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    expect(reads).toEqual([0, first.position, first.position]);
  });
});
