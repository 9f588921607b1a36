/**
 * The API for end-to-end tests: the built server (`npm run build`, done on demand) as a child
 * process on a fresh temporary DATA_DIR (a real SQLite file) with a known JWT secret, over real
 * HTTP on a free port. A child process, not in-process: the crash test must SIGKILL it, and Jest's
 * ESM runtime cannot load CommonJS packages that require ESM ones (such as @nestjs/throttler).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, startChildServer, type ChildServer } from './child-server.js';
import { ApiClient } from '#scenario';
import { Tokens } from '#scenario';

export const TEST_JWT_SECRET = 'e2e-secret-only-for-tests-0123456789abcdef';

/**
 * Every test server's environment: quiet logs, no throttling (a test that wants 429 sets
 * THROTTLE_LIMIT), and no notification worker: these tests are about the HTTP API, and a worker
 * would schedule the reference year's (long past) deadlines on the machine's shared Redis.
 */
export const TEST_ENV: Record<string, string> = {
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  LOG_LEVEL: 'warn',
  THROTTLE_LIMIT: '0',
  NOTIFICATIONS_WORKER: 'off',
};

export interface TestServer {
  url: string;
  dataDir: string;
  api: ApiClient;
  tokens: Tokens;
  child: ChildServer;
  /** Stops the server (SIGTERM) and removes its DATA_DIR unless the caller gave it. */
  close(): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'thidua-e2e-'));
}

/** `dataDir`: start on an existing directory (a restart); the caller then removes it. */
export async function startTestServer(
  options: { env?: Record<string, string>; dataDir?: string } = {},
): Promise<TestServer> {
  ensureBuilt();
  const dataDir = options.dataDir ?? makeDataDir();
  const child = await startChildServer({ ...TEST_ENV, ...options.env, DATA_DIR: dataDir });
  return {
    url: child.url,
    dataDir,
    api: new ApiClient(child.url),
    tokens: new Tokens(TEST_JWT_SECRET),
    child,
    close: async () => {
      await child.kill('SIGTERM');
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
