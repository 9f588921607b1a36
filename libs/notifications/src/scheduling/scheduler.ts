/**
 * Follows the log's subscription and keeps one timer per round in Redis.
 *
 * It folds the whole log into the deadlines model (cheap: a year of a province is tens of
 * thousands of events), and for every cycle touched after its checkpoint adds the rounds the
 * planner asks for; once they are added it moves the checkpoint. If Redis fails, the loop throws
 * away its state and starts over from the checkpoint when Redis answers again: commands were
 * accepted meanwhile (the store does not need Redis), and every cycle they touched is re-planned.
 * Rounds whose moment passed during the outage fire at once, and the log decides who still needs
 * to be told: nothing lost, nothing doubled. If the store's subscription drops or ends instead,
 * nothing in Redis is in doubt: the loop keeps its model and resubscribes after the last event it
 * folded (a restart from position 0 would re-read the whole log on every drop).
 */
import type { Queue } from 'bullmq';
import { anchorBroken, type EventStore, type Subscription } from '#event-store';
import { DeadlinesModel } from '../deadlines/deadlines-model.js';
import type { Logger } from '../logger.js';
import { planCycle } from '../planning/plan.js';
import { nextGeneration, type RedisCheckpoint } from './checkpoint.js';
import { scheduleRounds } from './round-queue.js';

export interface SchedulerOptions {
  store: EventStore;
  queue: Queue;
  checkpoint: RedisCheckpoint;
  clock: () => Date;
  logger: Logger;
  /** Pause between attempts while Redis is down (default 500 ms). */
  retryDelayMs?: number;
}

/** What the loop has folded so far; kept across a dropped subscription, thrown away when Redis fails. */
interface Followed {
  model: DeadlinesModel;
  /** Cycles touched after the checkpoint whose rounds are not yet in Redis. */
  dirty: Set<string>;
  /** The checkpoint's position in Redis, and when it was written. */
  saved: number;
  /** The job ids' generation of the plan in Redis. */
  generation: string;
  savedAt: number;
  /** Position of the last event folded into the model. */
  position: number;
}

export class DeadlineScheduler {
  private stopped = false;
  private followed: Followed | null = null;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Why the checkpoint in Redis was found to belong to another log, when it was (the last time). */
  rewriteDetected?: string;
  /** Position up to which timers are in Redis, as far as this scheduler knows. */
  private scheduledUpTo = 0;
  private readonly waiters: { position: number; resolve: () => void }[] = [];

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Position up to which every event has its timers in Redis, as far as this scheduler knows. */
  get position(): number {
    return this.scheduledUpTo;
  }

  /** Resolves once every event up to `position` has its timers in Redis (tests and benchmarks). */
  waitFor(position: number): Promise<void> {
    if (this.scheduledUpTo >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.followFromCheckpoint();
      } catch (err) {
        if (this.stopped) break;
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.options.logger.warn(`notification scheduler paused, will resume from its checkpoint: ${describe(err)}`);
        }
        await this.subscription?.close().catch(() => undefined);
        await this.sleep(this.options.retryDelayMs ?? 500);
        continue;
      }
      failures = 0;
    }
  }

  private async followFromCheckpoint(): Promise<void> {
    const { store, queue, checkpoint, clock } = this.options;
    const state: Followed = this.followed ?? (await this.resume());
    this.followed = state;
    let head = await store.headPosition();
    const subscription = store.subscribe({ after: state.position });
    this.subscription = subscription;
    if (head === 0) this.reached(0);
    for await (const event of subscription) {
      const cycleId = state.model.apply(event);
      state.position = event.position;
      if (cycleId !== null && event.position > state.saved) state.dirty.add(cycleId);
      if (event.position < head) continue;
      // Caught up with what was committed when we last looked: flush what this batch touched.
      // Events that touch no plan (most of them: notifications sent, ballots' contents...) move
      // the checkpoint at most once a second: replaying them after a restart costs nothing.
      if (event.position > state.saved && (state.dirty.size > 0 || Date.now() - state.savedAt >= CHECKPOINT_EVERY_MS)) {
        try {
          const now = clock();
          const rounds = [...state.dirty].flatMap((id) => planCycle(state.model.cycle(id)!));
          // BullMQ waits for a connection that never came up; a bounded wait lets the loop retry.
          await withTimeout(scheduleRounds(queue, rounds, now, state.generation), FLUSH_TIMEOUT_MS);
          state.dirty.clear();
          const saved = { generation: state.generation, position: event.position, hash: event.hash };
          await withTimeout(checkpoint.write(saved), FLUSH_TIMEOUT_MS);
        } catch (err) {
          this.followed = null; // Redis failed: start over from its checkpoint (it may have lost the timers)
          throw err;
        }
        state.saved = event.position;
        state.savedAt = Date.now();
      }
      this.reached(event.position);
      head = await store.headPosition();
    }
    if (!this.stopped) throw new Error(`the event store ended the subscription after position ${state.position}`);
  }

  /**
   * Reads the checkpoint and checks it against the store: a checkpoint this log does not hold (a
   * fresh DATA_DIR on a Redis that served another store, a store restored from an older copy)
   * would leave every cycle before its position unplanned. Then the plan starts over from 0 under
   * the next generation of job ids (the old store's finished jobs hold the current ones).
   */
  private async resume(): Promise<Followed> {
    const { store, checkpoint, logger } = this.options;
    let saved = await checkpoint.read();
    const broken = await anchorBroken(store, saved);
    if (broken) {
      this.rewriteDetected = broken;
      logger.warn(`notification scheduler: ${broken} (a new, restored or rewound store): re-planning from the log`);
      saved = nextGeneration(saved);
      await withTimeout(checkpoint.write(saved), FLUSH_TIMEOUT_MS);
    }
    const { position, generation } = saved;
    return { model: new DeadlinesModel(), dirty: new Set(), saved: position, generation, savedAt: 0, position: 0 };
  }

  private reached(position: number): void {
    this.scheduledUpTo = Math.max(this.scheduledUpTo, position);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= position) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

const FLUSH_TIMEOUT_MS = 5000;
const CHECKPOINT_EVERY_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
