/**
 * Jest global set-up: make sure the tests have a Redis.
 * - something answers at REDIS_URL (default redis://127.0.0.1:6379): use it;
 * - else, if `redis-server` is on the PATH: start a private one on a free port and hand its URL to
 *   every test through process.env.REDIS_URL (the test workers inherit the environment);
 * - else stop at once, saying how to get one.
 *
 * Self-contained on purpose: Jest loads this file outside its module system, where the
 * project's `.js` → `.ts` import mapping does not apply (tests use ./redis-server.ts instead).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

const NO_REDIS =
  'These tests need Redis, and none answers at REDIS_URL (default redis://127.0.0.1:6379) and no redis-server ' +
  'is on the PATH to start a private one. Get one with `apt-get install redis-server` (or `brew install redis`), ' +
  "or start the project's with `docker compose up -d redis`, then run the tests again.";

function answers(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return resolve(false);
    }
    const socket = createConnection({ host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^[+-]/.test(data.toString())));
  });
}

function redisServerOnPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'redis-server'), constants.X_OK);
      return join(dir, 'redis-server');
    } catch {
      // not in this directory
    }
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function redisGlobalSetup(): Promise<void> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await answers(url)) {
    process.env.REDIS_URL = url;
    return;
  }
  const binary = redisServerOnPath();
  if (!binary) throw new Error(NO_REDIS);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const privateUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await answers(privateUrl, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await answers(privateUrl))) throw new Error(`started redis-server on port ${port}, but it does not answer`);
  process.env.REDIS_URL = privateUrl;
  console.log(`\n[redis-global-setup] nothing answered at ${url}: started a private redis-server at ${privateUrl}`);
  (globalThis as { __privateRedis?: ChildProcess }).__privateRedis = child;
}
