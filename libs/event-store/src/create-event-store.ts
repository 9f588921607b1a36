/**
 * Chooses the `EventStore` adapter from configuration (`EVENT_STORE=sqlite|eventstoredb`), so the
 * application code never names an adapter. Each adapter's module is loaded only when chosen, so an
 * application that starts through this function (rather than through the library's index, which
 * re-exports both) never loads the gRPC client for SQLite, nor better-sqlite3 for EventStoreDB.
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
      const { SqliteEventStore } = await import('./sqlite/sqlite-event-store.js');
      return SqliteEventStore.open({ path: config.path });
    }
    case 'eventstoredb': {
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
      return EventStoreDbEventStore.connect(config.connectionString);
    }
  }
}
