/**
 * The read side as operators watch it: the position the read models have reached, the store's
 * head, the lag between them, and the events folded in bulk (the catch-up at start, rebuilds).
 * Read at each scrape; a store that does not answer keeps the head's last value.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { within } from './within.js';

/** What `ReadModels` of #projections tells. */
export interface ReadModelsProgress {
  readonly position: number;
  readonly replayedEvents: number;
  readonly rebuildRemaining: number | undefined;
}

/** The store's head (the event store port's `headPosition`). */
export interface HeadSource {
  headPosition(): Promise<number>;
}

export function watchReadModels(registry: Registry, readModels: ReadModelsProgress, store: HeadSource): void {
  const registers = [registry];
  new Gauge({
    name: 'thidua_read_model_position',
    help: 'Global log position of the last event the read models applied',
    registers,
    collect() {
      this.set(readModels.position);
    },
  });
  new Gauge({
    name: 'thidua_event_store_head_position',
    help: "Global log position of the store's last event",
    registers,
    async collect() {
      const head = await within(store.headPosition()).catch(() => undefined);
      if (head !== undefined) this.set(head);
    },
  });
  new Gauge({
    name: 'thidua_read_model_lag_events',
    help: "Events in the store that the read models have not applied yet (the store's head minus their position)",
    registers,
    async collect() {
      const head = await within(store.headPosition()).catch(() => undefined);
      if (head !== undefined) this.set(Math.max(0, head - readModels.position));
    },
  });
  new Counter({
    name: 'thidua_read_model_replayed_events_total',
    help: 'Events folded from the log in bulk: the catch-up at start, then every rebuild',
    registers,
    collect() {
      this.reset();
      this.inc(readModels.replayedEvents);
    },
  });
  new Gauge({
    name: 'thidua_read_model_rebuilding',
    help: '1 while the read models are rebuilt from position 0 (the old state answers meanwhile), else 0',
    registers,
    collect() {
      this.set(readModels.rebuildRemaining === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'thidua_read_model_rebuild_remaining_events',
    help: 'Events a running rebuild has still to fold, up to the head it began at (0 when none runs)',
    registers,
    collect() {
      this.set(readModels.rebuildRemaining ?? 0);
    },
  });
}
