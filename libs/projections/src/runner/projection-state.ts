import type { RecordedEvent } from '#event-store';
import type { KeyedProjection } from './keyed-projection.js';

/**
 * The in-memory state of every projection, partition by partition, with the log position it has
 * seen and the partitions changed since the last checkpoint.
 */
export class ProjectionState {
  private readonly partitions = new Map<string, Map<string, unknown>>();
  private readonly dirty = new Map<string, Set<string>>();
  /** Each projection with its partitions and changed keys, looked up once rather than per event. */
  private readonly slots: { projection: KeyedProjection<unknown>; states: Map<string, unknown>; dirty: Set<string> }[];
  /** Position of the last event applied; 0 before any. */
  position = 0;
  /** Hash of that event: with the position, the anchor that tells a rewritten log on restart. */
  lastHash: string | null = null;
  /** Events applied since the last checkpoint. */
  pendingEvents = 0;

  constructor(
    projections: readonly KeyedProjection<unknown>[],
    /** Told when a projection throws: that projection then skips the event, the others apply it. */
    private readonly onError: (error: unknown, event: RecordedEvent) => void = () => {},
    /**
     * True for a state that will be saved whole the first time (a rebuild's): until then,
     * remembering which partitions changed would cost a set insertion per event for nothing.
     */
    private wholeUntilSaved = false,
  ) {
    this.slots = projections.map((projection) => {
      const states = new Map<string, unknown>();
      const dirty = new Set<string>();
      this.partitions.set(projection.name, states);
      this.dirty.set(projection.name, dirty);
      return { projection, states, dirty };
    });
  }

  apply(event: RecordedEvent): void {
    for (const { projection, states, dirty } of this.slots) {
      const key = projection.keyOf(event);
      if (key === undefined) continue;
      try {
        states.set(key, projection.apply(states.get(key), event, key));
      } catch (error) {
        this.onError(error, event);
        continue;
      }
      if (!this.wholeUntilSaved) dirty.add(key);
    }
    this.position = event.position;
    this.lastHash = event.hash;
    this.pendingEvents++;
  }

  get<S>(projection: string, key: string): S | undefined {
    return this.partitions.get(projection)?.get(key) as S | undefined;
  }

  /** Every partition of one projection (insertion order: the order partitions first appeared). */
  all<S>(projection: string): IterableIterator<[string, S]> {
    return (this.partitions.get(projection) ?? new Map()).entries() as IterableIterator<[string, S]>;
  }

  /** Restores a partition read from a checkpoint. */
  restore(projection: string, key: string, state: unknown): void {
    this.partitions.get(projection)?.set(key, state);
  }

  hasChanges(): boolean {
    return this.pendingEvents > 0;
  }

  /**
   * The partitions changed since the last checkpoint (or all of them), as [projection, key, state].
   * A state not yet saved whole gives all of them.
   */
  *changes(all = false): Generator<[string, string, unknown]> {
    all ||= this.wholeUntilSaved;
    for (const [name, states] of this.partitions) {
      const keys = all ? states.keys() : this.dirty.get(name)!.values();
      for (const key of keys) yield [name, key, states.get(key)];
    }
  }

  markSaved(): void {
    this.wholeUntilSaved = false;
    for (const keys of this.dirty.values()) keys.clear();
    this.pendingEvents = 0;
  }
}
