/**
 * The event stores the end-to-end tests run the built server on: the embedded SQLite file under
 * DATA_DIR, and the machine's PostgreSQL in a schema of the test's own, dropped afterwards.
 */
import { TEST_DATABASE_URL, dropSchema, testSchemaName } from '#event-store/testing';

export const E2E_STORES = ['sqlite', 'postgres'] as const;
export type E2eStore = (typeof E2E_STORES)[number];

export interface StoreEnv {
  /** Environment of the server (none for SQLite: it is the default). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export function storeEnv(kind: E2eStore): StoreEnv {
  if (kind === 'sqlite') return { env: {}, cleanup: async () => {} };
  const schema = testSchemaName('e2e');
  return {
    env: { EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '4' },
    cleanup: () => dropSchema(schema),
  };
}
