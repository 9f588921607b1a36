/**
 * The built server (`dist/apps/api/src/main.js`) as a child process, for tests that must kill it
 * for real (SIGKILL) and start it again on the same DATA_DIR.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '#scenario';

export const SERVER_ENTRY = join(repoRoot, 'dist', 'apps', 'api', 'src', 'main.js');

/** The most recently modified TypeScript source of the app and its libs. */
function newestSource(dir = repoRoot, roots = ['apps', 'libs', 'scripts']): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  for (const root of roots) {
    const walk = (d: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const path = join(d, entry.name);
        // apps/web is built by Vite into dist/web (tests/e2e/web checks that build), not by tsc.
        if (entry.isDirectory()) {
          if (path !== join(dir, 'apps', 'web')) walk(path);
        } else if (entry.name.endsWith('.ts')) {
          const mtimeMs = statSync(path).mtimeMs;
          if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
        }
      }
    };
    walk(join(dir, root));
  }
  return newest;
}

/**
 * Builds (`npm run build`) when dist is missing or older than the sources of the app and its libs.
 * Test files running in parallel take turns on a lock file; inside it the check is made again,
 * so the second one finds the build fresh and skips it.
 */
export function ensureBuilt(): void {
  const fresh = () => existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= newestSource().mtimeMs;
  if (fresh()) return;
  const lock = join(tmpdir(), 'thidua-e2e-build.lock');
  const onlyIfStale = '[ -f "$1" ] && [ "$1" -nt "$2" ] || npm run build --silent';
  const started = Date.now();
  const build = spawnSync('flock', [lock, 'sh', '-c', onlyIfStale, 'build', SERVER_ENTRY, newestSource().path], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status === 0) return;
  // tsc still emits on a type error elsewhere in the tree: run what was built, but say so.
  if (existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= started - 1000) {
    console.warn(`npm run build reported errors; testing what it emitted:\n${build.stdout}${build.stderr}`);
    return;
  }
  throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** What the child printed, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Spawns the built server on a free port (or `env.PORT`) and returns at once, for whoever measures
 * how long it takes to answer (the benchmark's start times). `nodeArgs` go to node before the
 * entry (e.g. `--cpu-prof` for a benchmark's profile).
 */
export async function spawnChildServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Starts the built server and waits until it answers HTTP with its read models caught up with the
 * log (it answers /health at once, `readModels.catchingUp` while it replays); on a free port, or
 * on `env.PORT` (a restart at the same address keeps the browser's origin, so its localStorage).
 * `listening` only: return as soon as it answers at all.
 */
export async function startChildServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
  wait: 'caught-up' | 'listening' = 'caught-up',
): Promise<ChildServer> {
  const server = await spawnChildServer(env, nodeArgs);
  const child = server.process;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited early (${child.exitCode ?? child.signalCode}):\n${server.output()}`);
    try {
      // Any answer means it listens (health may say 503 while Redis is down).
      const health = (await (await fetch(`${server.url}/health`)).json().catch(() => ({}))) as {
        readModels?: { catchingUp?: boolean };
      };
      if (wait === 'listening' || health.readModels?.catchingUp !== true) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /health within ${timeoutMs} ms:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}
