/**
 * Years of history on a small server (issue 15): the API process on a log of 1,000,000 events,
 * then the same log grown to 3,000,000. At each size: a cold start (the log alone in DATA_DIR:
 * no read-model checkpoint, no signed tree), the time to the first answer of /health and to read
 * models caught up, the process's resident memory when ready and after reading every cycle's
 * standings once; then warm starts (everything it wrote kept), timed to the first answered
 * authenticated query.
 *
 * The log is made by the project's own driver (`CycleDriver`, `playYear`, `syntheticPlan`: 20-unit
 * cycles played from opening to decision), one thread per core (see ../scale/fill-log.ts).
 * Knobs: SCALE_BENCH_EVENTS (default 1,000,000), SCALE_BENCH_BIG_EVENTS (default 3,000,000; 0 skips
 * the second size), SCALE_BENCH_START_TIMEOUT_MS (default 900,000), SCALE_BENCH_WARM_ROUNDS
 * (default 3), SCALE_BENCH_CACHE (a folder: a log of each size is kept there and reused by later
 * runs instead of filled again).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { ApiClient, Tokens } from '#scenario';
import { spawnChildServer, type ChildServer } from '../../support/child-server.js';
import { listCycleIds, readEveryStanding, rssMb, waitForQuery, waitForReady } from '../scale/api-probe.js';
import { fillLog, type FillResult } from '../scale/fill-log.js';
import type { BenchRow, BenchSection, SectionResult } from '../section.js';

const EVENTS = Number(process.env.SCALE_BENCH_EVENTS ?? 1_000_000);
const BIG_EVENTS = Number(process.env.SCALE_BENCH_BIG_EVENTS ?? 3_000_000);
const START_TIMEOUT_MS = Number(process.env.SCALE_BENCH_START_TIMEOUT_MS ?? 900_000);
const WARM_ROUNDS = Math.max(1, Number(process.env.SCALE_BENCH_WARM_ROUNDS ?? 3));
const CACHE = process.env.SCALE_BENCH_CACHE;
const SECRET = 'bench-secret-0123456789abcdef-0123456789';
const LOG_FILE = 'events.sqlite';
const LOG_FILES = [LOG_FILE, `${LOG_FILE}-wal`, `${LOG_FILE}-shm`];

interface PreparedLog {
  events: number;
  /** Undefined when the log was copied from SCALE_BENCH_CACHE. */
  fill?: FillResult;
}

/** The log at `target` events in `dataDir`: copied from the cache, or filled (grown) and cached. */
async function prepareLog(dataDir: string, target: number): Promise<PreparedLog> {
  const path = join(dataDir, LOG_FILE);
  const cached = CACHE ? join(CACHE, `events-${target}.sqlite`) : undefined;
  if (cached && existsSync(cached)) {
    for (const f of LOG_FILES) rmSync(join(dataDir, f), { force: true });
    copyFileSync(cached, path);
    const store = SqliteEventStore.open({ path });
    const events = await store.headPosition();
    await store.close();
    return { events };
  }
  const fill = await fillLog(path, target);
  if (cached) {
    mkdirSync(CACHE!, { recursive: true });
    // fillLog closed the file: its write-ahead log is folded in, the file alone is the log.
    copyFileSync(path, cached);
  }
  return { events: fill.events, fill };
}

/** Everything the API wrote under DATA_DIR goes: the next start is cold. */
function keepOnlyTheLog(dataDir: string): void {
  for (const entry of readdirSync(dataDir))
    if (!LOG_FILES.includes(entry)) rmSync(join(dataDir, entry), { recursive: true, force: true });
}

function spawnApi(dataDir: string): Promise<ChildServer> {
  // The API alone, as api.ts runs it: no throttling, no notification worker (it needs Redis).
  return spawnChildServer({
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: SECRET,
    THROTTLE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    NOTIFICATIONS_WORKER: 'off',
  });
}

interface AtSize {
  events: number;
  healthAfterStartMs: number;
  coldReadyMs: number;
  rssMb: number;
  rssMbAfterReads: number;
  readsMs: number;
  cycles: number;
  warmStartReadyMs: number[];
  rssMbWarm: number;
}

async function measureAt(dataDir: string, events: number): Promise<AtSize> {
  const token = await new Tokens(SECRET).province();
  keepOnlyTheLog(dataDir);
  let started = performance.now();
  let server = await spawnApi(dataDir);
  let cycleIds: string[];
  let cold: Omit<AtSize, 'warmStartReadyMs' | 'rssMbWarm'>;
  try {
    const { healthMs, readyMs } = await waitForReady(server, started, START_TIMEOUT_MS);
    const rssReady = rssMb(server.process.pid!);
    const api = new ApiClient(server.url);
    const reading = performance.now();
    cycleIds = await listCycleIds(api, token);
    await readEveryStanding(api, token, cycleIds);
    const readsMs = performance.now() - reading;
    cold = {
      events,
      healthAfterStartMs: healthMs,
      coldReadyMs: readyMs,
      rssMb: rssReady,
      rssMbAfterReads: rssMb(server.process.pid!),
      readsMs,
      cycles: cycleIds.length,
    };
  } finally {
    await server.kill('SIGTERM');
  }
  // Warm: what the cold run wrote (checkpoint, signed tree) is kept; ready once the newest cycle's
  // standings answer.
  const newest = `/cycles/${cycleIds[cycleIds.length - 1]}/standings`;
  const warm: number[] = [];
  let rssMbWarm = 0;
  for (let round = 0; round < WARM_ROUNDS; round++) {
    started = performance.now();
    server = await spawnApi(dataDir);
    try {
      warm.push(await waitForQuery(server, started, START_TIMEOUT_MS, newest, token));
      rssMbWarm = rssMb(server.process.pid!);
    } finally {
      await server.kill('SIGTERM');
    }
  }
  return { ...cold, warmStartReadyMs: warm, rssMbWarm };
}

function fillRows(label: string, { events, fill }: PreparedLog): BenchRow[] {
  if (!fill)
    return [{ name: `${label}: ${events} events copied from SCALE_BENCH_CACHE, not filled`, value: 0, unit: 'ms' }];
  return [
    {
      name: `${label}: fill to ${fill.events} events (+${fill.cycles} cycles, ${fill.threads} threads)`,
      value: fill.ms,
      unit: 'ms',
    },
    { name: `${label}: of which copying the threads' rows into the log`, value: fill.mergeMs, unit: 'ms' },
  ];
}

function sizeRows(at: AtSize): BenchRow[] {
  const n = `${at.events} events`;
  return [
    { name: `${n}: cold start, spawn → first answer of /health`, value: at.healthAfterStartMs, unit: 'ms' },
    { name: `${n}: cold start, spawn → read models caught up`, value: at.coldReadyMs, unit: 'ms' },
    { name: `${n}: RSS when ready`, value: at.rssMb, unit: 'MB' },
    { name: `${n}: RSS after every cycle's standings (${at.cycles} cycles)`, value: at.rssMbAfterReads, unit: 'MB' },
    { name: `${n}: reading the cycle list and every standings`, value: at.readsMs, unit: 'ms' },
    ...at.warmStartReadyMs.map((ms, i) => ({
      name: `${n}: warm start ${i + 1}, spawn → first answered query`,
      value: ms,
      unit: 'ms',
    })),
    { name: `${n}: RSS after the last warm start`, value: at.rssMbWarm, unit: 'MB' },
  ];
}

const section: BenchSection = {
  order: 60,
  title: 'scale: the API on a log of years',
  async run(): Promise<SectionResult> {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-bench-scale-'));
    try {
      const log = await prepareLog(dataDir, EVENTS);
      const small = await measureAt(dataDir, log.events);
      let grown: PreparedLog | undefined;
      let big: AtSize | undefined;
      if (BIG_EVENTS > EVENTS) {
        grown = await prepareLog(dataDir, BIG_EVENTS);
        big = await measureAt(dataDir, grown.events);
      }
      const warmStartReadyMs = Math.min(...small.warmStartReadyMs);
      const scale: Record<string, number> = {
        events1M: small.events,
        cycles1M: small.cycles,
        ...(log.fill ? { fillMs1M: log.fill.ms } : {}),
        rssMbAt1M: small.rssMb,
        rssMbAt1MAfterReads: small.rssMbAfterReads,
        healthAfterStartMs: small.healthAfterStartMs,
        coldReadyMs: small.coldReadyMs,
        warmStartReadyMs,
        ...(big
          ? {
              events3M: big.events,
              cycles3M: big.cycles,
              ...(grown?.fill ? { fillMs1Mto3M: grown.fill.ms } : {}),
              rssMbAt3M: big.rssMb,
              rssMbAt3MAfterReads: big.rssMbAfterReads,
              healthAfterStartMsAt3M: big.healthAfterStartMs,
              coldReadyMsAt3M: big.coldReadyMs,
              warmStartReadyMsAt3M: Math.min(...big.warmStartReadyMs),
              rssGrowth1Mto3M: big.rssMb / small.rssMb - 1,
              rssGrowth1Mto3MAfterReads: big.rssMbAfterReads / small.rssMbAfterReads - 1,
            }
          : {}),
      };
      const rssAt1M = Math.max(small.rssMb, small.rssMbAfterReads);
      return {
        rows: [
          ...fillRows(`log of ${EVENTS}`, log),
          ...sizeRows(small),
          ...(grown ? fillRows(`log of ${BIG_EVENTS}`, grown) : []),
          ...(big ? sizeRows(big) : []),
        ],
        topLevel: { scale },
        targets: [
          {
            name: 'scale: API RSS ≤ 300 MB at 1M events, when ready and after reading every standings',
            met: rssAt1M <= 300,
            detail: `${small.rssMb.toFixed(0)} MB ready, ${small.rssMbAfterReads.toFixed(0)} MB after reads (${small.events} events)`,
          },
          ...(big
            ? [
                {
                  name: 'scale: RSS grows < 30% from 1M to 3M events',
                  met: scale.rssGrowth1Mto3M! < 0.3 && scale.rssGrowth1Mto3MAfterReads! < 0.3,
                  detail: `ready ${(scale.rssGrowth1Mto3M! * 100).toFixed(0)}% (${small.rssMb.toFixed(0)} → ${big.rssMb.toFixed(0)} MB), after reads ${(scale.rssGrowth1Mto3MAfterReads! * 100).toFixed(0)}%`,
                },
              ]
            : []),
          {
            name: 'scale: /health answers within 1000 ms of a cold start',
            met: small.healthAfterStartMs <= 1000 && (!big || big.healthAfterStartMs <= 1000),
            detail: `${small.healthAfterStartMs.toFixed(0)} ms at ${small.events}${big ? `, ${big.healthAfterStartMs.toFixed(0)} ms at ${big.events}` : ''} events`,
          },
          {
            name: 'scale: a warm start answers queries in < 2000 ms',
            met: warmStartReadyMs < 2000,
            detail: `rounds ${small.warmStartReadyMs.map((ms) => ms.toFixed(0)).join(', ')} ms at ${small.events} events`,
          },
        ],
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default section;
