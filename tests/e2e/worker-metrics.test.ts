/**
 * The notification worker process (`npm run start:worker`, built) with METRICS_PORT and
 * METRICS_TOKEN: its own listener answers GET /metrics behind the token, with the queue counts it
 * reads from Redis and the scheduler's position on the log, and closes with the worker.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { QUEUE_NAMES } from '#notifications';
import { Harness, waitUntil } from '#notifications/testing';
import { repoRoot } from '#scenario';
import { ensureBuilt, freePort } from '../support/child-server.js';
import { parseMetrics, valueOf, type Sample } from '../support/metrics.js';

jest.setTimeout(90_000);

const WORKER_ENTRY = join(repoRoot, 'dist', 'apps', 'worker', 'src', 'main.js');
const METRICS_TOKEN = 'worker-metrics-token-0123456789';

let harness: Harness | undefined;
let worker: ChildProcess | undefined;
afterEach(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;
  }
  await harness?.cleanup();
});

describe('the worker on METRICS_PORT', () => {
  it("answers /metrics behind the token with its queues and the scheduler's position, and stops with the worker", async () => {
    ensureBuilt();
    harness = new Harness(undefined, { file: 'events.sqlite' });
    // Registration due in a day, a reminder an hour before and the escalation a day after: two timers.
    await harness.openRegistration(86_400, { reminders: ['PT1H'], escalateAfter: 'P1D' });
    const head = await harness.store.headPosition();
    const port = await freePort();
    const child = spawn(process.execPath, [WORKER_ENTRY], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATA_DIR: harness.dir,
        REDIS_URL: harness.redisUrl,
        BULL_PREFIX: harness.prefix,
        METRICS_PORT: String(port),
        METRICS_TOKEN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}/metrics`;
    const get = (token?: string) =>
      fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
    await waitUntil('the worker listens on METRICS_PORT', async () => {
      if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}):\n${output}`);
      return get().then(
        () => true,
        () => false,
      );
    });
    expect(output).toContain(`metrics on port ${port}`);

    expect((await get()).status).toBe(401);
    expect((await get('not-the-worker-metrics-token')).status).toBe(401);
    const other = await fetch(`http://127.0.0.1:${port}/health`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(other.status).toBe(404);

    const read = async (): Promise<Sample[]> => {
      const res = await get(METRICS_TOKEN);
      expect(res.status).toBe(200);
      return parseMetrics(await res.text());
    };
    let samples: Sample[] = [];
    await waitUntil('the scheduler has put the log into Redis', async () => {
      samples = await read();
      return valueOf(samples, 'thidua_notification_scheduler_position') === head;
    });
    expect(valueOf(samples, 'thidua_notification_scheduler_lag_events')).toBe(0);
    const jobs = (queue: string, state: string) => valueOf(samples, 'thidua_notification_jobs', { queue, state });
    expect(jobs(QUEUE_NAMES.rounds, 'delayed')).toBe(2);
    expect(jobs(QUEUE_NAMES.rounds, 'waiting')).toBe(0);
    expect(jobs(QUEUE_NAMES.rounds, 'failed')).toBe(0);
    expect(jobs(QUEUE_NAMES.deadLetter, 'waiting')).toBe(0);
    // Nothing was due yet: no delivery of any channel.
    expect(samples.filter((s) => s.name === 'thidua_notification_deliveries_total')).toEqual([]);
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
