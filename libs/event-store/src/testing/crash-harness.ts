/**
 * What the adapters' SIGKILL tests share: running a TypeScript child without a build step, killing
 * it once it has acknowledged enough appends, and checking the log it left behind.
 *
 * Node cannot run TypeScript, so `transpileTree` turns the child and the store files it imports
 * (following relative imports) into JavaScript with the compiler's `transpileModule`, under
 * `node_modules/.cache/`, where the drivers resolve from the project's own node_modules. It takes
 * well under a second and never depends on a stale `dist/`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from '@jest/globals';
import ts from 'typescript';
import type { RecordedEvent } from '../event-store.port.js';
import { verifyChain } from '../hash-chain.js';

/** Transpiles `entry` and every file it imports relatively from `srcRoot` into `buildDir`; returns the entry's .js. */
export function transpileTree(entry: string, srcRoot: string, buildDir: string): string {
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
    for (const [, spec] of output.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g))
      visit(resolve(dirname(file), `${spec}.ts`));
  };
  visit(entry);
  writeFileSync(join(buildDir, 'package.json'), '{ "type": "module" }\n');
  return join(buildDir, relative(srcRoot, entry)).replace(/\.ts$/, '.js');
}

/** One line of a crash writer: `ack <streamId> <firstRevision> <lastRevision> <commandId>`. */
export interface Ack {
  streamId: string;
  first: number;
  last: number;
  commandId: string;
}

/** Starts the child with `args`, waits until it has acknowledged `acks` appends, then kills it with SIGKILL. */
export async function runAndKill(script: string, args: string[], acks: number): Promise<Ack[]> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.on('exit', (code, signal) => done(signal ?? code)),
  );
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

/**
 * Every chain verifies, event ids are unique, every append is whole and contiguous (in its stream
 * and in the log), and every acknowledged append is there exactly once at its acknowledged revisions.
 */
export function checkLog(events: RecordedEvent[], acked: Ack[]): void {
  const chain = verifyChain(events);
  expect(chain).toEqual({ ok: true, checkedEvents: events.length });
  expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);

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
      if (
        data.part !== part ||
        event.revision !== list[0].revision + part ||
        (next && next.position !== event.position + 1)
      ) {
        throw new Error(`append ${commandId} is not whole and contiguous at part ${part}`);
      }
    });
  }

  for (const ack of acked) {
    const list = byCommand.get(ack.commandId);
    if (!list) throw new Error(`acknowledged append ${ack.commandId} on ${ack.streamId} is missing`);
    const where = list.map((e) => `${e.streamId}@${e.revision}`).join(',');
    const acknowledged = Array.from(
      { length: ack.last - ack.first + 1 },
      (_, i) => `${ack.streamId}@${ack.first + i}`,
    ).join(',');
    if (where !== acknowledged)
      throw new Error(`append ${ack.commandId} was acknowledged at ${acknowledged} but is at ${where}`);
  }
}
