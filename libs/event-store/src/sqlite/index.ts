/** The embedded default adapter: the log in one SQLite file. */
export { SqliteEventStore } from './sqlite-event-store.js';
export type { SqliteEventStoreOptions } from './sqlite-event-store.js';
export * from './sqlite-schema.js';
