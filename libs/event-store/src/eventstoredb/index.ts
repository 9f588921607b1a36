/** The EventStoreDB / KurrentDB adapter (loads the gRPC client: import it only when chosen). */
export { EventStoreDbEventStore } from './eventstoredb-event-store.js';
export type { EventStoreDbOptions } from './eventstoredb-event-store.js';
export { StreamDeletedOnServerError } from './eventstoredb-mapping.js';
