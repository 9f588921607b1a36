/**
 * Crash safety: a child process appends under load with many concurrent writers and is killed with
 * SIGKILL; after reopening the file, every append it acknowledged is there exactly once, no append
 * is half-written, and every hash chain verifies. Three kills on the same file.
 *
 * What this covers: a process dying at any instruction (mid-transaction, mid-commit, mid-fsync).
 * What it cannot cover: power loss, where `synchronous=FULL` (fsync of the WAL on every commit)
 * is the argument, see the README.
 *
 * The child runs from a clean clone without a build step (`testing/crash-harness.ts`).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyChain } from '../hash-chain.js';
import { type Ack, checkLog, runAndKill, transpileTree } from '../testing/crash-harness.js';
import { collectUntil } from '../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../../..');
const srcRoot = resolve(here, '..');
const buildDir = join(projectRoot, 'node_modules', '.cache', `thidua-crash-${randomUUID()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'thidua-crash-'));
const dbPath = join(dataDir, 'events.sqlite');

describe('SQLite event store under SIGKILL', () => {
  let script: string;

  beforeAll(() => {
    script = transpileTree(join(here, 'crash', 'crash-writer.ts'), srcRoot, buildDir);
  });

  afterAll(() => {
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a subscriber in another process follows the writer process's appends with no gap or duplicate", async () => {
    const path = join(dataDir, 'shared.sqlite');
    const child = spawn(process.execPath, [script, path, 'live', '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((done) => child.on('exit', done));
    // Wait until the writer has created the file, then keep draining its stdout so it never blocks.
    await new Promise<void>((ready, failed) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
      child.on('exit', () => failed(new Error('the writer process ended before it was ready')));
    });
    const store = SqliteEventStore.open({ path });
    try {
      const subscription = store.subscribe();
      const seen = await collectUntil(subscription[Symbol.asyncIterator](), (got) => got.length >= 3000, 60_000);
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

  it('keeps every acknowledged append exactly once, nothing half-written, every chain valid', async () => {
    const acked: Ack[] = [];
    for (let round = 0; round < 3; round++) {
      acked.push(...(await runAndKill(script, [dbPath, `round${round}`, '48'], 1500 + round * 250)));

      const store = SqliteEventStore.open({ path: dbPath });
      try {
        const events = await store.readAll();
        expect(events.length).toBeGreaterThanOrEqual(acked.length);
        checkLog(events, acked);
        // The store keeps working on the recovered file: the shared stream's chain continues.
        const shared = await store.readStream(`round${round}-shared`, { direction: 'backwards', maxCount: 1 });
        expect(shared).toHaveLength(1);
      } finally {
        await store.close();
      }
    }
    // Lines already in the pipe when the kill landed are acknowledgements too.
    expect(acked.length).toBeGreaterThanOrEqual(1500 + 1750 + 2000);
  }, 120_000);
});
