/**
 * Deadline notifications: reminders due for 10,000 units at the same moment, delivered to the
 * in-app channel (recorded in the log) by one worker, from BullMQ timers on Redis. A cycle holds at
 * most 1,000 units (the domain's limit), so the units are 10 clusters of 1,000 whose registration
 * falls due at the same instant: 10 rounds firing together.
 *
 * Project: the time from the due moment to the moment each `NotificationSent` is committed
 * (observed by a subscription in this process), and notifications per second from the due moment
 * to the last one. Ceilings measured in the same run on the same machine: raw BullMQ (add and
 * process 10,000 no-op jobs) and raw store appends (10,000 one-event streams created with
 * 'no-stream', all in flight at once), the two things a notification costs at least.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { OpenCycle } from '#domain';
import type { EventStore } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import type { NotificationSentData } from '#notification-events';
import { NotificationsRuntime } from '#notifications';
import { silentLogger } from '#notifications';
import { failFastConnection, workerConnection } from '#notifications';
import { runCommand } from '#notifications/testing';
import type { BenchSection, SectionResult } from '../section.js';

const UNITS_PER_CYCLE = 1000;
const CYCLES = Number(process.env.BENCH_NOTIFICATION_CYCLES ?? 10);
const UNITS = UNITS_PER_CYCLE * CYCLES;
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** Time allowed to open the cycles and schedule their timers before the reminders fall due. */
const SETUP_BUDGET_MS = Number(process.env.BENCH_NOTIFICATION_SETUP_MS ?? 15_000);

function tempStore(): { store: EventStore; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-notifications-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Ceiling 1: BullMQ alone, add 10,000 no-op jobs in bulk and process them (concurrency 100). */
async function bullmqCeiling(): Promise<number> {
  const prefix = `thidua-bench-${randomUUID().slice(0, 8)}`;
  const queue = new Queue('ceiling', { connection: failFastConnection(REDIS_URL), prefix });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker('ceiling', async () => undefined, {
    connection: workerConnection(REDIS_URL),
    prefix,
    concurrency: 100,
    autorun: false,
  });
  worker.on('completed', () => {
    if (++done === UNITS) finish();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  void worker.run();
  for (let i = 0; i < UNITS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, UNITS - i) }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { jobId: `j-${i + j}` },
      })),
    );
  }
  await finished;
  const perSecond = UNITS / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.close();
  await deleteKeys(prefix);
  return perSecond;
}

/** Ceiling 2: the store alone, 10,000 one-event streams created with 'no-stream', all in flight. */
async function storeCeiling(): Promise<number> {
  const { store, cleanup } = tempStore();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: UNITS }, (_, i) =>
      store.append(
        `notification-ceiling-${i}`,
        [
          {
            type: 'NotificationSent',
            data: { notificationId: `ceiling-${i}`, message: 'Kính gửi đơn vị: nhắc hạn nộp bản đăng ký thi đua.' },
            metadata: {
              eventId: randomUUID(),
              commandId: `c${i}`,
              correlationId: 'bench',
              causationId: 'bench',
              actor: { userId: 'bench', role: 'system' },
              occurredAt: new Date().toISOString(),
              schemaVersion: 1,
            },
          },
        ],
        'no-stream',
      ),
    ),
  );
  const perSecond = UNITS / ((performance.now() - started) / 1000);
  await cleanup();
  return perSecond;
}

/**
 * The cycle's year is the due moment's: the domain refuses a schedule outside the years around the
 * cycle's, so a fixed year would stop the benchmark from running once the calendar moves past it.
 */
function openCycleCommand(cycleId: string, year: number, registrationDue: string, at: string): OpenCycle {
  const actor = { userId: 'bench-province', roles: ['province' as const], provinceId: 'tinh' };
  return {
    type: 'OpenCycle',
    actor,
    at,
    cycleId,
    clusterId: cycleId.replace(new RegExp(`-${year}$`), ''),
    clusterName: 'Cụm thi đua đo tải',
    provinceId: 'tinh',
    year,
    units: Array.from({ length: UNITS_PER_CYCLE }, (_, i) => ({ id: `u${i}`, name: `Xã số ${i}` })),
    leaderUnitId: 'u0',
    criteria: {
      groups: [
        {
          id: 'G1',
          title: 'Kinh tế',
          criteria: [{ id: 'K1', title: 'Thu ngân sách', maxPoints: 10, kind: 'quantitative' }],
        },
      ],
      bonus: [],
      penalty: [],
    },
    schedule: {
      registration: registrationDue,
      'mid-year-review': `${year + 1}-07-15`,
      'self-assessment': `${year + 1}-12-15`,
      vote: `${year + 2}-01-20`,
      nomination: `${year + 2}-03-15`,
      decision: `${year + 2}-04-30`,
    },
    // One reminder a minute before the due moment; the escalation is a day later, after the run.
    notifications: { reminders: ['PT1M'], escalateAfter: 'P1D' },
  };
}

/** The project: one worker, one round, 10,000 unit reminders at the same moment. */
async function projectRun(): Promise<{
  perSecond: number;
  latenessP50: number;
  latenessP99: number;
  cpuMsPerReminder: number;
  setupMs: number;
}> {
  const { store, cleanup } = tempStore();
  const prefix = `thidua-bench-${randomUUID().slice(0, 8)}`;
  const runtime = await NotificationsRuntime.start({
    store,
    redisUrl: REDIS_URL,
    prefix,
    runWorker: true,
    logger: silentLogger,
  });
  const setupStarted = performance.now();
  const leader = { userId: 'leader', roles: ['leader' as const], unitId: 'u0', provinceId: 'tinh' };
  // Every reminder is due SETUP_BUDGET_MS from now: the set-up must be over by then, or the
  // lateness would count it (checked below).
  const remindAt = Date.now() + SETUP_BUDGET_MS;
  const due = new Date(remindAt + 60_000).toISOString();
  const year = new Date(due).getUTCFullYear();
  const cycleIds = Array.from({ length: CYCLES }, (_, i) => `bench-${i}-${year}`);
  for (const cycleId of cycleIds) {
    await runCommand(store, openCycleCommand(cycleId, year, due, new Date().toISOString()));
    await runCommand(store, {
      type: 'OpenStep',
      cycleId,
      actor: leader,
      at: new Date().toISOString(),
      step: 'registration',
    });
  }
  await runtime.scheduler!.waitFor(await store.headPosition());
  const setupMs = performance.now() - setupStarted;
  if (Date.now() >= remindAt)
    throw new Error(`set-up took ${setupMs.toFixed(0)} ms, more than the ${SETUP_BUDGET_MS} ms budget`);

  const lateness: number[] = [];
  let scheduledAt = 0;
  let last = 0;
  // CPU time of this process (worker, scheduler, store and this observer) from the due moment to
  // the last notification; Redis's own CPU is not in it.
  let cpuAtDue = process.cpuUsage();
  const atDue = setTimeout(() => (cpuAtDue = process.cpuUsage()), remindAt - Date.now());
  const subscription = store.subscribe({ after: await store.headPosition() });
  // Never hang the whole benchmark: give up two minutes after the due moment, with what was seen.
  const giveUp = setTimeout(() => void subscription.close(), remindAt - Date.now() + 120_000);
  for await (const event of subscription) {
    if (event.type !== 'NotificationSent') continue;
    const now = Date.now();
    scheduledAt = Date.parse((event.data as unknown as NotificationSentData).scheduledAt);
    lateness.push(now - scheduledAt);
    last = now;
    if (lateness.length === UNITS) break;
  }
  const cpu = process.cpuUsage(cpuAtDue);
  clearTimeout(giveUp);
  clearTimeout(atDue);
  await subscription.close();
  await runtime.close();
  if (lateness.length < UNITS)
    throw new Error(`only ${lateness.length} of ${UNITS} notifications were sent within two minutes`);
  await cleanup();
  await deleteKeys(prefix);
  lateness.sort((a, b) => a - b);
  return {
    perSecond: UNITS / (Math.max(1, last - scheduledAt) / 1000),
    latenessP50: percentile(lateness, 50),
    latenessP99: percentile(lateness, 99),
    cpuMsPerReminder: (cpu.user + cpu.system) / 1000 / UNITS,
    setupMs,
  };
}

const section: BenchSection = {
  order: 50,
  title: `Notifications: ${UNITS.toLocaleString('en')} reminders due at the same moment, in-app`,
  async run(): Promise<SectionResult> {
    const bullmq = await bullmqCeiling();
    const appends = await storeCeiling();
    const project = await projectRun();
    return {
      rows: [
        { name: 'ceiling: BullMQ add + process no-op jobs', value: bullmq, unit: 'jobs/s' },
        { name: "ceiling: store appends, one 'no-stream' event per stream", value: appends, unit: 'events/s' },
        { name: 'notifications sent (due moment → last recorded)', value: project.perSecond, unit: 'notifications/s' },
        { name: 'lateness p50 (due moment → recorded)', value: project.latenessP50, unit: 'ms' },
        { name: 'lateness p99 (due moment → recorded)', value: project.latenessP99, unit: 'ms' },
        {
          name: 'CPU time of this process per reminder (due moment → last)',
          value: project.cpuMsPerReminder,
          unit: 'ms',
        },
        {
          name: `set-up: open ${CYCLES} cycles of ${UNITS_PER_CYCLE} units, schedule their timers`,
          value: project.setupMs,
          unit: 'ms',
        },
      ],
      figures: {
        notificationsPerSecond: project.perSecond,
        notificationLatenessP99Ms: project.latenessP99,
        notificationLatenessP50Ms: project.latenessP50,
        notificationCpuMsPerReminder: project.cpuMsPerReminder,
        notificationBullmqCeilingPerSecond: bullmq,
        notificationStoreAppendCeilingPerSecond: appends,
      },
      ratios: {
        notificationsVsStoreAppendCeiling: project.perSecond / appends,
        notificationsVsBullmqCeiling: project.perSecond / bullmq,
      },
      targets: [
        {
          name: 'notifications/s ≥ 2,000',
          met: project.perSecond >= 2000,
          detail: `${project.perSecond.toFixed(0)} notifications/s`,
        },
        {
          name: 'lateness p99 ≤ 1 s',
          met: project.latenessP99 <= 1000,
          detail: `${project.latenessP99.toFixed(0)} ms`,
        },
      ],
    };
  },
};

export default section;
