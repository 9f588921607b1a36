/**
 * Chooses the `EventStore` adapter from configuration (`EVENT_STORE=sqlite|eventstoredb`), so the
 * application code never names an adapter. Each adapter is imported only when chosen: a SQLite
 * deployment never loads the gRPC client, an EventStoreDB one never opens a database file.
 */
import type { EventStore } from './event-store.port.js';

export type EventStoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'eventstoredb'; connectionString: string };

/**
 * Opens the configured store. For EventStoreDB it also checks that the server answers, so a
 * missing or unreachable server stops the start-up with an `EventStoreUnavailableError` that names
 * the connection string (without its credentials) instead of failing on the first request.
 */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite': {
      const { SqliteEventStore } = (await import(modules.sqlite)) as {
        SqliteEventStore: { open(path: string): EventStore | Promise<EventStore> };
      };
      return SqliteEventStore.open(config.path);
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = (await import(modules.eventstoredb)) as {
        EventStoreDbEventStore: { connect(connectionString: string): Promise<EventStore> };
      };
      return EventStoreDbEventStore.connect(config.connectionString);
    }
  }
}

// Provisional: both adapters are being written in parallel; these become literal imports once
// their files exist, so that the compiler checks the names.
const modules: { sqlite: string; eventstoredb: string } = {
  sqlite: './sqlite-event-store.js',
  eventstoredb: './eventstoredb-event-store.js',
};
