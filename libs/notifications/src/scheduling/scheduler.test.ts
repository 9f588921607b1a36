/**
 * The scheduler over a store whose subscription drops or ends (as a live EventStoreDB's can): it
 * resubscribes after the last event it folded, not from position 0. Real SQLite log, real Redis.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, SubscribeOptions } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { contractEvent } from '#event-store/testing';
import { silentLogger } from '../logger.js';
import { failFastConnection } from '../redis/redis-connection.js';
import { deleteKeys, redisUrlForTests } from '../testing/harness.js';
import { RedisCheckpoint } from './checkpoint.js';
import { ROUNDS_QUEUE } from './round-queue.js';
import { DeadlineScheduler } from './scheduler.js';

describe('DeadlineScheduler after its subscription is lost', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  for (const how of ['dropped', 'ended'] as const) {
    it(`resubscribes after the last event it folded when the subscription is ${how}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'thidua-scheduler-'));
      const real = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
      const redisUrl = redisUrlForTests();
      const prefix = `thidua-test-${randomUUID().slice(0, 8)}`;
      const queue = new Queue(ROUNDS_QUEUE, { connection: failFastConnection(redisUrl), prefix });
      const checkpoint = new RedisCheckpoint(redisUrl, prefix);
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      cleanups.push(() => real.close());
      cleanups.push(() => deleteKeys(redisUrl, prefix));
      cleanups.push(() => queue.close());
      cleanups.push(() => checkpoint.close());

      const starts: number[] = [];
      let losses = 1;
      // The real store, except that its first subscription is lost after three events.
      const store: EventStore = Object.create(real);
      store.subscribe = (options?: SubscribeOptions) => {
        starts.push(options?.after ?? 0);
        const subscription = real.subscribe(options);
        if (losses-- <= 0) return subscription;
        return {
          close: () => subscription.close(),
          async *[Symbol.asyncIterator]() {
            let seen = 0;
            for await (const event of subscription) {
              yield event;
              if (++seen === 3) {
                if (how === 'dropped') throw new Error('connection dropped');
                return;
              }
            }
          },
        };
      };
      const positions: number[] = [];
      for (let i = 0; i < 6; i++)
        positions.push((await real.append(`s-${i}`, [contractEvent('Noted', { i })], 'no-stream')).position);

      const scheduler = new DeadlineScheduler({
        store,
        queue,
        checkpoint,
        clock: () => new Date(),
        logger: silentLogger,
        retryDelayMs: 10,
      });
      scheduler.start();
      cleanups.push(() => scheduler.stop());
      await scheduler.waitFor(positions[5]);
      expect(starts).toEqual([0, positions[2]]);
    });
  }
});
