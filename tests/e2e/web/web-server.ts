/**
 * The built server with its web app (dist/web, built by `npm run build:web` when missing or older
 * than apps/web's sources) on a fresh DATA_DIR, and the accounts of the reference year created
 * with the accounts CLI, as an administrator would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, type Scenario } from '#scenario';
import { ensureBuilt, startChildServer, type ChildServer } from '../../support/child-server.js';
import type { Person, YearPeople } from './year.js';

const WEB_INDEX = join(repoRoot, 'dist', 'web', 'index.html');

function newest(dir: string): number {
  let ms = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    ms = Math.max(ms, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return ms;
}

export function ensureWebBuilt(): void {
  const sources = Math.max(
    newest(join(repoRoot, 'apps', 'web', 'src')),
    statSync(join(repoRoot, 'apps', 'web', 'index.html')).mtimeMs,
  );
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= sources) return;
  const lock = join(tmpdir(), 'thidua-e2e-web-build.lock');
  const build = spawnSync('flock', [lock, 'npm', 'run', 'build:web', '--silent'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:web failed:\n${build.stdout}\n${build.stderr}`);
}

export const PASSWORD = 'Mat-khau-thu-2020!';

export function yearPeople(s: Scenario): YearPeople {
  const p = (username: string, name: string, role: Person['role'], unitId?: string): Person => ({
    username,
    name,
    role,
    ...(unitId ? { unitId } : {}),
  });
  return {
    province: p('ban-tdkt', 'Nguyễn Thị Thu Hà', 'province'),
    leader: p('truong-cum', 'Lê Văn Minh', 'leader', s.leaderUnitId),
    approver: p('chu-tich', 'Trần Quốc Bảo', 'approver'),
    auditor: p('kiem-tra', 'Phạm Thị Lan', 'auditor'),
    units: Object.fromEntries(
      s.units.map((u) => [u.id, p(`can-bo-${u.id}`, `Cán bộ ${u.name.replace(/^Huyện /, '')}`, 'unit', u.id)]),
    ),
  };
}

function addAccount(dataDir: string, who: Person, provinceId: string): void {
  const args = ['dist/scripts/accounts.js', 'add', '--username', who.username, '--name', who.name, '--role', who.role];
  if (who.unitId) args.push('--unit', who.unitId);
  args.push('--province', provinceId);
  const run = spawnSync(process.execPath, args, {
    cwd: repoRoot,
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  });
  if (run.status !== 0)
    throw new Error(`accounts add ${who.username} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}

export interface WebServer {
  server: ChildServer;
  url: string;
  dataDir: string;
  /** Stops the server, lets `change` work on the stopped DATA_DIR, and starts it again at the same address. */
  restart(change?: (dataDir: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** `env`: more of the server's environment (e.g. a known AUTH_JWT_SECRET to set a cycle up over HTTP with tokens). */
export async function startWebServer(
  s: Scenario,
  people: YearPeople,
  env: Record<string, string> = {},
): Promise<WebServer> {
  ensureBuilt();
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-web-e2e-'));
  for (const who of [people.province, people.leader, people.approver, people.auditor, ...Object.values(people.units)])
    addAccount(dataDir, who, s.province.id);
  const serverEnv = { ...env, DATA_DIR: dataDir, NOTIFICATIONS_WORKER: 'off', THROTTLE_LIMIT: '0' };
  const web: WebServer = {
    server: await startChildServer(serverEnv),
    url: '',
    dataDir,
    restart: async (change) => {
      await web.server.kill('SIGTERM');
      change?.(dataDir);
      web.server = await startChildServer({ ...serverEnv, PORT: new URL(web.url).port });
    },
    close: async () => {
      await web.server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  web.url = web.server.url;
  return web;
}
