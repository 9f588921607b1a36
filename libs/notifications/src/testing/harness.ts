/**
 * Test harness for the notification worker: a real SQLite store in a temporary directory, a BullMQ
 * key prefix of the test's own (cleaned afterwards), a cycle opened with the real deciders whose
 * registration is due seconds from now, and helpers to read back what was sent.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { OpenCycle } from '#domain';
import { CYCLE_ID, leader, officer, openCycleCommand } from '#domain/testing';
import type { EventStore } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { silentLogger, type Logger } from '../logger.js';
import type { NotificationSentData } from '#notification-events';
import { NotificationsRuntime, type NotificationsRuntimeOptions } from '../runtime.js';
import { runCommand } from './run-command.js';

export { CYCLE_ID };
export const UNITS = ['a', 'b', 'c', 'd'];

export const quietLogger: Logger = silentLogger;

export function redisUrlForTests(): string {
  return process.env.REDIS_URL || 'redis://127.0.0.1:6379';
}

export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'thidua-notifications-'));
  readonly path: string;
  readonly prefix: string;
  readonly store: EventStore;
  private readonly runtimes: NotificationsRuntime[] = [];
  private readonly extraStores: EventStore[] = [];
  /** The instant the scenario is built around: due dates are seconds after it. */
  t0 = Date.now();

  /**
   * `prefix`: the Redis prefix of another harness (a Redis that served another store);
   * `restoreFrom`: a copy of a store file to start from (a store restored from a backup);
   * `file`: the store's file name in `dir` (`events.sqlite`: `dir` is then a DATA_DIR a worker process can be given).
   */
  constructor(
    readonly redisUrl: string = redisUrlForTests(),
    options: { prefix?: string; restoreFrom?: string; file?: string } = {},
  ) {
    this.path = join(this.dir, options.file ?? 'events.db');
    this.prefix = options.prefix ?? `thidua-test-${randomUUID().slice(0, 8)}`;
    if (options.restoreFrom) copyFileSync(options.restoreFrom, this.path);
    this.store = SqliteEventStore.open({ path: this.path });
  }

  /** Another connection to the same file, as a second process would have. */
  openStore(): EventStore {
    const store = SqliteEventStore.open({ path: this.path });
    this.extraStores.push(store);
    return store;
  }

  at(seconds: number): string {
    return new Date(this.t0 + seconds * 1000).toISOString();
  }

  now(): string {
    return new Date().toISOString();
  }

  async start(options: Partial<NotificationsRuntimeOptions> = {}): Promise<NotificationsRuntime> {
    const runtime = await NotificationsRuntime.start({
      store: this.store,
      redisUrl: this.redisUrl,
      prefix: this.prefix,
      runWorker: true,
      logger: quietLogger,
      ...options,
    });
    this.runtimes.push(runtime);
    return runtime;
  }

  /** Moves the scenario's origin to now (after a slow set-up such as starting a child process). */
  restartClock(): void {
    this.t0 = Date.now();
  }

  /** Opens the test cycle (units a–d, leader a) with registration due `dueInSeconds` after t0, and opens the step. */
  async openRegistration(dueInSeconds: number, notifications: OpenCycle['notifications']): Promise<string> {
    // The cycle is of this year (due dates must fall around the cycle's year): registration due in
    // `dueInSeconds`, every later step a month after the one before.
    const steps = Object.keys(openCycleCommand().schedule) as (keyof OpenCycle['schedule'])[];
    const later = (i: number): string => this.at(dueInSeconds + (i + 1) * 30 * 86_400);
    const schedule = {
      ...Object.fromEntries(steps.map((step, i) => [step, later(i)])),
      registration: this.at(dueInSeconds),
    } as OpenCycle['schedule'];
    const year = new Date(this.t0).getUTCFullYear();
    await runCommand(this.store, openCycleCommand({ at: this.now(), year, schedule, notifications }));
    await runCommand(this.store, {
      type: 'OpenStep',
      cycleId: CYCLE_ID,
      actor: leader,
      at: this.now(),
      step: 'registration',
    });
    return schedule.registration;
  }

  submitRegistration(unitId: string, store: EventStore = this.store): Promise<number> {
    return runCommand(store, {
      type: 'SubmitRegistration',
      cycleId: CYCLE_ID,
      actor: officer(unitId),
      at: this.now(),
      unitId,
      targets: [{ criterionId: 'K1', target: 100 }],
    });
  }

  extendRegistration(due: string, unitId?: string): Promise<number> {
    return runCommand(this.store, {
      type: 'ExtendDueDate',
      cycleId: CYCLE_ID,
      actor: leader,
      at: this.now(),
      step: 'registration',
      due,
      reason: 'Gia hạn do mưa lũ',
      ...(unitId ? { unitId } : {}),
    });
  }

  /** Waits until the runtime's scheduler has put timers in Redis for everything in the log. */
  async scheduledUpTo(runtime: NotificationsRuntime): Promise<void> {
    await runtime.scheduler!.waitFor(await this.store.headPosition());
  }

  async sent(): Promise<NotificationSentData[]> {
    const events = await this.store.readAll();
    return events.filter((e) => e.type === 'NotificationSent').map((e) => e.data as unknown as NotificationSentData);
  }

  async cleanup(): Promise<void> {
    for (const runtime of this.runtimes) await runtime.close();
    for (const store of this.extraStores) await store.close();
    await this.store.close();
    await deleteKeys(this.redisUrl, this.prefix).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Deletes every key under `<prefix>:`. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  // One try only: a test whose Redis is gone (or never was) has no keys to clean.
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: () => null,
    connectTimeout: 1000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function waitUntil(
  what: string,
  predicate: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** "kind step offset → recipient [units]" lines, sorted: easy to compare with what a test expects. */
export function summarize(sent: NotificationSentData[]): string[] {
  return sent
    .map((n) => {
      const who =
        n.recipient.type === 'province'
          ? `province ${n.recipient.provinceId}`
          : `${n.recipient.type} ${n.recipient.unitId}`;
      return `${n.kind} ${n.offset} → ${who} [${n.units.map((u) => u.id).join(',')}]`;
    })
    .sort();
}
