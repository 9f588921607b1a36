/**
 * Nothing doubled with several workers, nothing lost when one dies: two workers on the same log
 * and Redis send each alert once; a worker SIGKILLed in the middle of a job (a child process) has
 * its job taken over, and the alert still goes out, once.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Harness, sleep, summarize, waitUntil } from '../src/testing/harness.js';

// Timers seconds away on a shared machine: room beyond the default 30 s.
jest.setTimeout(90_000);

const NOTIFICATIONS = { reminders: ['PT6S', 'PT3S'], escalateAfter: 'PT1S' };
const EXPECTED_ALL_MISSING = [
  'escalation PT1S → leader a [a,c,d]',
  'reminder PT3S → unit a [a]',
  'reminder PT3S → unit c [c]',
  'reminder PT3S → unit d [d]',
  'reminder PT6S → unit a [a]',
  'reminder PT6S → unit c [c]',
  'reminder PT6S → unit d [d]',
];

let harness: Harness;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await harness.cleanup();
});

describe('exactly once', () => {
  it('two workers on the same log and Redis send each alert once', async () => {
    harness = new Harness();
    await harness.start();
    await harness.start({ store: harness.openStore() });
    await harness.openRegistration(8, NOTIFICATIONS);
    await harness.submitRegistration('b');
    await waitUntil('the escalation is sent', async () => (await harness.sent()).some((n) => n.kind === 'escalation'));
    await sleep(1500);
    expect(summarize(await harness.sent())).toEqual(EXPECTED_ALL_MISSING);
  });

  it('a worker killed with SIGKILL in the middle of a job: the alert is still sent, once', async () => {
    harness = new Harness();
    const childPath = fileURLToPath(new URL('../src/testing/worker-child.ts', import.meta.url));
    const loader = fileURLToPath(new URL('../../../tests/support/ts-loader.mjs', import.meta.url));
    const proc = fork(childPath, [], {
      execArgv: ['--import', loader],
      env: {
        ...process.env,
        STORE_PATH: harness.path,
        REDIS_URL: harness.redisUrl,
        BULL_PREFIX: harness.prefix,
        LOCK_MS: '1000',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = proc;
    const messages: { type: string; notificationIds?: string[] }[] = [];
    proc.on('message', (m) => messages.push(m as (typeof messages)[number]));
    await waitUntil('the child worker is ready', () => messages.some((m) => m.type === 'ready'));
    harness.restartClock();

    await harness.openRegistration(8, NOTIFICATIONS);
    await harness.submitRegistration('b');
    await waitUntil('the child is in the middle of the first round', () => messages.some((m) => m.type === 'deciding'));
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    expect(await harness.sent()).toEqual([]);

    // A survivor: it takes over the dead worker's job once its lock (1 s) has expired.
    await harness.start({ lockDurationMs: 1000, stalledIntervalMs: 500 });
    await waitUntil('the escalation is sent', async () => (await harness.sent()).some((n) => n.kind === 'escalation'));
    await sleep(1500);
    const sent = await harness.sent();
    expect(summarize(sent)).toEqual(EXPECTED_ALL_MISSING);
    const killedIds = messages.find((m) => m.type === 'deciding')!.notificationIds!;
    expect(sent.filter((n) => killedIds.includes(n.notificationId))).toHaveLength(killedIds.length);
  });
});
