/**
 * The signed log (libs/transparency), in one run:
 *
 * 1. Append throughput with the tree maintained against without it: 64 concurrent writers, each
 *    awaiting its own durable append, on a fresh store; "with" also runs the tree's follower
 *    (catching up every 200 ms, as the API does every CHECKPOINT_INTERVAL_MS) and includes the
 *    time for the tree to reach the head and sign. Alternated `BENCH_TLOG_ROUNDS` times (7), every
 *    round reported, the best of each kind compared: a round is under a second, and on the shared
 *    2-core machine one round of either kind can be 2× slower than the next, so 3 rounds left the
 *    ratio anywhere in 0.7–1.3 for the same code. Target: with / without ≥ 0.9.
 * 2. Building a ~150-event cycle's audit bundle on a 10,000-event log and on a copy of it grown to
 *    `BENCH_TLOG_BIG_EVENTS` (1,000,000) events, both open side by side: `BENCH_TLOG_BUNDLE_ROUNDS`
 *    (5) interleaved rounds, each the best of 5 builds on either log, every round reported (and
 *    the first build on each, before any tile is in memory). Target: big / small ≤ 2, best of each.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { CycleDriver, playYear, syntheticPlan } from '#projections/testing';
import { buildAuditBundle, generateSignerKey, TransparencyLog } from '#transparency';
import type { BenchSection, SectionResult } from '../section.js';

const WRITERS = 64;
const APPENDS = Number(process.env.BENCH_TLOG_APPENDS ?? 12_800);
const ROUNDS = Number(process.env.BENCH_TLOG_ROUNDS ?? 7);
const BUNDLE_ROUNDS = Number(process.env.BENCH_TLOG_BUNDLE_ROUNDS ?? 5);
const SMALL = 10_000;
const BIG = Number(process.env.BENCH_TLOG_BIG_EVENTS ?? 1_000_000);
const ORIGIN = 'bench.local/log';
const KEY = generateSignerKey(ORIGIN);

function event(i: number): NewEvent {
  return {
    type: 'SelfAssessmentSubmitted',
    data: {
      cycleId: 'bench-2020',
      unitId: `unit-${i % 500}`,
      version: i,
      scores: { c1: 18, c2: 9.5 },
      note: 'Đơn vị tự chấm điểm',
    },
    metadata: {
      eventId: randomUUID(),
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { userId: `user-${i % 500}`, role: 'unit', unitId: `unit-${i % 500}` },
      occurredAt: '2020-06-30T09:15:00.000Z',
      schemaVersion: 1,
    },
  };
}

async function appendRound(withTree: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-tlog-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  const log = withTree
    ? await TransparencyLog.start(store, {
        path: join(dir, 'transparency.sqlite'),
        origin: ORIGIN,
        signerKey: KEY,
        intervalMs: 200,
      })
    : undefined;
  await log?.ready();
  const perWriter = Math.ceil(APPENDS / WRITERS);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; i < perWriter; i++)
        await store.append(`writer-${w}-${i}`, [event(w * perWriter + i)], 'no-stream');
    }),
  );
  await log?.sync();
  const rate = (WRITERS * perWriter) / (Number(process.hrtime.bigint() - started) / 1e9);
  if (log && log.treeSize() !== WRITERS * perWriter)
    throw new Error(`the tree has ${log.treeSize()} leaves, the log ${WRITERS * perWriter}`);
  await log?.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

async function grow(store: SqliteEventStore, to: number): Promise<void> {
  let head = await store.headPosition();
  // Positions grow by one per event here (one writer), so the head is the event count.
  while (head < to) {
    const n = Math.min(1000, to - head);
    await store.append(
      `filler-${head}`,
      Array.from({ length: n }, (_, i) => event(head + i)),
      'no-stream',
    );
    head += n;
  }
}

/** Milliseconds of each of `count` builds of the cycle's bundle, and its event count. */
async function timeBundle(
  store: SqliteEventStore,
  log: TransparencyLog,
  cycleId: string,
  count: number,
): Promise<{ ms: number[]; events: number }> {
  const ms: number[] = [];
  let events = 0;
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const bundle = await buildAuditBundle(store, log, cycleId);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    events = bundle.events.length;
  }
  return { ms, events };
}

const list = (values: number[], digits: number): string => values.map((v) => v.toFixed(digits)).join(' ');

async function appendRounds(): Promise<{ without: number[]; withTree: number[] }> {
  const without: number[] = [];
  const withTree: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    without.push(await appendRound(false));
    withTree.push(await appendRound(true));
  }
  return { without, withTree };
}

function openLog(store: SqliteEventStore, dir: string): Promise<TransparencyLog> {
  return TransparencyLog.start(store, {
    path: join(dir, 'transparency.sqlite'),
    origin: ORIGIN,
    signerKey: KEY,
    intervalMs: 0,
  });
}

const section: BenchSection = {
  order: 45,
  title: 'transparency: the signed log',
  async run(): Promise<SectionResult> {
    const appends = await appendRounds();

    const smallDir = mkdtempSync(join(tmpdir(), 'thidua-bench-tlog-small-'));
    const bigDir = mkdtempSync(join(tmpdir(), 'thidua-bench-tlog-big-'));
    let small = SqliteEventStore.open({ path: join(smallDir, 'events.sqlite') });
    let big: SqliteEventStore | undefined;
    try {
      const played = await playYear(new CycleDriver(small), syntheticPlan(0, 16));
      await grow(small, SMALL);
      // The big log starts as a copy of the small one: the same cycle at the same positions.
      await small.close();
      copyFileSync(join(smallDir, 'events.sqlite'), join(bigDir, 'events.sqlite'));
      small = SqliteEventStore.open({ path: join(smallDir, 'events.sqlite') });
      big = SqliteEventStore.open({ path: join(bigDir, 'events.sqlite') });
      const smallLog = await openLog(small, smallDir);
      const bigLog = await openLog(big, bigDir);
      await Promise.all([smallLog.ready(), bigLog.ready()]);
      await grow(big, BIG);
      const catchUpStarted = process.hrtime.bigint();
      await bigLog.sync();
      const catchUpMs = Number(process.hrtime.bigint() - catchUpStarted) / 1e6;
      const rounds = { small: [] as number[], big: [] as number[], smallFirst: 0, bigFirst: 0, events: 0 };
      for (let r = 0; r < BUNDLE_ROUNDS; r++) {
        const s = await timeBundle(small, smallLog, played.cycleId, 5);
        const b = await timeBundle(big, bigLog, played.cycleId, 5);
        if (r === 0) [rounds.smallFirst, rounds.bigFirst] = [s.ms[0]!, b.ms[0]!];
        rounds.small.push(Math.min(...s.ms));
        rounds.big.push(Math.min(...b.ms));
        rounds.events = b.events;
      }
      await smallLog.close();
      await bigLog.close();
      const appendRatio = Math.max(...appends.withTree) / Math.max(...appends.without);
      const bundleRatio = Math.min(...rounds.big) / Math.min(...rounds.small);
      const perRound = (a: number[], b: number[]): number[] => a.map((v, i) => v / b[i]!);
      const events = rounds.events;
      return {
        rows: [
          ...appends.without.flatMap((rate, r) => [
            { name: `round ${r + 1}: 64 writers, durable appends, no tree`, value: rate, unit: 'events/s' },
            {
              name: `round ${r + 1}: 64 writers, durable appends, tree followed and signed`,
              value: appends.withTree[r]!,
              unit: 'events/s',
            },
          ]),
          ...rounds.small.flatMap((ms, r) => [
            {
              name: `round ${r + 1}: bundle of a ${events}-event cycle, ${SMALL.toLocaleString('en')}-event log, best of 5`,
              value: ms,
              unit: 'ms',
            },
            {
              name: `round ${r + 1}: the same, ${BIG.toLocaleString('en')}-event log`,
              value: rounds.big[r]!,
              unit: 'ms',
            },
          ]),
          { name: `first bundle on the ${SMALL.toLocaleString('en')}-event log`, value: rounds.smallFirst, unit: 'ms' },
          { name: `first bundle on the ${BIG.toLocaleString('en')}-event log`, value: rounds.bigFirst, unit: 'ms' },
          {
            name: `tree catching up ${(BIG - SMALL).toLocaleString('en')} events`,
            value: ((BIG - SMALL) / catchUpMs) * 1000,
            unit: 'events/s',
          },
        ],
        figures: {
          tlogAppendsPerSecond: Math.max(...appends.withTree),
          tlogBundleSmallMs: Math.min(...rounds.small),
          tlogBundleBigMs: Math.min(...rounds.big),
          tlogBundleEvents: events,
        },
        ratios: { tlogAppendWithVsWithoutTree: appendRatio, tlogBundleBigVsSmall: bundleRatio },
        targets: [
          {
            name: 'appends with the tree ≥ 0.9 of without (best of each kind)',
            met: appendRatio >= 0.9,
            detail: `${appendRatio.toFixed(3)}; round by round ${list(perRound(appends.withTree, appends.without), 3)}`,
          },
          {
            name: `a cycle's bundle on ${BIG.toLocaleString('en')} events ≤ 2× on ${SMALL.toLocaleString('en')} (best of each)`,
            met: bundleRatio <= 2,
            detail: `${bundleRatio.toFixed(3)}; round by round ${list(perRound(rounds.big, rounds.small), 3)}`,
          },
        ],
      };
    } finally {
      await small.close();
      await big?.close();
      rmSync(smallDir, { recursive: true, force: true });
      rmSync(bigDir, { recursive: true, force: true });
    }
  },
};

export default section;
