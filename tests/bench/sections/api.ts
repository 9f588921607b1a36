/**
 * The HTTP API under load: autocannon, 64 connections, against the running server. A command route
 * (self-assessment PUTs spread over many units of several cycles) is measured against a trivial
 * GET of the same server (/health), so the ratio says what a command costs on this machine.
 *
 * The server runs as its own process (the built `main.js`, as `npm start` runs it) on a temporary
 * DATA_DIR: with the load generator in the same event loop, each would slow the other down and
 * the latencies would measure the generator as much as the server.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from '../../support/child-server.js';
import { openCycle, openStep } from '../../support/cycle-setup.js';
import { ApiClient } from '#scenario';
import { loadScenario, selfAssessmentBody } from '#scenario';
import { Tokens } from '#scenario';
import type { BenchSection, SectionResult } from '../section.js';

const CONNECTIONS = 64;
const CYCLES = Number(process.env.BENCH_API_CYCLES ?? 8);
const UNITS_PER_CYCLE = Number(process.env.BENCH_API_UNITS ?? 50);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const SECRET = 'bench-secret-0123456789abcdef-0123456789';

/**
 * CPU time (user + system, ms) the server process has used, from /proc: on a machine shared with
 * other work, CPU per request holds still while req/s and latencies move with the neighbours.
 */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
function cpuMs(pid: number | undefined): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return undefined;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

interface Load {
  reqPerSec: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
  /** Server CPU per answered request, ms (undefined without /proc). */
  cpuMsPerRequest?: number;
}

async function load(options: autocannon.Options, serverPid?: number): Promise<Load> {
  const cpuBefore = cpuMs(serverPid);
  const result = await autocannon({ connections: CONNECTIONS, ...options });
  const cpuAfter = cpuMs(serverPid);
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  return {
    reqPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCounts,
    ...(cpuBefore !== undefined && cpuAfter !== undefined
      ? { cpuMsPerRequest: (cpuAfter - cpuBefore) / Math.max(result.requests.total, 1) }
      : {}),
  };
}

const section: BenchSection = {
  order: 30,
  title: 'API: a command route vs a trivial route, 64 connections',
  async run(): Promise<SectionResult> {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-bench-api-'));
    // The API alone: no throttling, no notification worker sharing its event loop.
    const server = await startChildServer({
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: SECRET,
      THROTTLE_LIMIT: '0',
      LOG_LEVEL: 'warn',
      NOTIFICATIONS_WORKER: 'off',
    });
    try {
      const api = new ApiClient(server.url);
      const tokens = new Tokens(SECRET);
      const s = loadScenario();
      const units = Array.from({ length: UNITS_PER_CYCLE }, (_, i) => ({
        id: `xa-${String(i + 1).padStart(3, '0')}`,
        name: `Xã ${i + 1}`,
      }));
      const cycleIds: string[] = [];
      for (let i = 1; i <= CYCLES; i++) {
        const cycleId = await openCycle(api, tokens, s, {
          clusterId: `bench-${i}`,
          units,
          leaderUnitId: units[0]!.id,
          deputyUnitId: units[1]!.id,
        });
        await openStep(api, await tokens.leader(units[0]!.id), cycleId, 'self-assessment');
        cycleIds.push(cycleId);
      }
      const auth = new Map<string, string>();
      for (const u of units) auth.set(u.id, `Bearer ${await tokens.unit(u.id)}`);
      const body = JSON.stringify(selfAssessmentBody(s, 'an-phu'));
      let next = 0;
      const command: autocannon.Options = {
        url: server.url,
        requests: [
          {
            method: 'PUT',
            setupRequest: (req) => {
              // Round-robin over every unit of every cycle: each PUT lands on another unit stream.
              const n = next++;
              const unit = units[n % units.length]!;
              const cycleId = cycleIds[Math.floor(n / units.length) % cycleIds.length]!;
              return {
                ...req,
                path: `/api/v1/cycles/${cycleId}/units/${unit.id}/self-assessment`,
                headers: { 'content-type': 'application/json', authorization: auth.get(unit.id)! },
                body,
              };
            },
          },
        ],
      };
      const trivial: autocannon.Options = { url: `${server.url}/health` };

      // Warm both paths up (JIT, SQLite page cache), then measure.
      await load({ ...trivial, duration: 2 });
      await load({ ...command, duration: 2 });
      const pid = server.process.pid;
      const trivialLoad = await load({ ...trivial, duration: SECONDS }, pid);
      const headBefore = ((await api.ok('GET', '/health')).body as { eventStore: { headPosition: number } }).eventStore
        .headPosition;
      const commandLoad = await load({ ...command, duration: SECONDS }, pid);
      const headAfter = ((await api.ok('GET', '/health')).body as { eventStore: { headPosition: number } }).eventStore
        .headPosition;

      const ratio = commandLoad.reqPerSec / trivialLoad.reqPerSec;
      const describe = (l: Load) =>
        `${l.total} requests, non-2xx ${l.non2xx} ${JSON.stringify(l.statusCounts)}, connection errors ${l.errors}`;
      return {
        rows: [
          { name: 'trivial route GET /health: throughput', value: trivialLoad.reqPerSec, unit: 'req/s' },
          { name: 'trivial route GET /health: p99 latency', value: trivialLoad.p99Ms, unit: 'ms' },
          { name: 'trivial route: non-2xx answers', value: trivialLoad.non2xx, unit: 'answers' },
          {
            name: `command PUT self-assessment (${CYCLES} cycles × ${UNITS_PER_CYCLE} units): throughput`,
            value: commandLoad.reqPerSec,
            unit: 'req/s',
          },
          { name: 'command PUT self-assessment: p99 latency', value: commandLoad.p99Ms, unit: 'ms' },
          { name: 'command: non-2xx answers', value: commandLoad.non2xx, unit: 'answers' },
          { name: 'command: events appended during the run', value: headAfter - headBefore, unit: 'events' },
          ...(trivialLoad.cpuMsPerRequest !== undefined && commandLoad.cpuMsPerRequest !== undefined
            ? [
                { name: 'trivial route: server CPU per request', value: trivialLoad.cpuMsPerRequest, unit: 'ms' },
                { name: 'command: server CPU per request', value: commandLoad.cpuMsPerRequest, unit: 'ms' },
              ]
            : []),
        ],
        figures: {
          trivialRouteReqPerSec: trivialLoad.reqPerSec,
          trivialRouteP99Ms: trivialLoad.p99Ms,
          commandReqPerSec: commandLoad.reqPerSec,
          commandP99Ms: commandLoad.p99Ms,
          commandNon2xx: commandLoad.non2xx,
          trivialRouteNon2xx: trivialLoad.non2xx,
        },
        ratios: {
          commandVsTrivialRoute: ratio,
          // What the req/s ratio would be on an idle machine if the server is CPU-bound.
          ...(trivialLoad.cpuMsPerRequest && commandLoad.cpuMsPerRequest
            ? { commandVsTrivialRouteByCpu: trivialLoad.cpuMsPerRequest / commandLoad.cpuMsPerRequest }
            : {}),
        },
        targets: [
          {
            name: 'commandVsTrivialRoute ≥ 0.4',
            met: ratio >= 0.4,
            detail: `${ratio.toFixed(3)} (${commandLoad.reqPerSec.toFixed(0)} vs ${trivialLoad.reqPerSec.toFixed(0)} req/s)`,
          },
          { name: 'commandP99Ms ≤ 50', met: commandLoad.p99Ms <= 50, detail: `${commandLoad.p99Ms} ms` },
          {
            name: 'the load measured answers, not errors (no non-2xx, no connection error)',
            met:
              commandLoad.non2xx === 0 &&
              trivialLoad.non2xx === 0 &&
              commandLoad.errors === 0 &&
              trivialLoad.errors === 0,
            detail: `command: ${describe(commandLoad)}; trivial: ${describe(trivialLoad)}`,
          },
        ],
      };
    } finally {
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default section;
