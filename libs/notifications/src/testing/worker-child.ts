/**
 * A worker in a child process, for the crash test: it takes a round, decides who to tell, tells
 * its parent (IPC) and then hangs right before recording anything, so the parent can SIGKILL it
 * in the middle of the job. Configured by env: STORE_PATH, REDIS_URL, BULL_PREFIX, LOCK_MS.
 */
import { SqliteEventStore } from '#event-store/sqlite';
import { NotificationsRuntime } from '../runtime.js';
import { silentLogger } from '../logger.js';

const store = SqliteEventStore.open({ path: process.env.STORE_PATH! });
const lockMs = Number(process.env.LOCK_MS ?? 1000);
await NotificationsRuntime.start({
  store,
  redisUrl: process.env.REDIS_URL!,
  prefix: process.env.BULL_PREFIX!,
  runWorker: true,
  lockDurationMs: lockMs,
  stalledIntervalMs: lockMs,
  logger: silentLogger,
  beforeRecord: async (notifications) => {
    process.send?.({ type: 'deciding', notificationIds: notifications.map((n) => n.notificationId) });
    await new Promise(() => undefined);
  },
});
process.send?.({ type: 'ready' });
