/**
 * Redis connections for BullMQ and the health check, from one `REDIS_URL`.
 *
 * Two kinds: workers block on Redis and must wait for it forever (`maxRetriesPerRequest: null`,
 * BullMQ's requirement); everything that writes on behalf of the scheduler or answers a health
 * check must instead fail fast while Redis is down (`enableOfflineQueue: false`), so that the
 * caller notices, keeps its checkpoint, and tries again later instead of hanging.
 */
import { Redis } from 'ioredis';
import type { RedisOptions } from 'bullmq';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function redisOptionsFromUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`REDIS_URL is not a URL: "${url}" (expected e.g. redis://127.0.0.1:6379)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got "${parsed.protocol}")`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // Reconnect forever, at most every 2 s: an outage ends when Redis is back, not when we give up.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}

/** For BullMQ workers (blocking commands). */
export function workerConnection(url: string): RedisOptions {
  return { ...redisOptionsFromUrl(url), maxRetriesPerRequest: null };
}

/** For queues the scheduler adds to, and for pings: commands fail at once while disconnected. */
export function failFastConnection(url: string): RedisOptions {
  return { ...redisOptionsFromUrl(url), enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 };
}

export interface RedisStatus {
  status: 'up' | 'down';
  url: string;
  latencyMs?: number;
  error?: string;
}

/** The URL without its password, for logs and health answers. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'invalid URL';
  }
}

/** A long-lived connection that answers `status()` with a PING, never waiting more than `timeoutMs`. */
export class RedisHealth {
  private readonly client: Redis;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 1000,
  ) {
    this.client = new Redis({ ...failFastConnection(url), lazyConnect: false });
    // Errors are reported by status(); without a listener ioredis would print every reconnect.
    this.client.on('error', () => undefined);
  }

  async status(): Promise<RedisStatus> {
    const started = performance.now();
    const url = redactUrl(this.url);
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      await Promise.race([this.ready().then(() => this.client.ping()), timeout]).finally(() => clearTimeout(timer));
      return { status: 'up', url, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
    } catch (err) {
      return { status: 'down', url, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private ready(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.client.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** One PING on a throw-away connection: does anything answer at `url` right now? */
export async function pingRedis(url: string, timeoutMs = 1000): Promise<RedisStatus> {
  const health = new RedisHealth(url, timeoutMs);
  try {
    return await health.status();
  } finally {
    await health.close();
  }
}
