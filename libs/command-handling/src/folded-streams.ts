/**
 * Streams folded once and kept: each load reads only the events appended since the revision it
 * last saw (the store stays the truth, so a write by another instance is read, never missed), and
 * indexes them by command id for idempotent replays. Events this process appends are folded in
 * as they are committed, so the next load does not read them back. Least recently used streams
 * are dropped past `maxStreams`, so memory stays bounded whatever the log's size.
 */
import type { EventStore, RecordedEvent } from '#event-store';

export interface FoldedStream<S> {
  state: S;
  /** The stream's last event (undefined for an empty stream). */
  last?: RecordedEvent;
  /** The events of each command id recorded in this stream, in order. */
  byCommand: Map<string, RecordedEvent[]>;
}

export type Fold<S> = (state: S, events: RecordedEvent[]) => S;

export class FoldedStreams {
  private readonly streams = new Map<string, FoldedStream<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly maxStreams = 2_000,
  ) {}

  async load<S>(streamId: string, initial: () => S, fold: Fold<S>): Promise<FoldedStream<S>> {
    const cached = this.streams.get(streamId) as FoldedStream<S> | undefined;
    const fresh = await this.store.readStream(streamId, { fromRevision: nextRevision(cached) });
    const entry = extended(cached ?? { state: initial(), byCommand: new Map() }, fresh, fold);
    this.streams.delete(streamId);
    this.streams.set(streamId, entry as FoldedStream<unknown>);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value as string);
    return entry;
  }

  /**
   * Folds in `events`, just appended to the stream right after `basis` (the entry the command was
   * decided on). When the kept entry has moved on meanwhile, or the events do not follow it, this
   * does nothing: the next load reads them from the store as before.
   */
  appended<S>(streamId: string, basis: FoldedStream<S>, events: RecordedEvent[], fold: Fold<S>): void {
    if (events.length === 0 || this.streams.get(streamId) !== basis || events[0]!.revision !== nextRevision(basis))
      return;
    try {
      this.streams.set(streamId, extended(basis, events, fold) as FoldedStream<unknown>);
    } catch {
      // The append is committed whatever the fold says: forget the entry, the next load folds the
      // stream from the store again (and reports what fails there, as it always did).
      this.streams.delete(streamId);
    }
  }
}

function nextRevision(entry: FoldedStream<unknown> | undefined): number {
  return entry?.last ? entry.last.revision + 1 : 0;
}

/** `entry` with `events` folded in: a new object, so a concurrent holder of the old one keeps a consistent view. */
function extended<S>(entry: FoldedStream<S>, events: RecordedEvent[], fold: Fold<S>): FoldedStream<S> {
  if (events.length === 0) return entry;
  const byCommand = new Map(entry.byCommand);
  for (const event of events)
    byCommand.set(event.metadata.commandId, [...(byCommand.get(event.metadata.commandId) ?? []), event]);
  return { state: fold(entry.state, events), last: events[events.length - 1], byCommand };
}
