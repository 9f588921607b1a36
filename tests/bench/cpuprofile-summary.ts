/**
 * Where a `.cpuprofile` (node --cpu-prof) spends its time: self time by package or module (a
 * node_modules package, a lib or app folder of this repository, node's own code, GC, idle) and by
 * function, and the inclusive time of the functions named with `--inclusive`. With `--per N` every
 * figure is also divided by N (e.g. the commands answered while profiling): ms per command. With
 * `--window start-end` (µs of the monotonic clock, as the API bench prints them) only the samples
 * taken then are counted. The profiler samples the main thread's wall time: a synchronous wait
 * (an fsync inside better-sqlite3) shows as self time of the JavaScript function that waits.
 *
 * `--under f` counts only the samples with `f` on their stack (what `f` spends, and where).
 * `--parts "label:f,g;other:module=libs/projections"` puts each sample in the part of the innermost
 * frame on its stack that names one of its functions (or, `module=`, lies in one of its modules);
 * a sample in none is `rest: <its own module>`; `--parts command` names those of the command path.
 *
 *   node dist/tests/bench/cpuprofile-summary.js <file.cpuprofile> [--window a-b] [--per N] [--top 30]
 *     [--inclusive f,g] [--under f]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package or module a script belongs to: `express`, `@nestjs/core`, `libs/domain`, `node:internal`. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return inPackage[1]!;
  if (path.startsWith('node:')) return path.startsWith('node:internal') ? 'node:internal' : path;
  const inRepo = /\/dist\/((?:apps|libs|tests|scripts)\/[^/]+)/.exec(path);
  if (inRepo) return inRepo[1]!;
  return path;
}

/** `--parts command`: the parts of a command's path that apps/api/README.md tabulates. */
const COMMAND_PARTS = [
  'append (SQLite insert, hash chain, COMMIT):flush,writeBatch,writeOne,sqliteTransaction;',
  'stream reads (SQLite, JSON.parse):readStream;',
  'decide (domain):decide;',
  'envelope (toNewEvents, canonical JSON):toNewEvents,prepareAppend;',
  'validation (class-transformer, class-validator):module=class-validator,module=class-transformer;',
  'NFC:toNfc;',
  'body parse:jsonParser;',
  'auth guard:canActivate;',
  'request log (pino-http):loggingMiddleware,onResFinished,module=pino,module=pino-http;',
  'answer written (express send, ETag):reply;',
  'read models follow the log:module=libs/projections,readPage;',
  'signed log follows the log:module=libs/transparency;',
  'GC:(garbage collector);',
  'idle:(idle);',
  'metrics:module=libs/metrics,module=prom-client;',
  'executor (ids, plainJson, lock):plainJson,basis,commandIdFor,requestHashOf;',
].join('');

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file) throw new Error('usage: cpuprofile-summary <file.cpuprofile> [--per N] [--top N] [--inclusive a,b]');
  const per = Number(argument(args, '--per') ?? 0);
  const top = Number(argument(args, '--top') ?? 30);
  const inclusiveNames = (argument(args, '--inclusive') ?? '').split(',').filter(Boolean);
  const under = argument(args, '--under');
  const partsArgument = argument(args, '--parts');
  const parts = (partsArgument === 'command' ? COMMAND_PARTS : (partsArgument ?? ''))
    .split(';')
    .filter(Boolean)
    .map((part) => {
      const [label, names] = part.split(':') as [string, string | undefined];
      return { label, names: new Set((names ?? '').split(',')) };
    });
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const [from, to] = (argument(args, '--window') ?? `0-${Number.MAX_SAFE_INTEGER}`).split('-').map(Number);
  const selfMs = new Map<number, number>();
  let sampledAt = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    sampledAt += delta;
    if (sampledAt >= from! && sampledAt <= to!) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });

  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPart = new Map<string, number>();
  const partOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      const module = `module=${moduleOf(url, functionName)}`;
      const part = parts.find((p) => p.names.has(functionName) || p.names.has(module));
      if (part) return part.label;
    }
    const { functionName, url } = byId.get(id)!.callFrame;
    return `rest: ${moduleOf(url, functionName)}`;
  };
  const stackHas = (id: number, name: string): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)!.callFrame.functionName === name) return true;
    return false;
  };
  if (under !== undefined) for (const id of [...selfMs.keys()]) if (!stackHas(id, under)) selfMs.delete(id);
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const module = moduleOf(url, functionName);
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${module}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    // Inclusive: each named function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (inclusiveNames.includes(name)) seen.add(name);
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    if (parts.length) {
      const part = partOf(id);
      byPart.set(part, (byPart.get(part) ?? 0) + ms);
    }
  }

  const busy = total - (byModule.get('(idle)') ?? 0);
  const line = (name: string, ms: number) =>
    `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%${per ? ` ${(ms / per).toFixed(4).padStart(9)} ms/op` : ''}  ${name}`;
  const print = (title: string, entries: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(line(name, ms));
  };
  console.log(`profile: ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms not idle (percentages of that)`);
  if (per) console.log(`per op: divided by ${per}; busy ${(busy / per).toFixed(4)} ms/op`);
  print('self time by package or module', byModule, top);
  print('self time by function', byFunction, top);
  if (inclusiveNames.length) print('inclusive time', inclusive, inclusiveNames.length);
  if (parts.length) print('by part (innermost named frame)', byPart, byPart.size);
}

main();
