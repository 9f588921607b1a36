/**
 * What the scale benchmark asks of a running API process: when it first answers, when its read
 * models are caught up, how much memory it holds, and one read of every cycle's standings.
 */
import { readFileSync } from 'node:fs';
import { ApiClient } from '#scenario';
import type { ChildServer } from '../../support/child-server.js';

/** Resident memory of a process in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

/**
 * Polls until `probe` says yes, throwing when the server exits or the deadline passes; answers the
 * time from `since` (performance.now()) to the first yes.
 */
async function until(
  server: ChildServer,
  since: number,
  timeoutMs: number,
  what: string,
  probe: () => Promise<boolean>,
): Promise<number> {
  for (;;) {
    const child = server.process;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${server.output()}`);
    if (await probe().catch(() => false)) return performance.now() - since;
    if (performance.now() - since > timeoutMs)
      throw new Error(`no ${what} within ${timeoutMs} ms:\n${server.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface HealthBody {
  readModels?: { catchingUp?: boolean; position?: number };
}

/** Time to the first answer of GET /health, then to the first 200 that does not say `catchingUp`. */
export async function waitForReady(
  server: ChildServer,
  since: number,
  timeoutMs: number,
): Promise<{ healthMs: number; readyMs: number }> {
  const api = new ApiClient(server.url);
  // The first answer: 200, or 503 "starting" while the process loads (not "down": a store it cannot reach).
  const healthMs = await until(server, since, timeoutMs, 'an answer of GET /health', async () => {
    const res = await api.get<{ status?: string }>('/health');
    return res.status === 200 || res.body.status === 'starting';
  });
  // A start that blocks until the read models are rebuilt answers nothing before: ready at once.
  const readyMs = await until(server, since, timeoutMs, 'read models caught up', async () => {
    const res = await api.get<HealthBody>('/health');
    return res.status === 200 && res.body.readModels?.catchingUp !== true;
  });
  return { healthMs, readyMs };
}

/** Time to the first 200 of an authenticated query (while catching up, a query may answer 503). */
export async function waitForQuery(
  server: ChildServer,
  since: number,
  timeoutMs: number,
  path: string,
  token: string,
): Promise<number> {
  const api = new ApiClient(server.url);
  return until(
    server,
    since,
    timeoutMs,
    `GET ${path} 200`,
    async () => (await api.get(path, { token })).status === 200,
  );
}

/** Every cycle's id, page after page of GET /cycles (`nextCursor`), or the one answer of an older API. */
export async function listCycleIds(api: ApiClient, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const { body } = await api.ok<{ items: { cycleId: string }[]; nextCursor?: string | null } | { cycleId: string }[]>(
      'GET',
      '/cycles',
      { token, query: { limit: 500, cursor } },
    );
    const items = Array.isArray(body) ? body : body.items;
    ids.push(...items.map((c) => c.cycleId));
    cursor = Array.isArray(body) ? undefined : (body.nextCursor ?? undefined);
  } while (cursor);
  return ids;
}

/** GET each cycle's standings once, a few requests at a time; answers the rows read. */
export async function readEveryStanding(
  api: ApiClient,
  token: string,
  cycleIds: string[],
  concurrency = 4,
): Promise<number> {
  let next = 0;
  let rows = 0;
  const reader = async () => {
    while (next < cycleIds.length) {
      const id = cycleIds[next++]!;
      const { body } = await api.ok<unknown[] | { rows: unknown[] }>('GET', `/cycles/${id}/standings`, { token });
      rows += Array.isArray(body) ? body.length : (body.rows?.length ?? 0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, reader));
  return rows;
}
