/**
 * The signed, append-only view of the whole log: a follower that keeps the Merkle tree in step with
 * the store's ordered log (any adapter: it only uses `readAll`, or `readAllHeaders` where there is
 * one), a signer that publishes a C2SP checkpoint every few seconds while the log grows, and the
 * proofs auditors ask for.
 *
 * Never two inconsistent checkpoints: leaves are only ever appended; before each new leaf batch
 * the follower checks that the store still holds the last leaf's event unchanged, and before each
 * signature that the tree still has the root of the last checkpoint. Any mismatch means the log
 * was rewritten under the tree: the log stops following and signing (`status().state`
 * `'diverged'`, with the reason) until an operator looks. It does not rebuild itself: the tree
 * is the evidence.
 */
import { Worker } from 'node:worker_threads';
import {
  type EventStore,
  type EventStoreConfig,
  type ReadAllOptions,
  type RecordedEvent,
  type RecordedEventHeader,
} from '#event-store';
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { eventLeafHash, leafBytes } from './leaf.js';
import { sweepLog } from './sweep.js';
import type { SweepWorkerData } from './sweep-worker.js';
import { consistencyProof, inclusionProof, inclusionProofs, rootAt, type Hash } from './merkle.js';
import {
  checkpointText,
  noteSigner,
  noteVerifier,
  openCheckpoint,
  type Checkpoint,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';
import { TreeFile } from './tree-file.js';

export interface TransparencyLogOptions {
  /** The tree's SQLite file (e.g. DATA_DIR/transparency.sqlite). */
  path: string;
  /** The checkpoint's origin line; also the key's name. */
  origin: string;
  /** `PRIVATE+KEY+<origin>+…`. */
  signerKey: string;
  /** How often to follow the log and sign a new checkpoint if it grew (default 2000 ms); 0: only on demand. */
  intervalMs?: number;
  /** Events read per page while following (default 2000). */
  pageSize?: number;
  now?: () => Date;
  /**
   * Sweep the log against the leaves the tree held at start before signing (default true). Off only to play an
   * attacker's server in tests: one that signs whatever the rewritten database holds.
   */
  sweepAtStart?: boolean;
  /**
   * Run the sweep in a worker thread that opens this store itself (the same log as `store`, on a
   * connection of its own): the sweep's minutes of reads and hashes then leave the caller's
   * thread and heap alone. Default: in the caller's thread, a page per turn of the event loop.
   */
  sweepStore?: EventStoreConfig;
  /**
   * Return from `start` at once and catch the tree up with the log in the background (the API:
   * its first answers must not wait for years of log). Default false: `start` resolves caught up.
   */
  catchUpInBackground?: boolean;
  onDiverged?: (reason: string) => void;
  /** Told when the start-up sweep fails (it is tried again `SWEEP_RETRY_MS` later; nothing is signed before). */
  onError?: (error: unknown) => void;
}

/** How long after a failed start-up sweep it is tried again. */
export const SWEEP_RETRY_MS = 5000;

export interface TransparencyStatus {
  state: 'following' | 'diverged';
  treeSize: number;
  root: string;
  checkpointSize: number;
  reason?: string;
}

export interface TreeAudit {
  ok: boolean;
  state: TransparencyStatus['state'];
  reason?: string;
  treeSize: number;
  root: string;
  /** The latest signed checkpoint and whether the tree still has its root. */
  checkpoint: { size: number; root: string; matches: boolean } | undefined;
  checkedLeaves: number;
  firstMismatch?: { position: number; streamId: string; revision: number; reason: string };
}

export class LogRewrittenError extends Error {
  constructor(readonly reason: string) {
    super(`the log was rewritten under its signed tree: ${reason}`);
    this.name = 'LogRewrittenError';
  }
}

export class TransparencyLog {
  private readonly tree: TreeFile;
  private readonly signer: NoteSigner;
  /** The signer's own verifier, parsed once: every checkpoint read checks its signature. */
  private readonly verifier: NoteVerifier;
  private readonly origin: string;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** The run that `sync` calls made while one was running wait for. */
  private next: Promise<void> | undefined;
  private closed = false;
  /** Aborted by `close`: ends the sweep's wait before a new try. */
  private readonly closing = new AbortController();
  private diverged: string | undefined;
  /** Resolves once the start-up sweep is done; nothing is signed before. */
  private swept: Promise<unknown> = Promise.resolve();
  private sweptDone = false;
  /** The sweep's worker thread while it runs: `close` stops it. */
  private sweeper: Worker | undefined;

  private constructor(
    private readonly store: EventStore,
    private readonly options: TransparencyLogOptions,
  ) {
    this.signer = noteSigner(options.signerKey);
    this.verifier = noteVerifier(this.signer.verifierKey);
    if (this.signer.name !== options.origin)
      throw new Error(`the signer key is named "${this.signer.name}", the log's origin is "${options.origin}"`);
    this.origin = options.origin;
    this.tree = new TreeFile(options.path);
    this.pageSize = options.pageSize ?? 2000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Opens the tree and catches up with the log; then, in the background, sweeps the log against
   * the leaves the tree held when opened (`sweep`) before signing anything, and follows the log
   * every `intervalMs`.
   * `ready()` resolves when the sweep is done.
   */
  static async start(store: EventStore, options: TransparencyLogOptions): Promise<TransparencyLog> {
    const log = new TransparencyLog(store, options);
    // The evidence is the tree as this process found it: leaves it appends now are read from the
    // log as it is, so comparing them with that same log again would prove nothing.
    const foundSize = log.tree.head().size;
    const caughtUp = log.sync();
    if (!options.catchUpInBackground) await caughtUp;
    log.swept = log.sweepThenSign(caughtUp, foundSize);
    const interval = options.intervalMs ?? 2000;
    if (interval > 0) {
      log.timer = setInterval(() => void log.sync().catch(() => undefined), interval);
      log.timer.unref();
    }
    return log;
  }

  /**
   * The start-up sweep, tried again after a failure (a store or thread that cannot start, told to
   * `onError`) until it has run to its end: nothing is signed before. Stops when the log closes.
   */
  private async sweepThenSign(caughtUp: Promise<void>, size: number): Promise<void> {
    await caughtUp.catch(() => undefined);
    while (this.options.sweepAtStart !== false && !this.closed) {
      try {
        await this.sweep(size);
        break;
      } catch (error) {
        if (this.closed) return;
        this.options.onError?.(error);
        await sleep(SWEEP_RETRY_MS, undefined, { signal: this.closing.signal }).catch(() => undefined);
      }
    }
    if (this.closed) return;
    this.sweptDone = true;
    await this.sync();
  }

  /** Resolves once the start-up sweep is done and the first checkpoint after it is signed. */
  async ready(): Promise<void> {
    await this.swept;
  }

  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  get logOrigin(): string {
    return this.origin;
  }

  /**
   * Follows the log to its head as it is at this call, then signs a checkpoint if the tree grew.
   * One at a time: a call while one runs gets the run after it (the running one may have read the
   * head before the caller's last append), and every call meanwhile shares that one.
   */
  sync(): Promise<void> {
    if (!this.running) return this.run();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.running ?? this.run();
      });
    return this.next;
  }

  private run(): Promise<void> {
    const running = (async () => {
      try {
        if (this.closed) return;
        await this.catchUp();
        this.checkpoint();
      } finally {
        this.running = undefined;
      }
    })();
    this.running = running;
    return running;
  }

  /**
   * Compares the log with the tree's first `size` leaves (all by default), leaf by leaf
   * (`sweepLog`): O(n), so the API runs it in
   * the background at start, in a worker thread when `sweepStore` is given (a rewrite of the
   * stopped database shows in health within seconds); the per-batch check of `sync` covers the
   * head only. Answers the divergence, if any.
   */
  async sweep(size = this.tree.head().size): Promise<string | undefined> {
    if (this.diverged || size === 0) return this.diverged;
    const reason = this.options.sweepStore
      ? await this.sweepInWorker(this.options.sweepStore, size)
      : await sweepLog(this.store, this.tree, size, this.pageSize, () => this.closed);
    if (reason) this.diverge(reason);
    return this.diverged;
  }

  private async sweepInWorker(eventStore: EventStoreConfig, size: number): Promise<string | undefined> {
    const data: SweepWorkerData = { eventStore, treePath: this.options.path, size, pageSize: this.pageSize };
    const worker = new Worker(new URL('./sweep-worker.js', import.meta.url), { workerData: data });
    this.sweeper = worker;
    try {
      return await new Promise<string | undefined>((resolve, reject) => {
        worker.once('message', (message: { diverged?: string }) => resolve(message.diverged));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the sweep's worker thread exited with code ${code}`)));
      });
    } finally {
      this.sweeper = undefined;
    }
  }

  status(): TransparencyStatus {
    const { size } = this.tree.head();
    return {
      state: this.diverged ? 'diverged' : 'following',
      treeSize: size,
      root: rootAt(this.tree, size).toString('base64'),
      checkpointSize: this.tree.latestCheckpoint()?.size ?? 0,
      ...(this.diverged ? { reason: this.diverged } : {}),
    };
  }

  /** The latest signed checkpoint note, or undefined before the first event. */
  latestCheckpoint(): { note: string; checkpoint: Checkpoint } | undefined {
    const latest = this.tree.latestCheckpoint();
    return latest ? { note: latest.note, checkpoint: openCheckpoint(latest.note, this.verifier) } : undefined;
  }

  checkpointAt(size: number): string | undefined {
    return this.tree.checkpointAt(size);
  }

  treeSize(): number {
    return this.tree.head().size;
  }

  root(size: number): Hash {
    this.requireSize(size);
    return rootAt(this.tree, size);
  }

  leafIndexOf(position: number): number | undefined {
    return this.tree.leafIndexOf(position);
  }

  inclusion(leafIndex: number, treeSize: number): Hash[] {
    this.requireSize(treeSize);
    return inclusionProof(this.tree, leafIndex, treeSize);
  }

  /** `inclusion` of many leaves against one size, their shared nodes read once (a bundle's proofs). */
  inclusions(leafIndices: readonly number[], treeSize: number): Hash[][] {
    this.requireSize(treeSize);
    return inclusionProofs(this.tree, leafIndices, treeSize);
  }

  consistency(from: number, to: number): Hash[] {
    this.requireSize(to);
    return consistencyProof(this.tree, from, to);
  }

  /**
   * The tree against its latest checkpoint and the given events against their leaves: what
   * `GET /audit/verify` reports. O(log n) reads for the root, one per event.
   */
  audit(events: readonly RecordedEvent[]): TreeAudit {
    const status = this.status();
    const latest = this.latestCheckpoint();
    const checkpointMatches = latest ? rootAt(this.tree, latest.checkpoint.size).equals(latest.checkpoint.root) : true;
    let firstMismatch: TreeAudit['firstMismatch'];
    let checkedLeaves = 0;
    for (const event of events) {
      const leafIndex = this.tree.leafIndexOf(event.position);
      const matches = leafIndex !== undefined && eventLeafHash(event).equals(this.tree.node(0, leafIndex));
      if (!matches) {
        firstMismatch = {
          position: event.position,
          streamId: event.streamId,
          revision: event.revision,
          reason: leafIndex === undefined ? 'not in the tree' : 'differs from its leaf',
        };
        break;
      }
      checkedLeaves++;
    }
    return {
      ok: status.state === 'following' && checkpointMatches && firstMismatch === undefined,
      state: status.state,
      ...(status.reason ? { reason: status.reason } : {}),
      treeSize: status.treeSize,
      root: status.root,
      checkpoint: latest
        ? { size: latest.checkpoint.size, root: latest.checkpoint.root.toString('base64'), matches: checkpointMatches }
        : undefined,
      checkedLeaves,
      ...(firstMismatch ? { firstMismatch } : {}),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    if (this.timer) clearInterval(this.timer);
    await this.sweeper?.terminate();
    await this.swept.catch(() => undefined);
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    this.tree.close();
  }

  private requireSize(size: number): void {
    const have = this.tree.head().size;
    if (!(Number.isSafeInteger(size) && size >= 0 && size <= have))
      throw new RangeError(`tree size ${size} is beyond the tree (${have} leaves)`);
  }

  /**
   * Appends the log's events after the last leaf, a page at a time, until a page comes back short:
   * that read reached the head, so everything committed before `sync` was called is in. It does
   * not chase the writers past it (each page a tree transaction and a rewrite of the right edge's
   * tiles): what they commit meanwhile is the next sync's. Each page starts one position early,
   * at the last leaf's event, and that first row is checked against the leaf (`checkLastLeaf`)
   * before anything is appended: the same check as a read of its own, in the page's query.
   */
  private async catchUp(): Promise<void> {
    if (this.diverged) return;
    for (;;) {
      if (this.closed) return;
      const { size, lastPosition } = this.tree.head();
      const page = await this.readHeaders(
        size > 0 ? { after: lastPosition - 1, maxCount: this.pageSize + 1 } : { after: 0, maxCount: this.pageSize },
      );
      const events = size > 0 ? page.slice(1) : page;
      if (size > 0) this.checkLastLeaf(size, lastPosition, page[0]);
      if (this.diverged || events.length === 0) return;
      // Another process sharing the file may have appended meanwhile: then read its head again.
      const appended = this.tree.appendEvents(size, events);
      if (appended && events.length < this.pageSize) return;
      await yieldToEventLoop();
    }
  }

  /** The store must still hold the event of the last leaf, unchanged, at the same position. */
  private checkLastLeaf(size: number, lastPosition: number, event: RecordedEventHeader | undefined): void {
    if (!event || event.position !== lastPosition) {
      return this.diverge(`leaf ${size - 1} (position ${lastPosition}) is no longer in the store`);
    }
    if (!eventLeafHash(event).equals(this.tree.node(0, size - 1))) {
      return this.diverge(`the event at position ${lastPosition} (leaf ${size - 1}) changed`);
    }
  }

  private checkpoint(): void {
    if (this.closed || this.diverged || !this.sweptDone) return;
    this.tree.exclusive(() => {
      const { size } = this.tree.head();
      const latest = this.tree.latestCheckpoint();
      if (size === 0 || (latest && latest.size >= size)) return;
      if (latest) {
        const signed = openCheckpoint(latest.note, this.verifier);
        if (!rootAt(this.tree, signed.size).equals(signed.root)) {
          return this.diverge(`the tree no longer has the root of the checkpoint of size ${signed.size}`);
        }
      }
      const note = this.signer.sign(checkpointText({ origin: this.origin, size, root: rootAt(this.tree, size) }));
      this.tree.saveCheckpoint(size, note, this.now().toISOString());
    });
  }

  /** A page of the log as far as leaves go: without the content where the adapter can skip it. */
  private readHeaders(options: ReadAllOptions): Promise<RecordedEventHeader[]> {
    return this.store.readAllHeaders ? this.store.readAllHeaders(options) : this.store.readAll(options);
  }

  private diverge(reason: string): void {
    if (this.diverged) return;
    this.diverged = reason;
    this.options.onDiverged?.(reason);
  }
}

/** A recorded event's leaf (base64) as the proof routes and bundles publish it. */
export function leafBase64(event: RecordedEvent): string {
  return leafBytes(event).toString('base64');
}
