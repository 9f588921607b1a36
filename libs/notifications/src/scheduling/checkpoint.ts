/**
 * The scheduler's checkpoint: the log position up to which every timer has been added to Redis.
 * It lives in Redis beside the timers it accounts for, so both survive or vanish together: a Redis
 * that comes back empty has no checkpoint either, and the scheduler re-plans from position 0.
 */
import { Redis } from 'ioredis';
import { failFastConnection } from '../redis/redis-connection.js';

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

  /** 0 when there is none (first start, or Redis lost its data). Throws while Redis is down. */
  async read(): Promise<number> {
    await this.ready();
    const value = await this.client.get(this.key);
    return value === null ? 0 : Number(value);
  }

  async write(position: number): Promise<void> {
    await this.ready();
    await this.client.set(this.key, String(position));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
