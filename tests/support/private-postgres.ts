/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary directory, on a free port,
 * 127.0.0.1 only), for tests that must stop and restart the database: the machine's shared server
 * is never touched. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-server.js';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  port: number;
  start(): void;
  /** `immediate`: as a crash (no checkpoint, connections cut). */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

export function hasPostgresBinaries(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  if (!hasPostgresBinaries())
    throw new Error(`initdb/pg_ctl not found in ${PG_BIN} (apt-get install postgresql-15, or set PG_BIN)`);
  const root = mkdtempSync(join(tmpdir(), 'thidua-private-pg-'));
  chmodSync(root, 0o777);
  const dataDir = join(root, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const [command, commandArgs] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]]
      : [join(PG_BIN, tool), args];
    return execFileSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c max_connections=30 -c shared_buffers=16MB`;
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () =>
      run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']),
    destroy: () => {
      try {
        server.stop('immediate');
      } catch {
        /* not running */
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  server.start();
  return server;
}
