import { anchorBroken, type EventStore, type RecordedEvent, type Subscription } from '#event-store';
import { CheckpointStore } from './checkpoint-store.js';
import { fingerprintOf, type KeyedProjection } from './keyed-projection.js';
import { ProjectionState } from './projection-state.js';

export interface ProjectionRunnerOptions {
  /** The SQLite file holding the checkpoints (created with its folder when missing). */
  checkpointPath: string;
  /** Checkpoint after this many events (default 1,000)... */
  checkpointEvery?: number;
  /** ...or this long after the first event not yet checkpointed (default 1,000 ms). */
  checkpointIntervalMs?: number;
  /** Events read per `readAll` page while catching up or rebuilding (default 2,000). */
  readBatchSize?: number;
  /**
   * Told of a projection that threw on an event (the event is then skipped by that projection) and of a lost
   * subscription.
   */
  onError?: (error: unknown, event?: RecordedEvent) => void;
  /** Told when the checkpoint is thrown away at start because the log was rewritten under it. */
  onRewrite?: (reason: string) => void;
}

export interface RebuildResult {
  /** Events folded, and the position reached. */
  events: number;
  position: number;
  /** The whole rebuild: reading and folding the log, then writing the checkpoint. */
  ms: number;
  /** Of which: writing the new state whole as the checkpoint. */
  checkpointMs: number;
}

const RETRY_FOLLOW_MS = 1000;

interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Feeds every projection in global log order and keeps their state in memory: on start it loads the
 * last checkpoint, catches up with `readAll` pages up to the head, then follows the store's
 * subscription live. It checkpoints every N events or T ms, and can rebuild everything from
 * position 0 while the old state keeps answering queries.
 */
export class ProjectionRunner {
  private state: ProjectionState;
  /** Undefined when another process holds the checkpoint file: this runner then keeps none. */
  private readonly checkpoints: CheckpointStore | undefined;
  private readonly fingerprint: string;
  private readonly every: number;
  private readonly batch: number;
  private readonly intervalMs: number;
  private savedAt = performance.now();
  private readonly timer: NodeJS.Timeout;
  private subscription?: Subscription;
  private following?: Promise<void>;
  private waiters: Waiter[] = [];
  private rebuilding?: Promise<RebuildResult>;
  /** While a rebuild runs: the state it folds into and the head it folds up to. */
  private rebuildingInto?: { state: ProjectionState; head: number };
  private closed = false;
  /** Set once the subscription has failed: queries still answer from the last state. */
  lastError?: unknown;
  /** The checkpoint's position the runner resumed from (0: it replayed the log from the start). */
  resumedFrom = 0;
  /** Why the checkpoint was thrown away at start (the store's head behind it, or its last event gone or changed). */
  rewriteDetected?: string;
  /** Events folded from `readAll` pages so far: the catch-up at start, then every rebuild (operators' metrics). */
  replayedEvents = 0;

  private constructor(
    private readonly store: EventStore,
    private readonly projections: readonly KeyedProjection<unknown>[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.fingerprint = fingerprintOf(projections);
    this.every = options.checkpointEvery ?? 1000;
    this.batch = options.readBatchSize ?? 2000;
    this.checkpoints = CheckpointStore.open(options.checkpointPath);
    this.state = this.newState();
    this.intervalMs = options.checkpointIntervalMs ?? 1000;
    this.timer = setInterval(() => this.checkpointIfDue(true), this.intervalMs);
    this.timer.unref();
  }

  /** Loads the checkpoint, catches up to the store's head, then follows new events live. */
  static async start(
    store: EventStore,
    projections: readonly KeyedProjection<unknown>[],
    options: ProjectionRunnerOptions,
  ): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner(store, projections, options);
    try {
      if (runner.checkpoints?.load(runner.state, runner.fingerprint)) {
        runner.resumedFrom = runner.state.position;
        const rewrite = await runner.anchorBroken();
        if (rewrite) {
          // The log under the checkpoint is not the one it was built from: replay it from 0.
          runner.rewriteDetected = rewrite;
          options.onRewrite?.(rewrite);
          runner.state = runner.newState();
          runner.resumedFrom = 0;
        }
      }
      await runner.replay(runner.state, await store.headPosition(), true);
    } catch (error) {
      await runner.close();
      throw error;
    }
    runner.follow();
    return runner;
  }

  /** Is the store still the log the checkpoint was built from? (`anchorBroken` of #event-store.) */
  private async anchorBroken(): Promise<string | undefined> {
    const reason = await anchorBroken(this.store, { position: this.state.position, hash: this.state.lastHash });
    return reason?.replace('behind the checkpoint', "behind the read models' checkpoint");
  }

  /** Whether this runner writes checkpoints (false when another process holds the file). */
  get checkpointing(): boolean {
    return this.checkpoints !== undefined;
  }

  /** Position of the last checkpoint written (0 when none). */
  get checkpointedPosition(): number {
    return this.checkpoints?.position() ?? 0;
  }

  /** Position of the last event every projection has applied. */
  get position(): number {
    return this.state.position;
  }

  /** While a rebuild runs, the events it has still to fold (up to the head when it began); else undefined. */
  get rebuildRemaining(): number | undefined {
    const into = this.rebuildingInto;
    return into && Math.max(0, into.head - into.state.position);
  }

  /** The state queries read (replaced as a whole by `rebuild`). */
  get current(): ProjectionState {
    return this.state;
  }

  /**
   * Resolves true once the read models have seen `position` (read-your-writes), false after
   * `timeoutMs` (or at once when the runner is closed).
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.state.position >= position) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * Folds the whole log again from position 0 into a fresh state, then swaps it in, checkpoints it
   * whole and follows the log from there. Until the swap, queries answer from the old state.
   */
  rebuild(): Promise<RebuildResult> {
    // Two calls at once share one rebuild.
    this.rebuilding ??= this.rebuildOnce().finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  private async rebuildOnce(): Promise<RebuildResult> {
    const started = performance.now();
    await this.stopFollowing();
    const fresh = this.newState(true);
    const head = await this.store.headPosition();
    this.rebuildingInto = { state: fresh, head };
    let events: number;
    try {
      events = await this.replay(fresh, head, false);
    } finally {
      this.rebuildingInto = undefined;
    }
    if (this.closed) throw new Error('The projection runner was closed during the rebuild');
    this.state = fresh;
    const saving = performance.now();
    this.save(true);
    const done = performance.now();
    this.wakeWaiters();
    this.follow();
    return { events, position: fresh.position, ms: done - started, checkpointMs: done - saving };
  }

  /** Writes a checkpoint now if anything changed since the last one. */
  checkpoint(): void {
    if (this.state.hasChanges()) this.save();
  }

  /** Stops following, writes a last checkpoint and closes the checkpoint file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.stopFollowing();
    this.checkpoint();
    this.checkpoints?.close();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters = [];
  }

  /** `wholeUntilSaved`: for a rebuild, whose state is checkpointed whole. */
  private newState(wholeUntilSaved = false): ProjectionState {
    return new ProjectionState(
      this.projections,
      (error, event) => this.options.onError?.(error, event),
      wholeUntilSaved,
    );
  }

  /** Applies every event after `state.position` up to `head` with `readAll` pages; returns how many. */
  private async replay(state: ProjectionState, head: number, live: boolean): Promise<number> {
    let count = 0;
    while (state.position < head) {
      const page = await this.store.readAll({ after: state.position, maxCount: this.batch });
      if (page.length === 0) break;
      for (const event of page) state.apply(event);
      count += page.length;
      this.replayedEvents += page.length;
      if (live) {
        this.wakeWaiters();
        // Catching up, checkpoint by time only: by count it would write every page again.
        this.checkpointIfDue(performance.now() - this.savedAt >= this.intervalMs);
      }
    }
    return count;
  }

  private follow(): void {
    const subscription = this.store.subscribe({ after: this.state.position });
    this.subscription = subscription;
    this.following = (async () => {
      try {
        for await (const event of subscription) {
          // A checkpoint may be ahead of what a subscription replays: never apply an event twice.
          if (event.position <= this.state.position) continue;
          this.state.apply(event);
          this.wakeWaiters();
          this.checkpointIfDue(false);
        }
        // A feed that ends while we still follow it was ended by the store, not by us: follow again.
        if (this.subscription === subscription && !this.closed)
          throw new Error('the event store ended the subscription');
      } catch (error) {
        if (this.subscription === subscription && !this.closed) {
          // The read models keep answering from the last state; follow again a little later, from
          // the last event applied (`follow` subscribes after `state.position`).
          this.lastError = error;
          this.options.onError?.(error);
          setTimeout(() => {
            if (this.subscription === subscription && !this.closed) this.follow();
          }, RETRY_FOLLOW_MS).unref();
        }
      }
    })();
  }

  private async stopFollowing(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) await subscription.close();
    await this.following;
    this.following = undefined;
  }

  private checkpointIfDue(onTimer: boolean): void {
    if (this.closed && onTimer) return;
    const pending = this.state.pendingEvents;
    if (pending >= this.every || (onTimer && pending > 0)) this.save();
  }

  private save(all = false): void {
    if (!this.checkpoints) return;
    this.checkpoints.save(this.state, this.fingerprint, all);
    this.savedAt = performance.now();
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const position = this.state.position;
    this.waiters = this.waiters.filter((w) => {
      if (w.position > position) return true;
      clearTimeout(w.timer);
      w.resolve(true);
      return false;
    });
  }
}
