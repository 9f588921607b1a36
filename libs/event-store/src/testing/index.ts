/** The contract every adapter of the `EventStore` port passes, and the stand-in EventStoreDB client. */
export * from './event-store.contract.js';
export { FakeEventStoreDbClient } from '../eventstoredb/testing/fake-eventstoredb-client.js';
export * from './postgres-test-schema.js';
