export * from './event-store.port.js';
export * from './errors.js';
export * from './hash-chain.js';
export { prepareAppend, MAX_STREAM_ID_LENGTH, MAX_EVENT_TYPE_LENGTH } from './prepare-append.js';
export type { PreparedAppend, PreparedEvent } from './prepare-append.js';
export { ChangeSignal, PagedSubscription } from './paged-subscription.js';
export type { PageSource } from './paged-subscription.js';
export { SqliteEventStore } from './sqlite/sqlite-event-store.js';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
// EventStoreDB adapter and the adapter factory: exported below by their own files.
export { createEventStore } from './create-event-store.js';
export type { EventStoreConfig } from './create-event-store.js';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
export type { EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store.js';
