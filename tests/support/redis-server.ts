/**
 * Test support: find, start and probe a Redis server. Used by tests that must kill and restart their
 * own Redis (the Jest global set-up has its own copy of the probe: it cannot import this file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Does anything speaking RESP answer a PING at this URL within `timeoutMs`? */
export function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const socket = createConnection({ host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    // "+PONG", or "-NOAUTH ..." from a server with a password: either way a Redis answers.
    socket.once('data', (data) => done(/^[+-]/.test(data.toString())));
  });
}

export function findRedisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/** Starts `redis-server` on `port` (a free one by default), in memory only, and waits for it. */
export async function startRedisServer(options: { port?: number; binary?: string } = {}): Promise<PrivateRedis> {
  const binary = options.binary ?? findRedisServer();
  if (!binary) throw new Error(NO_REDIS_MESSAGE);
  const port = options.port ?? (await freePort());
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers(url, 200)) break;
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (port ${port})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await redisAnswers(url, 500))) throw new Error(`redis-server did not answer on port ${port}`);
  return {
    url,
    port,
    process: child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export const NO_REDIS_MESSAGE =
  'These tests need Redis, and none answers at REDIS_URL (default redis://127.0.0.1:6379) and no redis-server ' +
  'is on the PATH to start a private one. Get one with `apt-get install redis-server` (or `brew install redis`), ' +
  "or start the project's with `docker compose up -d redis`, then run the tests again.";
