/**
 * The accounts command as an administrator runs it: the built `dist/scripts/accounts.js` on a
 * DATA_DIR, with the server's store settings (`env`: EVENT_STORE, DATABASE_URL, ...) when it runs
 * on another store than the default.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '#scenario';
import { ensureBuilt } from './child-server.js';
import { TEST_JWT_SECRET } from './test-server.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run -s accounts -- ...args` with `stdin` as its standard input (the password). */
let built = false;

export function runAccounts(dataDir: string, args: string[], stdin = '', env: Record<string, string> = {}): CliResult {
  if (!built) ensureBuilt();
  built = true;
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'scripts', 'accounts.js'), ...args], {
    cwd: repoRoot,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, ...env, DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Adds an account (password on stdin); throws with the command's message when it fails. */
export function addAccount(
  dataDir: string,
  username: string,
  password: string,
  scope: { roles: string[]; unit?: string; province?: string; name?: string },
  env: Record<string, string> = {},
): void {
  const args = [
    'add',
    '--username',
    username,
    '--name',
    scope.name ?? `Cán bộ ${username}`,
    ...scope.roles.flatMap((r) => ['--role', r]),
  ];
  if (scope.unit) args.push('--unit', scope.unit);
  if (scope.province) args.push('--province', scope.province);
  const result = runAccounts(dataDir, args, password, env);
  if (result.status !== 0) throw new Error(`accounts add ${username} → ${result.status}: ${result.stderr}`);
}
