import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';

/** A real SQLite event store in a fresh temporary folder, removed by `dispose`. */
export function tempStore(prefix = 'thidua-projections-'): {
  store: SqliteEventStore;
  dir: string;
  dispose: () => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  return {
    store,
    dir,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
