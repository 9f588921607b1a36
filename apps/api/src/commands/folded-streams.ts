/**
 * Streams folded once and kept: each load reads only the events appended since the revision it
 * last saw (the store stays the truth, so a write by another instance is read, never missed), and
 * indexes them by command id for idempotent replays. Least recently used streams are dropped past
 * `maxStreams`, so memory stays bounded whatever the log's size.
 */
import type { EventStore, RecordedEvent } from '../../../../libs/event-store/src/event-store.port.js';

export interface FoldedStream<S> {
  state: S;
  /** The stream's last event (undefined for an empty stream). */
  last?: RecordedEvent;
  /** The events of each command id recorded in this stream, in order. */
  byCommand: Map<string, RecordedEvent[]>;
}

export class FoldedStreams {
  private readonly streams = new Map<string, FoldedStream<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly maxStreams = 2_000,
  ) {}

  async load<S>(streamId: string, initial: () => S, fold: (state: S, events: RecordedEvent[]) => S): Promise<FoldedStream<S>> {
    const cached = this.streams.get(streamId) as FoldedStream<S> | undefined;
    const fromRevision = cached?.last ? cached.last.revision + 1 : 0;
    const fresh = await this.store.readStream(streamId, { fromRevision });
    let entry: FoldedStream<S> = cached ?? { state: initial(), byCommand: new Map() };
    if (fresh.length > 0) {
      // A new entry object: a concurrent load holding the old one keeps a consistent view.
      const byCommand = new Map(entry.byCommand);
      for (const event of fresh) byCommand.set(event.metadata.commandId, [...(byCommand.get(event.metadata.commandId) ?? []), event]);
      entry = { state: fold(entry.state, fresh), last: fresh[fresh.length - 1], byCommand };
    }
    this.streams.delete(streamId);
    this.streams.set(streamId, entry as FoldedStream<unknown>);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value as string);
    return entry;
  }
}
