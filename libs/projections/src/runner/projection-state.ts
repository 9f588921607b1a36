import type { RecordedEvent } from '#event-store';
import type { KeyedProjection } from './keyed-projection.js';
import type { SavableState } from './checkpoint-store.js';

/** Where partitions not in memory are read from (the checkpoint file's generation). */
export interface PartitionSource {
  load(generation: number, projection: string, key: string): string | undefined;
}

export interface ProjectionStateOptions {
  /** Told when a projection throws: that projection then skips the event, the others apply it. */
  onError?: (error: unknown, event: RecordedEvent) => void;
  /** The generation of the checkpoint file this state reads and writes. */
  generation: number;
  /** Where evicted (or not yet loaded) partitions are read back from; none keeps everything in memory. */
  source?: PartitionSource;
  /** True when the source already holds partitions of this generation (a loaded checkpoint). */
  sourceHolds?: boolean;
  /** Bound of the cache, in bytes of the partitions' JSON (default 4 MB). */
  cacheBytes?: number;
}

interface Slot {
  projection: KeyedProjection<unknown>;
  /** The partitions in memory, oldest first: the first evicted. */
  states: Map<string, unknown>;
  /** Changed since the last save: kept in memory until saved. */
  dirty: Set<string>;
  /** JSON length of each clean partition in memory (what the cache bound counts). */
  sizes: Map<string, number>;
}

export const DEFAULT_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * The state of every projection, partition by partition, with the log position it has seen. Only a
 * bounded set of partitions is in memory: the ones changed since the last save (which the next
 * save writes) and, up to `cacheBytes`, the ones last used; the rest are read back from the
 * checkpoint file on demand. So the memory a server needs follows the cycles in use, not the log.
 */
export class ProjectionState implements SavableState {
  private readonly slots: Slot[];
  private readonly byName = new Map<string, Slot>();
  private readonly cacheBytes: number;
  private readonly source?: PartitionSource;
  /** Whether a partition missing from memory may be in the source (skips lookups in a first build). */
  private sourceHolds: boolean;
  /** Bytes of the clean partitions in memory. */
  private used = 0;
  readonly generation: number;
  /** Position of the last event applied; 0 before any. */
  position = 0;
  /** Hash of that event: with the position, the anchor that tells a rewritten log on restart. */
  lastHash: string | null = null;
  /** Events applied since the last save. */
  pendingEvents = 0;

  constructor(
    projections: readonly KeyedProjection<unknown>[],
    private readonly options: ProjectionStateOptions,
  ) {
    this.generation = options.generation;
    this.source = options.source;
    this.sourceHolds = options.sourceHolds ?? false;
    this.cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
    this.slots = projections.map((projection) => {
      const slot: Slot = { projection, states: new Map(), dirty: new Set(), sizes: new Map() };
      this.byName.set(projection.name, slot);
      return slot;
    });
  }

  apply(event: RecordedEvent): void {
    for (const slot of this.slots) {
      const key = slot.projection.keyOf(event);
      if (key === undefined) continue;
      let next: unknown;
      try {
        next = slot.projection.apply(this.lookup(slot, key), event, key);
      } catch (error) {
        this.options.onError?.(error, event);
        continue;
      }
      if (slot.dirty.has(key)) slot.states.set(key, next);
      else {
        // First change since the last save: to the end of the eviction order (recently used).
        slot.states.delete(key);
        slot.states.set(key, next);
        slot.dirty.add(key);
        this.used -= slot.sizes.get(key) ?? 0;
        slot.sizes.delete(key);
      }
    }
    this.position = event.position;
    this.lastHash = event.hash;
    this.pendingEvents++;
  }

  get<S>(projection: string, key: string): S | undefined {
    const slot = this.byName.get(projection);
    return slot && (this.lookup(slot, key) as S | undefined);
  }

  hasChanges(): boolean {
    return this.pendingEvents > 0;
  }

  /** The partitions changed since the last save, as [projection, key, state]. */
  *changes(): Generator<[string, string, unknown]> {
    for (const { projection, states, dirty } of this.slots)
      for (const key of dirty) yield [projection.name, key, states.get(key)];
  }

  /** After a save: the changed partitions are clean (with their JSON `sizes`), and the cache is trimmed. */
  markSaved(sizes: readonly number[] = []): void {
    let i = 0;
    for (const slot of this.slots) {
      for (const key of slot.dirty) {
        const size = sizes[i++] ?? 0;
        slot.sizes.set(key, size);
        this.used += size;
      }
      slot.dirty.clear();
    }
    this.pendingEvents = 0;
    if (this.source && this.used > this.cacheBytes) this.trim(this.cacheBytes * 0.8);
  }

  /** Partitions in memory (for tests of the cache bound). */
  get cached(): number {
    return this.slots.reduce((n, s) => n + s.states.size, 0);
  }

  private lookup(slot: Slot, key: string): unknown {
    const cached = slot.states.get(key);
    if (cached !== undefined) {
      // A clean partition read again moves to the end of the eviction order: least recently used first.
      if (this.source && !slot.dirty.has(key)) {
        slot.states.delete(key);
        slot.states.set(key, cached);
      }
      return cached;
    }
    if (!this.sourceHolds || !this.source) return undefined;
    const json = this.source.load(this.generation, slot.projection.name, key);
    if (json === undefined) return undefined;
    const state: unknown = JSON.parse(json);
    slot.states.set(key, state);
    slot.sizes.set(key, json.length);
    this.used += json.length;
    // Reads fill the cache as much as writes do: bound it here too, or a server that only answers
    // queries would end up holding every partition it was ever asked for.
    if (this.used > this.cacheBytes) this.trim(this.cacheBytes * 0.8, slot, key);
    return state;
  }

  /**
   * Evicts clean partitions, least recently used first, until the cache holds at most `target`
   * bytes: the projections listed last first (the cycle partitions, which every query reads, go
   * last); never the one just read (`keepSlot`, `keepKey`), which the caller is about to use.
   */
  private trim(target: number, keepSlot?: Slot, keepKey?: string): void {
    for (const slot of [...this.slots].reverse()) {
      for (const [key] of slot.states) {
        if (this.used <= target) return;
        if (slot.dirty.has(key) || (slot === keepSlot && key === keepKey)) continue;
        this.used -= slot.sizes.get(key) ?? 0;
        slot.sizes.delete(key);
        slot.states.delete(key);
        // From now on a partition missing from memory may be in the file.
        this.sourceHolds = true;
      }
    }
  }
}
