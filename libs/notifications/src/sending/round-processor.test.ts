/**
 * A round's timer fires ahead of its moment (the warm-up): the worker folds the log then, waits for
 * the moment, and decides on what the log says at the moment. Real SQLite log; the BullMQ queue
 * the round re-adds its plan to is a stand-in that records what it is given.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Job, Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import type { NotificationSentData } from '#notification-events';
import { DeadlinesModel } from '../deadlines/deadlines-model.js';
import { LogFollower } from '../log-follower.js';
import { planCycle, type Round } from '../planning/plan.js';
import { scheduleRounds, WARM_UP_MS, type RoundJob } from '../scheduling/round-queue.js';
import { cycleEvents, testCycleConfig, type Located } from '../testing/cycle-events.js';
import { processRound } from './round-processor.js';

type Added = { name: string; data: RoundJob; opts: { jobId: string; delay: number } }[];

function fakeQueue(added: Added[] = []): Queue {
  return {
    addBulk: async (jobs: Added) => {
      added.push(jobs);
      return [];
    },
  } as unknown as Queue;
}

describe('round timers', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('are delayed until the warm-up before their moment', async () => {
    const now = new Date('2030-02-20T00:00:00.000Z');
    const round: Round = {
      roundId: 'c.registration.reminder.PT1M.1',
      cycleId: 'c',
      step: 'registration',
      kind: 'reminder',
      offset: 'PT1M',
      dueAt: '2030-02-20T00:10:00.000Z',
      sendAt: '2030-02-20T00:09:00.000Z',
    };
    const soon = { ...round, roundId: 'c.registration.reminder.PT1M.2', sendAt: '2030-02-20T00:00:00.500Z' };
    const added: Added[] = [];
    await scheduleRounds(fakeQueue(added), [round, soon], now);
    expect(added.flat().map((job) => job.opts.delay)).toEqual([9 * 60_000 - WARM_UP_MS, 0]);
  });

  it('fold the log ahead of the moment, then decide and record at the moment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-round-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => store.close());
    const append = ({ streamId, event }: Located) => store.append(streamId, [event], 'any');

    const start = Date.now();
    const moment = start + 600;
    const dueAt = new Date(moment + 60_000).toISOString();
    const config = testCycleConfig({ dueAt, reminders: ['PT1M'], escalateAfter: 'P1D' });
    await append(cycleEvents.opened(config, new Date(start).toISOString()));
    await append(cycleEvents.stepOpened(config.cycleId, 'registration', new Date(start).toISOString()));
    const planned = new DeadlinesModel();
    for (const event of await store.readAll()) planned.apply(event);
    const round = planCycle(planned.cycle(config.cycleId)!).find(
      (r) => r.step === 'registration' && r.kind === 'reminder',
    )!;
    expect(Date.parse(round.sendAt)).toBe(moment);

    const follower = new LogFollower(store, new DeadlinesModel(), (m, e) => void m.apply(e));
    const catchUps: number[] = [];
    const deadlines = Object.create(follower) as LogFollower<DeadlinesModel>;
    deadlines.catchUp = () => (catchUps.push(Date.now()), follower.catchUp());
    const processing = processRound({ data: round } as Job<RoundJob>, {
      store,
      deadlines,
      roundsQueue: fakeQueue(),
      deliveryQueues: {},
      clock: () => new Date(),
    });
    // u2 registers during the wait: the decision at the moment leaves it out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await append(cycleEvents.registered(config.cycleId, 'u2', new Date().toISOString(), dueAt));
    const outcome = await processing;

    expect(catchUps[0]).toBeLessThan(moment);
    expect(outcome).toEqual({ sent: 2, already: 0 });
    const sent = (await store.readAll())
      .filter((e) => e.type === 'NotificationSent')
      .map((e) => e.data as unknown as NotificationSentData);
    expect(sent.map((n) => n.units[0].id).sort()).toEqual(['u1', 'u3']);
    expect(sent.every((n) => Date.parse(n.sentAt) >= moment && n.scheduledAt === round.sendAt)).toBe(true);
  });
});
