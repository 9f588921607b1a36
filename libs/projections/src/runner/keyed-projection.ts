import type { RecordedEvent } from '#event-store';

/**
 * A read model split into partitions (here: one per cycle), each a JSON-serializable state folded
 * from the events that concern it. `apply` must be pure and deterministic: the same events in the
 * same order give the same state, which is what makes a rebuild from position 0 equal the live one.
 *
 * Partitions keep checkpoints cheap: only the partitions an event touched are written again.
 */
export interface KeyedProjection<S> {
  readonly name: string;
  /**
   * Bump it whenever the shape of the state or the meaning of `apply` changes: a checkpoint written
   * by another version is thrown away and the read models are rebuilt from position 0.
   */
  readonly version: number;
  /** The partition an event belongs to, or undefined when this projection ignores the event. */
  keyOf(event: RecordedEvent): string | undefined;
  /** The next state of the partition `key`; `state` is undefined for a partition's first event. */
  apply(state: S | undefined, event: RecordedEvent, key: string): S;
}

/** Identifies the set of projections a checkpoint was written by (names and versions). */
export function fingerprintOf(projections: readonly KeyedProjection<unknown>[]): string {
  return projections
    .map((p) => `${p.name}@${p.version}`)
    .sort()
    .join(',');
}
