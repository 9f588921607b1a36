/**
 * The signed log (libs/transparency), in one run:
 *
 * 1. Append throughput with the tree maintained against without it: 64 concurrent writers, each
 *    awaiting its own durable append, on a fresh store; "with" also runs the tree's follower
 *    (catching up every 200 ms, as the API does every CHECKPOINT_INTERVAL_MS) and includes the
 *    time for the tree to reach the head and sign. Alternated `BENCH_TLOG_ROUNDS` times (7), best
 *    of each kept: a round is under a second, and on the shared 2-core machine one round of either
 *    kind can be 2× slower than the next, so 3 rounds left the ratio anywhere in 0.7–1.3 for the
 *    same code. Target: with / without ≥ 0.9.
 * 2. Building a ~150-event cycle's audit bundle on a 10,000-event log, then on the same log grown
 *    to `BENCH_TLOG_BIG_EVENTS` (1,000,000) events; best of 5 each. Target: big / small ≤ 2.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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

async function timeBundle(
  store: SqliteEventStore,
  log: TransparencyLog,
  cycleId: string,
): Promise<{ ms: number; events: number }> {
  let best = Infinity;
  let events = 0;
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    const bundle = await buildAuditBundle(store, log, cycleId);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    events = bundle.events.length;
  }
  return { ms: best, events };
}

const section: BenchSection = {
  order: 45,
  title: 'transparency: the signed log',
  async run(): Promise<SectionResult> {
    let without = 0;
    let withTree = 0;
    for (let r = 0; r < ROUNDS; r++) {
      without = Math.max(without, await appendRound(false));
      withTree = Math.max(withTree, await appendRound(true));
    }

    const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-tlog-big-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    try {
      const played = await playYear(new CycleDriver(store), syntheticPlan(0, 16));
      await grow(store, SMALL);
      const log = await TransparencyLog.start(store, {
        path: join(dir, 'transparency.sqlite'),
        origin: ORIGIN,
        signerKey: KEY,
        intervalMs: 0,
      });
      await log.ready();
      const small = await timeBundle(store, log, played.cycleId);
      await grow(store, BIG);
      const catchUpStarted = process.hrtime.bigint();
      await log.sync();
      const catchUpMs = Number(process.hrtime.bigint() - catchUpStarted) / 1e6;
      const big = await timeBundle(store, log, played.cycleId);
      await log.close();
      const appendRatio = withTree / without;
      const bundleRatio = big.ms / small.ms;
      return {
        rows: [
          { name: `64 writers, durable appends, no tree`, value: without, unit: 'events/s' },
          { name: `64 writers, durable appends, tree followed and signed`, value: withTree, unit: 'events/s' },
          {
            name: `bundle of a ${small.events}-event cycle, ${SMALL.toLocaleString('en')}-event log`,
            value: small.ms,
            unit: 'ms',
          },
          {
            name: `bundle of a ${big.events}-event cycle, ${BIG.toLocaleString('en')}-event log`,
            value: big.ms,
            unit: 'ms',
          },
          {
            name: `tree catching up ${(BIG - SMALL).toLocaleString('en')} events`,
            value: ((BIG - SMALL) / catchUpMs) * 1000,
            unit: 'events/s',
          },
        ],
        figures: {
          tlogAppendsPerSecond: withTree,
          tlogBundleSmallMs: small.ms,
          tlogBundleBigMs: big.ms,
          tlogBundleEvents: big.events,
        },
        ratios: { tlogAppendWithVsWithoutTree: appendRatio, tlogBundleBigVsSmall: bundleRatio },
        targets: [
          {
            name: 'appends with the tree ≥ 0.9 of without',
            met: appendRatio >= 0.9,
            detail: `${appendRatio.toFixed(3)}`,
          },
          {
            name: `a cycle's bundle on ${BIG.toLocaleString('en')} events ≤ 2× on ${SMALL.toLocaleString('en')}`,
            met: bundleRatio <= 2,
            detail: `${bundleRatio.toFixed(3)}`,
          },
        ],
      };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
