/**
 * The shared contract suite, unchanged, against the machine's PostgreSQL: each test in a schema of its own, dropped
 * after.
 */
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { TEST_DATABASE_URL, dropSchema, testSchemaName } from '../testing/postgres-test-schema.js';
import { PostgresEventStore } from './postgres-event-store.js';

describeEventStoreContract('PostgreSQL', async () => {
  const schema = testSchemaName('contract');
  const store = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});
