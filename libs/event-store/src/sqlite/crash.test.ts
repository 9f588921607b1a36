/**
 * Crash safety: a child process appends under load with many concurrent writers and is killed with
 * SIGKILL; after reopening the file, every append it acknowledged is there exactly once, no append
 * is half-written, and every hash chain verifies. Three kills on the same file.
 *
 * What this covers: a process dying at any instruction (mid-transaction, mid-commit, mid-fsync).
 * What it cannot cover: power loss, where `synchronous=FULL` (fsync of the WAL on every commit)
 * is the argument, see the README.
 *
 * How the child runs from a clean clone without a build step: node cannot run TypeScript, so
 * `beforeAll` transpiles the child and the store files it imports (following relative imports) with
 * the TypeScript compiler's `transpileModule` into `node_modules/.cache/`, where `better-sqlite3`
 * resolves from the project's own node_modules. It takes well under a second and never depends on
 * a stale `dist/`.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import type { RecordedEvent } from '../event-store.port.js';
import { verifyChain } from '../hash-chain.js';
import { collectUntil } from '../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../../../..');
const srcRoot = resolve(here, '..');
const buildDir = join(projectRoot, 'node_modules', '.cache', `thidua-crash-${randomUUID()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'thidua-crash-'));
const dbPath = join(dataDir, 'events.sqlite');

/** Transpiles `entry` and every file it imports relatively into `buildDir`; returns the entry's .js. */
function transpileTree(entry: string): string {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const target = join(buildDir, relative(srcRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
    for (const [, spec] of output.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g)) visit(resolve(dirname(file), `${spec}.ts`));
  };
  visit(entry);
  writeFileSync(join(buildDir, 'package.json'), '{ "type": "module" }\n');
  return join(buildDir, relative(srcRoot, entry)).replace(/\.ts$/, '.js');
}

interface Ack {
  streamId: string;
  first: number;
  last: number;
  commandId: string;
}

/** Starts the child, waits until it has acknowledged `acks` appends, then kills it with SIGKILL. */
async function runAndKill(script: string, prefix: string, acks: number): Promise<Ack[]> {
  const child = spawn(process.execPath, [script, dbPath, prefix, '48'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  const received: Ack[] = [];
  // Only complete lines count: the kill may cut the last one short.
  for await (const line of createInterface({ input: child.stdout })) {
    const [tag, streamId, first, last, commandId] = line.split(' ');
    if (tag !== 'ack') continue;
    received.push({ streamId, first: Number(first), last: Number(last), commandId });
    if (received.length === acks) child.kill('SIGKILL');
  }
  const how = await exited;
  if (how !== 'SIGKILL') throw new Error(`child ended with ${String(how)} before it was killed: ${stderr}`);
  return received;
}

function checkLog(events: RecordedEvent[], acked: Ack[]): void {
  const chain = verifyChain(events);
  expect(chain).toEqual({ ok: true, checkedEvents: events.length });
  expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);

  // Nothing half-written: each append's events are all there, contiguous in its stream and in the log.
  const byCommand = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byCommand.get(event.metadata.commandId) ?? [];
    list.push(event);
    byCommand.set(event.metadata.commandId, list);
  }
  for (const [commandId, list] of byCommand) {
    const of = (list[0].data as { of: number }).of;
    if (list.length !== of) throw new Error(`append ${commandId} has ${list.length} of its ${of} events`);
    list.forEach((event, part) => {
      const data = event.data as { part: number; of: number };
      const next = list[part + 1];
      if (data.part !== part || event.revision !== list[0].revision + part || (next && next.position !== event.position + 1)) {
        throw new Error(`append ${commandId} is not whole and contiguous at part ${part}`);
      }
    });
  }

  // Every acknowledged append is there exactly once, at the revisions it was acknowledged with.
  for (const ack of acked) {
    const list = byCommand.get(ack.commandId);
    if (!list) throw new Error(`acknowledged append ${ack.commandId} on ${ack.streamId} is missing`);
    const where = list.map((e) => `${e.streamId}@${e.revision}`).join(',');
    const acknowledged = Array.from({ length: ack.last - ack.first + 1 }, (_, i) => `${ack.streamId}@${ack.first + i}`).join(',');
    if (where !== acknowledged) throw new Error(`append ${ack.commandId} was acknowledged at ${acknowledged} but is at ${where}`);
  }
}

describe('SQLite event store under SIGKILL', () => {
  let script: string;

  beforeAll(() => {
    script = transpileTree(join(here, 'crash', 'crash-writer.ts'));
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
      acked.push(...(await runAndKill(script, `round${round}`, 1500 + round * 250)));

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
