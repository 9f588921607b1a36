/** The PostgreSQL adapter (loads node-postgres: import it only when chosen). */
export { PostgresEventStore, describeServer } from './postgres-event-store.js';
export type { PostgresEventStoreOptions } from './postgres-event-store.js';
export { PostgresSchemaError } from './postgres-migrate.js';
export * from './postgres-schema.js';
