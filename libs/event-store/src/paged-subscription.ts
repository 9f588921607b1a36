/**
 * A subscription built from two things every log can offer: "read the page after position P" and
 * "tell me when something may have been committed". It reads pages until one comes back empty,
 * then sleeps until the next change signal, and reads again. Because it always resumes from the
 * position of the last event it delivered, catch-up turns into live with no gap and no duplicate,
 * whatever is appended meanwhile (positions are assigned in commit order).
 */
import type { RecordedEvent, Subscription } from './event-store.port.js';

/** A counter that moves whenever the log may have grown; waiters are woken on every move. */
export class ChangeSignal {
  private version = 0;
  private waiters = new Set<() => void>();

  get current(): number {
    return this.version;
  }

  get hasWaiters(): boolean {
    return this.waiters.size > 0;
  }

  notify(): void {
    this.version++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves once the version differs from `seen` (at once if it already does), or when `cancel`
   * is called. Taking `seen` from before the read closes the window in which a commit between
   * "the page was empty" and "start waiting" would be missed.
   */
  waitForChange(seen: number): { promise: Promise<void>; cancel: () => void } {
    if (this.version !== seen) return { promise: Promise.resolve(), cancel: () => {} };
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.waiters.add(wake);
    return {
      promise,
      cancel: () => {
        this.waiters.delete(wake);
        wake();
      },
    };
  }
}

export interface PageSource {
  readPage(after: number, maxCount: number): Promise<RecordedEvent[]>;
  signal: ChangeSignal;
  /** Called whenever the subscription starts waiting for a change (e.g. to start polling). */
  onWait?(): void;
}

export class PagedSubscription implements Subscription {
  private buffer: RecordedEvent[] = [];
  private next = 0;
  private closed = false;
  private cancelWait: (() => void) | undefined;

  constructor(
    private readonly source: PageSource,
    private after: number,
    private readonly pageSize = 1000,
    private readonly onClose: (subscription: PagedSubscription) => void = () => {},
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.cancelWait?.();
    this.onClose(this);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.pull(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      if (this.next < this.buffer.length) {
        const event = this.buffer[this.next++];
        this.after = event.position;
        return { done: false, value: event };
      }
      const seen = this.source.signal.current;
      const page = await this.source.readPage(this.after, this.pageSize);
      if (this.closed) break;
      if (page.length > 0) {
        this.buffer = page;
        this.next = 0;
        continue;
      }
      const wait = this.source.signal.waitForChange(seen);
      this.cancelWait = wait.cancel;
      this.source.onWait?.();
      await wait.promise;
      this.cancelWait = undefined;
    }
    return { done: true, value: undefined };
  }
}
