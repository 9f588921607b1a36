/**
 * The `EventStore` port, its errors, the canonical JSON and hash chain, and the factory that opens
 * the configured adapter. The adapters are sub-paths (`#event-store/sqlite`,
 * `#event-store/eventstoredb`, `#event-store/postgres`): importing the port loads none of them.
 */
export * from './event-store.port.js';
export * from './errors.js';
export * from './hash-chain.js';
export { prepareAppend, MAX_STREAM_ID_LENGTH, MAX_EVENT_TYPE_LENGTH } from './prepare-append.js';
export type { PreparedAppend, PreparedEvent } from './prepare-append.js';
export { ChangeSignal, PagedSubscription } from './paged-subscription.js';
export type { PageSource } from './paged-subscription.js';
export { createEventStore } from './create-event-store.js';
export type { EventStoreConfig } from './create-event-store.js';
