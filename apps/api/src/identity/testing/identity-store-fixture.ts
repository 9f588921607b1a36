/**
 * The adapters of the `IdentityStore` port as tests open them: SQLite in a temporary directory,
 * PostgreSQL in a fresh schema of the machine's server. Every `open()` is another instance on the
 * same store (as another API process would open it); `cleanup()` closes them all and removes the
 * directory or drops the schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATABASE_URL, dropSchema, testSchemaName } from '#event-store/testing';
import type { IdentityStore } from '../identity-store.port.js';
import { PostgresIdentityStore } from '../postgres-identity-store.js';
import { SqliteIdentityStore } from '../sqlite-identity-store.js';

export const IDENTITY_STORE_KINDS = ['sqlite', 'postgres'] as const;
export type IdentityStoreKind = (typeof IDENTITY_STORE_KINDS)[number];

export interface IdentityStoreFixture {
  open(): Promise<IdentityStore>;
  cleanup(): Promise<void>;
}

export function identityStoreFixture(kind: IdentityStoreKind): IdentityStoreFixture {
  const opened: IdentityStore[] = [];
  const keep = (store: IdentityStore) => (opened.push(store), store);
  const closeAll = () => Promise.all(opened.map((s) => s.close()));
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-identity-test-'));
    return {
      open: async () => keep(SqliteIdentityStore.open(join(dir, 'identity.sqlite'))),
      cleanup: async () => {
        await closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = testSchemaName('identity');
  return {
    open: async () => keep(await PostgresIdentityStore.connect({ connectionString: TEST_DATABASE_URL, schema })),
    cleanup: async () => {
      await closeAll();
      await dropSchema(schema);
    },
  };
}
