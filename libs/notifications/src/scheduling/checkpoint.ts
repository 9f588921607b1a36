/**
 * The scheduler's checkpoint: the log position up to which every timer has been added to Redis,
 * anchored to the log it was read from (the hash of the event at that position), and the
 * generation of the timers' job ids. It lives in Redis beside the timers it accounts for, so both
 * survive or vanish together: a Redis that comes back empty has no checkpoint either, and the
 * scheduler re-plans from position 0.
 *
 * A Redis can also outlive its store (a fresh DATA_DIR, a store restored from an older copy): its
 * checkpoint then claims positions this store has not reached, and its finished jobs hold the ids
 * the new plan would reuse. The scheduler detects that by the anchor (`anchorBroken`) and moves to
 * the next generation: the plan is rebuilt from the log under new job ids.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { LogAnchor } from '#event-store';
import { failFastConnection } from '../redis/redis-connection.js';

export interface SchedulerCheckpoint extends LogAnchor {
  /** Prefix of every job id of this plan ('' for the first one, so older ids stay valid). */
  generation: string;
}

export const NO_CHECKPOINT: SchedulerCheckpoint = { generation: '', position: 0, hash: null };

/**
 * The generation after `broken`: derived from it, so two schedulers that detect the same broken
 * checkpoint agree on the next one without a lock.
 */
export function nextGeneration(broken: SchedulerCheckpoint): SchedulerCheckpoint {
  const seed = `${broken.generation}\u0000${broken.position}\u0000${broken.hash ?? ''}`;
  return { generation: createHash('sha256').update(seed).digest('hex').slice(0, 12), position: 0, hash: null };
}

export class RedisCheckpoint {
  private readonly client: Redis;
  private readonly key: string;

  constructor(redisUrl: string, prefix: string) {
    this.client = new Redis(failFastConnection(redisUrl));
    this.client.on('error', () => undefined);
    this.key = `${prefix}:thidua-scheduler:checkpoint`;
  }

  private async ready(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis is not answering')), 2000);
      this.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** NO_CHECKPOINT when there is none (first start, or Redis lost its data). Throws while Redis is down. */
  async read(): Promise<SchedulerCheckpoint> {
    await this.ready();
    return parseCheckpoint(await this.client.get(this.key));
  }

  async write(checkpoint: SchedulerCheckpoint): Promise<void> {
    await this.ready();
    await this.client.set(this.key, JSON.stringify(checkpoint));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** A bare number is a checkpoint written before anchors existed: its position is checked alone. */
export function parseCheckpoint(value: string | null): SchedulerCheckpoint {
  if (value === null) return NO_CHECKPOINT;
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed === 'number') return { generation: '', position: parsed, hash: null };
  const { generation, position, hash } = parsed as Partial<SchedulerCheckpoint>;
  return { generation: generation ?? '', position: position ?? 0, hash: hash ?? null };
}
