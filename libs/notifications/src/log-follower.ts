/**
 * A read model kept in step with the log on demand: `catchUp()` reads every event committed since
 * the last call (`readAll` after its position) and folds it. Called right before a decision, it
 * gives exactly what a full re-read would, at the cost of the new events only. Concurrent callers
 * share one read.
 */
import type { EventStore, RecordedEvent } from '#event-store';

const PAGE = 5000;

export class LogFollower<Model> {
  private position = 0;
  private reading: Promise<Model> | null = null;

  constructor(
    private readonly store: EventStore,
    readonly model: Model,
    private readonly apply: (model: Model, event: RecordedEvent) => void,
  ) {}

  catchUp(): Promise<Model> {
    // A caller arriving during a read waits for it, then reads again: it must see its own moment.
    const previous = this.reading ?? Promise.resolve(this.model);
    const next = previous.catch(() => this.model).then(() => this.readToHead());
    this.reading = next;
    void next
      .finally(() => {
        if (this.reading === next) this.reading = null;
      })
      .catch(() => undefined);
    return next;
  }

  private async readToHead(): Promise<Model> {
    for (;;) {
      const events = await this.store.readAll({ after: this.position, maxCount: PAGE });
      for (const event of events) {
        this.apply(this.model, event);
        this.position = event.position;
      }
      if (events.length < PAGE) return this.model;
    }
  }
}
