/**
 * Crash safety on PostgreSQL: a child process appends under load from 48 concurrent writers and
 * is killed with SIGKILL, three times on one schema; after each kill every append it acknowledged
 * is there exactly once, no append is half-written, and every hash chain verifies. A second test
 * follows a writer process from this one: a subscription woken across processes, with no gap and
 * no duplicate.
 *
 * What this covers: the client dying at any instruction (mid-group, mid-commit, holding the
 * position lock). The server's own crash safety is PostgreSQL's: an append is acknowledged after
 * its commit record is flushed (`synchronous_commit=on`, set by the adapter on every connection).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyChain } from '../hash-chain.js';
import { type Ack, checkLog, runAndKill, transpileTree } from '../testing/crash-harness.js';
import { collectUntil, contractEvent } from '../testing/event-store.contract.js';
import { TEST_DATABASE_URL, dropSchema, testSchemaName } from '../testing/postgres-test-schema.js';
import { PostgresEventStore } from './postgres-event-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../../..');
const srcRoot = resolve(here, '..');
const buildDir = join(projectRoot, 'node_modules', '.cache', `thidua-pg-crash-${randomUUID()}`);
const schemas: string[] = [];
const newSchema = (): string => {
  const schema = testSchemaName('crash');
  schemas.push(schema);
  return schema;
};

describe('PostgreSQL event store under SIGKILL', () => {
  let script: string;

  beforeAll(() => {
    script = transpileTree(join(here, 'crash', 'crash-writer.ts'), srcRoot, buildDir);
  });

  afterAll(async () => {
    rmSync(buildDir, { recursive: true, force: true });
    for (const schema of schemas) await dropSchema(schema);
  });

  it('keeps every acknowledged append exactly once, nothing half-written, every chain valid', async () => {
    const schema = newSchema();
    const acked: Ack[] = [];
    for (let round = 0; round < 3; round++) {
      acked.push(...(await runAndKill(script, [TEST_DATABASE_URL, schema, `round${round}`, '48'], 600 + round * 200)));

      const store = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2 });
      try {
        const events = await store.readAll();
        expect(events.length).toBeGreaterThanOrEqual(acked.length);
        checkLog(events, acked);
        // The store keeps working after the kill: the shared stream's chain continues.
        const shared = await store.readStream(`round${round}-shared`, { direction: 'backwards', maxCount: 1 });
        const after = contractEvent('AfterKill', { part: 0, of: 1 });
        const next = await store.append(`round${round}-shared`, [after], shared[0].revision);
        expect(next.revision).toBe(shared[0].revision + 1);
      } finally {
        await store.close();
      }
    }
    expect(acked.length).toBeGreaterThanOrEqual(600 + 800 + 1000);
  }, 180_000);

  it("a subscriber in another process follows the writer process's appends with no gap or duplicate", async () => {
    const schema = newSchema();
    const child = spawn(process.execPath, [script, TEST_DATABASE_URL, schema, 'live', '8'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((done) => child.on('exit', done));
    await new Promise<void>((ready, failed) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
      child.on('exit', () => failed(new Error('the writer process ended before it was ready')));
    });
    // Polling once a minute: only LISTEN/NOTIFY can keep this subscriber up to date.
    const store = await PostgresEventStore.connect({
      connectionString: TEST_DATABASE_URL,
      schema,
      poolSize: 2,
      pollIntervalMs: 60_000,
    });
    try {
      const subscription = store.subscribe();
      const seen = await collectUntil(subscription[Symbol.asyncIterator](), (got) => got.length >= 1500, 60_000);
      child.kill('SIGKILL');
      await exited;
      await subscription.close();
      const logged = await store.readAll({ maxCount: seen.length });
      expect(seen.map((e) => e.position)).toEqual(logged.map((e) => e.position));
      expect(verifyChain(seen).ok).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await store.close();
    }
  }, 120_000);
});
