/**
 * Chooses the `EventStore` adapter from configuration (`EVENT_STORE=sqlite|eventstoredb|postgres`), so
 * the application code never names an adapter. Each adapter's module is loaded only when chosen, so
 * an application that starts through this function never loads the gRPC client or node-postgres
 * for SQLite, nor better-sqlite3 for EventStoreDB.
 */
import type { EventStore } from './event-store.port.js';

export type EventStoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'eventstoredb'; connectionString: string }
  | { kind: 'postgres'; connectionString: string; schema?: string; poolSize?: number };

/**
 * Opens the configured store. For EventStoreDB and PostgreSQL it also checks that the server
 * answers (and PostgreSQL's schema is of this build's version, created or migrated if need be), so
 * a missing or unreachable server stops the start-up with an `EventStoreUnavailableError` that
 * names the server (without its credentials) instead of failing on the first request.
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
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres-event-store.js');
      return PostgresEventStore.connect({
        connectionString: config.connectionString,
        schema: config.schema,
        poolSize: config.poolSize,
      });
    }
  }
}
