import { anchorBroken, type EventStore, type RecordedEvent, type Subscription } from '#event-store';
import type Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CheckpointStore, type IndexFactory } from './checkpoint-store.js';
import { fingerprintOf, type KeyedProjection } from './keyed-projection.js';
import { ProjectionState } from './projection-state.js';

export interface ProjectionRunnerOptions {
  /**
   * The SQLite file holding the read models (created with its folder when missing; a second
   * process on the same folder takes `name-1.sqlite`, and so on).
   */
  checkpointPath: string;
  /** Tables derived from the partitions, kept in each checkpoint's transaction, for `query`. */
  index?: IndexFactory;
  /** Bound of the partitions kept in memory, in bytes of their JSON (default 4 MB). */
  cacheBytes?: number;
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
  /**
   * Builds these read models from position 0 into the file at `path` in another thread,
   * telling the position it has reached as it goes. Given, a first build (nothing to resume)
   * up to a head at `WORKER_BUILD_MIN_EVENTS` or beyond runs there: this thread and its heap stay free for
   * requests, then the built file is swapped in and the catch-up goes on from its checkpoint.
   */
  buildInWorker?: (path: string, onProgress: (position: number) => void, signal: AbortSignal) => Promise<void>;
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
/**
 * Below this head position a first build is quicker here than a thread's start. A position, not
 * a count: the same on SQLite and PostgreSQL; on EventStoreDB (commit positions, in bytes) nearly
 * every first build goes to the thread.
 */
export const WORKER_BUILD_MIN_EVENTS = 50_000;
/**
 * While replaying (the catch-up at start, a rebuild), changed partitions are written every this
 * many events: they stay in memory until written, so this bounds a replay's memory.
 */
const REPLAY_SAVE_EVERY = 20_000;

interface Waiter {
  position: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Feeds every projection in global log order. The read models live in the checkpoint file with a
 * bounded cache in memory (`ProjectionState`). On `open` it resumes from the file's checkpoint,
 * catches up with `readAll` pages up to the head in the background (queries can tell it is
 * `catchingUp` and wait for a position), then follows the store's subscription live. It
 * checkpoints every N events or T ms, and can rebuild everything from position 0 into a new
 * generation of the file while the old one keeps answering queries.
 */
export class ProjectionRunner {
  private state!: ProjectionState;
  private checkpoints: CheckpointStore;
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
  /** Stops a build running in another thread (`buildInWorker`) when the runner closes. */
  private readonly building = new AbortController();
  /** While catching up at start: the store's head it catches up to. */
  private catchUpHead?: number;
  /** Resolves once the catch-up at start has reached the head it began with (rejects on `start`'s failure). */
  caughtUp: Promise<void> = Promise.resolve();
  /** Set once the subscription has failed: queries still answer from the last state. */
  lastError?: unknown;
  /** The checkpoint's position the runner resumed from (0: it replayed the log from the start). */
  resumedFrom = 0;
  /** Why the checkpoint was thrown away at start (the store's head behind it, or its last event gone or changed). */
  rewriteDetected?: string;
  /** Events folded from `readAll` pages so far: the catch-up at start, then every rebuild (operators' metrics). */
  replayedEvents = 0;
  /** While a first build runs in another thread: the position it has reached. */
  buildPosition?: number;

  private constructor(
    private readonly store: EventStore,
    private readonly projections: readonly KeyedProjection<unknown>[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.fingerprint = fingerprintOf(projections);
    this.every = options.checkpointEvery ?? 1000;
    this.batch = options.readBatchSize ?? 2000;
    this.checkpoints = CheckpointStore.open(options.checkpointPath, options.index);
    this.loadCheckpoint();
    this.intervalMs = options.checkpointIntervalMs ?? 1000;
    this.timer = setInterval(() => this.checkpointIfDue(true), this.intervalMs);
    this.timer.unref();
  }

  /**
   * Opens the read models at their checkpoint and returns at once: the catch-up to the store's
   * head runs in the background (`catchingUp`, `caughtUp`; a failed read is told to `onError`
   * and tried again), then the runner follows new events live.
   */
  static async open(
    store: EventStore,
    projections: readonly KeyedProjection<unknown>[],
    options: ProjectionRunnerOptions,
  ): Promise<ProjectionRunner> {
    const runner = await ProjectionRunner.resumed(store, projections, options);
    runner.caughtUp = runner.catchUp(true);
    return runner;
  }

  /** Like `open`, and resolves once caught up with the head (rejects if a read fails). */
  static async start(
    store: EventStore,
    projections: readonly KeyedProjection<unknown>[],
    options: ProjectionRunnerOptions,
  ): Promise<ProjectionRunner> {
    const runner = await ProjectionRunner.resumed(store, projections, options);
    try {
      await runner.catchUp(false);
    } catch (error) {
      await runner.close();
      throw error;
    }
    return runner;
  }

  /** A runner at its checkpoint (or at 0 when the log was rewritten under it), knowing the head to catch up to. */
  private static async resumed(
    store: EventStore,
    projections: readonly KeyedProjection<unknown>[],
    options: ProjectionRunnerOptions,
  ): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner(store, projections, options);
    try {
      await runner.resumeOrRestart();
      runner.catchUpHead = await store.headPosition();
    } catch (error) {
      await runner.close();
      throw error;
    }
    return runner;
  }

  /** The state at the file's checkpoint, or a new generation at position 0 when it has none of these projections. */
  private loadCheckpoint(): void {
    const stored = this.checkpoints.read(this.fingerprint);
    if (stored) {
      this.state = this.newState(stored.generation, true);
      this.state.position = stored.position;
      this.state.lastHash = stored.lastHash;
      this.checkpoints.keepOnly(stored.generation);
    } else this.state = this.newState(this.checkpoints.nextGeneration());
  }

  /**
   * A first build far from the head, in another thread (`buildInWorker`), into a file beside this
   * one; then, in one synchronous step, this file is closed, replaced by the built one and opened
   * again, and its checkpoint loaded. If the thread fails, the catch-up simply runs here.
   */
  private async buildAside(): Promise<void> {
    const head = this.catchUpHead ?? 0;
    if (!this.options.buildInWorker || this.state.position !== 0 || head < WORKER_BUILD_MIN_EVENTS) return;
    const slot = this.checkpoints.path;
    const built = `${slot}.build`;
    try {
      await this.options.buildInWorker(
        built,
        (position) => {
          this.buildPosition = position;
        },
        this.building.signal,
      );
    } catch (error) {
      if (!this.closed) this.options.onError?.(error);
      // What a failed build left is not resumed by a later one: the catch-up runs here, from 0.
      for (const file of [built, `${built}-wal`, `${built}-shm`]) rmSync(file, { force: true });
      return;
    } finally {
      this.buildPosition = undefined;
    }
    if (this.closed) return;
    this.swapIn(built);
    await this.resumeOrRestart();
    // Built from position 0, in the other thread.
    this.resumedFrom = 0;
    this.replayedEvents += this.state.position;
    this.wakeWaiters();
  }

  /**
   * Replaces this process's file with `built` and loads its checkpoint, in one synchronous step:
   * no request runs in between. The slot is let go of for the moment of the rename; should
   * another process have taken it meanwhile, the lowest free one is opened (and its checkpoint,
   * if any, resumed as at a start).
   */
  private swapIn(built: string): void {
    const slot = this.checkpoints.path;
    this.checkpoints.close();
    try {
      renameSync(built, slot);
    } finally {
      this.checkpoints =
        CheckpointStore.openSlot(slot, this.options.index) ??
        CheckpointStore.open(this.options.checkpointPath, this.options.index);
      this.loadCheckpoint();
    }
  }

  /** Keeps the loaded checkpoint, or starts a new generation from 0 when the log was rewritten under it. */
  private async resumeOrRestart(): Promise<void> {
    if (this.state.position === 0) return;
    this.resumedFrom = this.state.position;
    const rewrite = await this.anchorBroken();
    if (!rewrite) return;
    // The log under the checkpoint is not the one it was built from: replay it from 0.
    this.rewriteDetected = rewrite;
    this.options.onRewrite?.(rewrite);
    this.state = this.newState(this.checkpoints.nextGeneration());
    this.resumedFrom = 0;
  }

  /** Replays up to the head found at open, then follows; in the background, a failed read is retried. */
  private async catchUp(retry: boolean): Promise<void> {
    for (;;) {
      try {
        await this.buildAside();
        await this.replay(this.state, this.catchUpHead ?? 0, true);
        break;
      } catch (error) {
        if (!retry) throw error;
        if (this.closed) return;
        this.lastError = error;
        this.options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_FOLLOW_MS).unref());
        if (this.closed) return;
      }
    }
    this.catchUpHead = undefined;
    if (!this.closed) this.follow();
  }

  /** Is the store still the log the checkpoint was built from? (`anchorBroken` of #event-store.) */
  private async anchorBroken(): Promise<string | undefined> {
    const reason = await anchorBroken(this.store, { position: this.state.position, hash: this.state.lastHash });
    return reason?.replace('behind the checkpoint', "behind the read models' checkpoint");
  }

  /** True while the catch-up at start runs: the read models are behind the head they found. */
  get catchingUp(): boolean {
    return this.catchUpHead !== undefined;
  }

  /** While catching up at start, the store's head it catches up to. */
  get catchingUpTo(): number | undefined {
    return this.catchUpHead;
  }

  /** The read models' file (this process's slot). */
  get checkpointPath(): string {
    return this.checkpoints.path;
  }

  /** Position of the last checkpoint written (0 when none). */
  get checkpointedPosition(): number {
    return this.checkpoints.position();
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
   * Runs `read` on the index tables (see `ProjectionRunnerOptions.index`) of the state queries
   * read, after writing what changed since the last checkpoint, so the tables stand at `position`.
   */
  query<T>(read: (db: Database.Database, generation: number) => T): T {
    if (this.state.hasChanges() && !this.closed) this.save();
    const generation = this.state.generation;
    return this.checkpoints.query((db) => read(db, generation));
  }

  /** Every partition of one projection at `position`, by key (written first if changed): for tests and tools. */
  partitions(projection: string): [key: string, state: unknown][] {
    return this.query(() => this.checkpoints.partitions(this.state.generation, projection));
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
   * Folds the whole log again from position 0 into a new generation, then swaps it in, checkpoints
   * it (dropping the old generation) and follows the log from there. Until the swap, queries
   * answer from the old state.
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
    await this.caughtUp;
    await this.stopFollowing();
    const fresh = this.newState(this.checkpoints.nextGeneration());
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
    this.save();
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
    this.building.abort();
    await this.stopFollowing();
    this.checkpoint();
    this.checkpoints.close();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters = [];
  }

  /** `sourceHolds`: the generation already has partitions in the file (a loaded checkpoint). */
  private newState(generation: number, sourceHolds = false): ProjectionState {
    return new ProjectionState(this.projections, {
      onError: (error, event) => this.options.onError?.(error, event),
      generation,
      source: this.checkpoints,
      sourceHolds,
      cacheBytes: this.options.cacheBytes,
    });
  }

  /**
   * Applies every event after `state.position` up to `head` with `readAll` pages; returns how
   * many. `live`: the state queries read (checkpointed as it goes); else a rebuild's, whose
   * progress is written without moving the checkpoint.
   */
  private async replay(state: ProjectionState, head: number, live: boolean): Promise<number> {
    let count = 0;
    while (state.position < head && !this.closed) {
      // A store that answers at once (SQLite) would keep this loop in microtasks: let requests
      // (health, queries with minPosition) in between pages.
      await yieldToEventLoop();
      if (this.closed) break;
      const page = await this.store.readAll({ after: state.position, maxCount: this.batch });
      if (page.length === 0 || this.closed) break;
      for (const event of page) state.apply(event);
      count += page.length;
      this.replayedEvents += page.length;
      if (live) {
        this.wakeWaiters();
        // Catching up: by time, or when the partitions held for the next save grow large.
        if (state.pendingEvents >= REPLAY_SAVE_EVERY || performance.now() - this.savedAt >= this.intervalMs)
          this.save();
      } else if (state.pendingEvents >= REPLAY_SAVE_EVERY) this.checkpoints.save(state, this.fingerprint, false);
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

  private save(): void {
    this.checkpoints.save(this.state, this.fingerprint);
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
