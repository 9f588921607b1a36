/**
 * Redis killed and restarted in the middle of a cycle: commands are accepted while it is down,
 * and once it is back every reminder that fell due is scheduled and sent exactly once. The private
 * redis-server keeps nothing on disk, so it comes back empty: timers and checkpoint are both gone,
 * and the scheduler re-plans from the log.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Harness, sleep, summarize, waitUntil } from '../src/testing/harness.js';
import { startRedisServer, type PrivateRedis } from '../../../tests/support/redis-server.js';

// Timers seconds away on a shared machine: room beyond the default 30 s.
jest.setTimeout(90_000);

// Unset when startRedisServer throws: the clean-up must not hide that error behind its own.
let harness: Harness | undefined;
let redis: PrivateRedis | undefined;
afterEach(async () => {
  await harness?.cleanup();
  await redis?.kill();
  harness = undefined;
  redis = undefined;
});

describe('Redis outage', () => {
  it('loses nothing and doubles nothing when Redis dies and comes back', async () => {
    redis = await startRedisServer();
    const current = new Harness(redis.url);
    harness = current;
    const runtime = await current.start({ lockDurationMs: 2000, stalledIntervalMs: 1000 });
    // Due at t+9: reminders at t+3 and t+6, escalation at t+10.
    await current.openRegistration(9, { reminders: ['PT6S', 'PT3S'], escalateAfter: 'PT1S' });
    await current.scheduledUpTo(runtime);

    await redis.kill();
    expect((await runtime.redisStatus()).status).toBe('down');
    // While Redis is down: a command is accepted (the log does not need Redis)...
    await current.submitRegistration('b');
    // ...and the first reminder's moment (t+3) passes.
    await sleep(Math.max(0, current.t0 + 4000 - Date.now()));
    expect(await current.sent()).toEqual([]);

    redis = await startRedisServer({ port: redis.port });
    await waitUntil('Redis answers the runtime again', async () => (await runtime.redisStatus()).status === 'up');
    await waitUntil(
      'the escalation is sent',
      async () => (await current.sent()).some((n) => n.kind === 'escalation'),
      25_000,
    );
    await sleep(1500);

    expect(summarize(await current.sent())).toEqual([
      'escalation PT1S → leader a [a,c,d]',
      'reminder PT3S → unit a [a]',
      'reminder PT3S → unit c [c]',
      'reminder PT3S → unit d [d]',
      'reminder PT6S → unit a [a]',
      'reminder PT6S → unit c [c]',
      'reminder PT6S → unit d [d]',
    ]);
  });
});
