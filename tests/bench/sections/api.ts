/**
 * The HTTP API under load: autocannon, 64 connections, against the running server. A command route
 * (self-assessment PUTs spread over many units of several cycles) is measured against two ceilings
 * that do not move with the command path: `GET /api/v1/me` of the same app (authenticated, no store,
 * no Redis: what Nest, the guard and the envelope cost) and a bare `node:http` server in its own
 * process answering the same bytes the command route answers (what the machine and the load
 * generator allow). `GET /health` (which reads the store and asks Redis) is kept for comparison.
 * The four run interleaved, `BENCH_API_ROUNDS` rounds (default 3); every round is reported, the
 * ratios are taken within a round and summarised by their median and best.
 *
 * The server runs as its own process (the built `main.js`, as `npm start` runs it) on a temporary
 * DATA_DIR: with the load generator in the same event loop, each would slow the other down and
 * the latencies would measure the generator as much as the server. `BENCH_API_SERVER_NODE_ARGS`
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/x`) are passed to that process's node.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildServer } from '../../support/child-server.js';
import { openCycle, openStep } from '../../support/cycle-setup.js';
import { ApiClient } from '#scenario';
import { loadScenario, selfAssessmentBody } from '#scenario';
import { Tokens } from '#scenario';
import type { BenchSection, SectionResult } from '../section.js';

const CONNECTIONS = 64;
const CYCLES = Number(process.env.BENCH_API_CYCLES ?? 8);
const UNITS_PER_CYCLE = Number(process.env.BENCH_API_UNITS ?? 50);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_API_ROUNDS ?? 3));
const SERVER_NODE_ARGS = (process.env.BENCH_API_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const BARE_SERVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'ceilings', 'bare-http-server.js');
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
  /** When the load ran, on the monotonic clock a `.cpuprofile` of the server is timed by (µs). */
  windowUs: [number, number];
}

async function load(options: autocannon.Options, serverPid?: number): Promise<Load> {
  const cpuBefore = cpuMs(serverPid);
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({ connections: CONNECTIONS, ...options });
  const endUs = Number(process.hrtime.bigint() / 1000n);
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
    windowUs: [startUs, endUs],
    ...(cpuBefore !== undefined && cpuAfter !== undefined
      ? { cpuMsPerRequest: (cpuAfter - cpuBefore) / Math.max(result.requests.total, 1) }
      : {}),
  };
}

/** One real answer of a route: what the bare server sends back. */
interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers a server sets per connection or per moment, which node:http sets itself. */
const PER_CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function cannedAnswer(res: Response): Promise<CannedResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!PER_CONNECTION_HEADERS.has(name)) headers[name] = value;
  });
  return { status: res.status, headers, body: await res.text() };
}

async function startBareServer(
  canned: CannedResponse,
): Promise<{ url: string; process: ChildProcess; kill(): Promise<void> }> {
  const child = spawn(process.execPath, [BARE_SERVER], {
    env: { ...process.env, BARE_HTTP_RESPONSE: JSON.stringify(canned), PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare http server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const ALL_KINDS = ['command', 'noop', 'bare', 'health'] as const;
type Kind = (typeof ALL_KINDS)[number];
/** `BENCH_API_KINDS=command` measures the command route alone (for a profile of the server). */
const KINDS = ALL_KINDS.filter((k) => (process.env.BENCH_API_KINDS?.split(',') ?? ALL_KINDS).includes(k));
const LABELS: Record<Kind, string> = {
  command: 'command PUT self-assessment',
  noop: 'no-op route GET /api/v1/me',
  bare: 'bare node:http, same answer',
  health: 'GET /health',
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const section: BenchSection = {
  order: 30,
  title: 'API: a command route vs a no-op route, bare node:http and /health, 64 connections',
  async run(): Promise<SectionResult> {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-bench-api-'));
    // The API alone: no throttling, no notification worker sharing its event loop.
    const server = await startChildServer(
      {
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: SECRET,
        THROTTLE_LIMIT: '0',
        LOG_LEVEL: 'warn',
        NOTIFICATIONS_WORKER: 'off',
      },
      60_000,
      SERVER_NODE_ARGS,
    );
    let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
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
      // Round-robin over every unit of every cycle: each PUT lands on another unit stream.
      const commandRequest = (n: number) => {
        const unit = units[n % units.length]!;
        const cycleId = cycleIds[Math.floor(n / units.length) % cycleIds.length]!;
        return {
          path: `/api/v1/cycles/${cycleId}/units/${unit.id}/self-assessment`,
          headers: { 'content-type': 'application/json', authorization: auth.get(unit.id)! },
          body,
        };
      };
      let next = 0;
      const commandOn = (url: string): autocannon.Options => ({
        url,
        requests: [{ method: 'PUT', setupRequest: (req) => ({ ...req, ...commandRequest(next++) }) }],
      });
      // The bare server answers what the command route answers (status, headers, body).
      const sample = commandRequest(next++);
      const canned = await cannedAnswer(
        await fetch(`${server.url}${sample.path}`, { method: 'PUT', headers: sample.headers, body: sample.body }),
      );
      if (canned.status !== 200) throw new Error(`the command route answered ${canned.status}: ${canned.body}`);
      bare = await startBareServer(canned);
      let nextCaller = 0;
      const options: Record<Kind, autocannon.Options> = {
        command: commandOn(server.url),
        noop: {
          url: server.url,
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => ({
                ...req,
                path: '/api/v1/me',
                headers: { authorization: auth.get(units[nextCaller++ % units.length]!.id)! },
              }),
            },
          ],
        },
        bare: commandOn(bare.url),
        health: { url: `${server.url}/health` },
      };
      const pids: Record<Kind, number | undefined> = {
        command: server.process.pid,
        noop: server.process.pid,
        bare: bare.process.pid,
        health: server.process.pid,
      };

      // Warm every path up (JIT, SQLite page cache), then measure, interleaved.
      for (const kind of KINDS) await load({ ...options[kind], duration: 2 });
      const head = async () =>
        ((await api.ok('GET', '/health')).body as { eventStore: { headPosition: number } }).eventStore.headPosition;
      const rounds: (Partial<Record<Kind, Load>> & { appended: number })[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const round: (typeof rounds)[number] = { appended: 0 };
        for (const kind of KINDS) {
          const headBefore = kind === 'command' ? await head() : 0;
          const measured = await load({ ...options[kind], duration: SECONDS }, pids[kind]);
          round[kind] = measured;
          // What `tests/bench/cpuprofile-summary.js` needs to take this load out of the server's profile.
          if (SERVER_NODE_ARGS.length > 0 && kind !== 'bare')
            console.log(
              `  profile window, ${kind} round ${r + 1}: --window ${measured.windowUs.join('-')} --per ${measured.total}`,
            );
          if (kind === 'command') round.appended = (await head()) - headBefore;
        }
        rounds.push(round);
      }

      const perRound = (f: (r: (typeof rounds)[number]) => number | undefined): number[] =>
        rounds.map(f).filter((v): v is number => v !== undefined && Number.isFinite(v));
      const byThroughput = (a: Kind, b: Kind) =>
        perRound((r) => (r[a] && r[b] ? r[a].reqPerSec / r[b].reqPerSec : undefined));
      // What the req/s ratio would be on an idle machine if both servers are CPU-bound.
      const byCpu = (a: Kind, b: Kind) =>
        perRound((r) =>
          r[a]?.cpuMsPerRequest && r[b]?.cpuMsPerRequest ? r[b].cpuMsPerRequest / r[a].cpuMsPerRequest : undefined,
        );
      const pairs: Record<string, [Kind, Kind]> = {
        commandVsNoopRoute: ['command', 'noop'],
        commandVsBareHttp: ['command', 'bare'],
        noopRouteVsBareHttp: ['noop', 'bare'],
        commandVsTrivialRoute: ['command', 'health'],
      };
      const ratios: Record<string, number> = {};
      const roundsOf: Record<string, number[]> = {};
      for (const [name, [a, b]] of Object.entries(pairs)) {
        for (const [suffix, values] of [
          ['', byThroughput(a, b)],
          ['ByCpu', byCpu(a, b)],
        ] as const) {
          if (values.length === 0) continue;
          ratios[`${name}${suffix}`] = median(values);
          ratios[`${name}${suffix}Best`] = Math.max(...values);
          roundsOf[`${name}${suffix}`] = values;
        }
      }

      const rows: SectionResult['rows'] = [];
      const figures: Record<string, number> = {};
      for (const kind of KINDS) {
        const loads = rounds.map((r) => r[kind]!);
        const label =
          kind === 'command' ? `${LABELS.command} (${CYCLES} cycles × ${UNITS_PER_CYCLE} units)` : LABELS[kind];
        loads.forEach((l, i) => {
          rows.push({ name: `round ${i + 1} ${label}: throughput`, value: l.reqPerSec, unit: 'req/s' });
          rows.push({ name: `round ${i + 1} ${label}: p99 latency`, value: l.p99Ms, unit: 'ms' });
          if (l.cpuMsPerRequest !== undefined)
            rows.push({
              name: `round ${i + 1} ${label}: server CPU per request`,
              value: l.cpuMsPerRequest,
              unit: 'ms',
            });
        });
        const rps = loads.map((l) => l.reqPerSec);
        const p99 = loads.map((l) => l.p99Ms);
        const cpu = loads.map((l) => l.cpuMsPerRequest).filter((v): v is number => v !== undefined);
        rows.push({ name: `${label}: throughput, median of ${ROUNDS}`, value: median(rps), unit: 'req/s' });
        rows.push({ name: `${label}: p99 latency, median of ${ROUNDS}`, value: median(p99), unit: 'ms' });
        figures[`${kind}ReqPerSec`] = median(rps);
        figures[`${kind}ReqPerSecBest`] = Math.max(...rps);
        figures[`${kind}P99Ms`] = median(p99);
        figures[`${kind}P99MsBest`] = Math.min(...p99);
        figures[`${kind}Non2xx`] = loads.reduce((n, l) => n + l.non2xx, 0);
        figures[`${kind}Requests`] = loads.reduce((n, l) => n + l.total, 0);
        if (cpu.length > 0) {
          rows.push({ name: `${label}: server CPU per request, median`, value: median(cpu), unit: 'ms' });
          figures[`${kind}CpuMsPerRequest`] = median(cpu);
          figures[`${kind}CpuMsPerRequestBest`] = Math.min(...cpu);
        }
      }
      for (const [name, values] of Object.entries(roundsOf))
        values.forEach((v, i) => rows.push({ name: `round ${i + 1} ratio ${name}`, value: v, unit: 'ratio' }));
      rows.push({
        name: 'command: events appended during the measured rounds',
        value: rounds.reduce((n, r) => n + r.appended, 0),
        unit: 'events',
      });
      // Kept under the figure names earlier runs wrote.
      if (KINDS.includes('health')) {
        figures.trivialRouteReqPerSec = figures.healthReqPerSec!;
        figures.trivialRouteP99Ms = figures.healthP99Ms!;
        figures.trivialRouteNon2xx = figures.healthNon2xx!;
      }

      const describe = (kind: Kind) => {
        const loads = rounds.map((r) => r[kind]!);
        return `${kind}: ${loads.reduce((n, l) => n + l.total, 0)} requests, non-2xx ${loads.reduce((n, l) => n + l.non2xx, 0)} ${JSON.stringify(loads.map((l) => l.statusCounts))}, connection errors ${loads.reduce((n, l) => n + l.errors, 0)}`;
      };
      const list = (values: number[] | undefined) => (values ?? []).map((v) => v.toFixed(3)).join(', ');
      return {
        rows,
        figures,
        ratios,
        targets: [
          {
            name: 'commandVsNoopRoute ≥ 0.4 (median of the rounds)',
            met: (ratios.commandVsNoopRoute ?? 0) >= 0.4,
            detail: `rounds ${list(roundsOf.commandVsNoopRoute)}; by CPU ${list(roundsOf.commandVsNoopRouteByCpu)}`,
          },
          {
            name: 'commandP99Ms ≤ 50 at 64 connections (median of the rounds)',
            met: figures.commandP99Ms! <= 50,
            detail: `rounds ${rounds.map((r) => r.command?.p99Ms).join(', ')} ms`,
          },
          {
            name: 'the load measured answers, not errors (no non-2xx, no connection error)',
            met: KINDS.every((k) => rounds.every((r) => r[k]!.non2xx === 0 && r[k]!.errors === 0)),
            detail: KINDS.map(describe).join('; '),
          },
        ],
      };
    } finally {
      await bare?.kill();
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default section;
