/**
 * Ballot secrecy survives the proofs. An auditor holds every cycle's audit bundle: every event
 * whole (positions, revisions, hashes, envelope ids, instants), every leaf and inclusion proof.
 * Each strategy below pairs deposited ballots with the units that cast them using only that; over
 * five votes of six units (30 ballots), none may do better than chance (1 in 6) beyond what luck
 * gives (three standard deviations). The control: the same strategies on a log where each deposit
 * sits next to its BallotCast (the old layout) pair every ballot, so the test can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { CycleDriver, playYear, referencePlan, tempStore } from '#projections/testing';
import { loadScenario, playReferenceYear } from '#scenario';
import {
  buildAuditBundle,
  generateSignerKey,
  TransparencyLog,
  type AuditBundle,
  type BundledEvent,
} from '#transparency';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const VOTES = 5;

type Guess = (deposit: BundledEvent, casts: BundledEvent[], deposits: BundledEvent[]) => BundledEvent | undefined;

const ids = (e: BundledEvent) => {
  const m = e.event.metadata;
  return [m.eventId, m.commandId, m.correlationId, m.causationId, m.requestHash].filter(
    (x): x is string => typeof x === 'string',
  );
};
const nearest = (casts: BundledEvent[], distance: (c: BundledEvent) => number) =>
  casts.reduce<BundledEvent | undefined>(
    (best, c) => (best === undefined || distance(c) < distance(best) ? c : best),
    undefined,
  );

/** Every public means we could think of. */
const STRATEGIES: Record<string, Guess> = {
  'the BallotCast just before it': (d, casts) => [...casts].reverse().find((c) => c.event.position < d.event.position),
  'the same rank in log order': (d, casts, deposits) => casts[deposits.indexOf(d)],
  'the nearest leaf index': (d, casts) => nearest(casts, (c) => Math.abs(c.leafIndex - d.leafIndex)),
  'the nearest instant': (d, casts) =>
    nearest(casts, (c) => Math.abs(Date.parse(c.event.metadata.occurredAt) - Date.parse(d.event.metadata.occurredAt))),
  'a shared envelope id': (d, casts, deposits) =>
    casts.find((c) => ids(c).some((id) => ids(d).includes(id))) ?? casts[deposits.indexOf(d)],
  'the most shared proof hashes': (d, casts) =>
    nearest(casts, (c) => -c.inclusion.filter((h) => d.inclusion.includes(h)).length),
  'the same stream revision distance': (d, casts, deposits) =>
    nearest(casts, (c) => Math.abs(d.event.revision - c.event.revision - deposits.length)),
};

/** Hits per strategy: deposits whose receipt the guessed unit was given. */
function link(
  bundles: { bundle: AuditBundle; receiptOf: Map<string, string> }[],
): Record<string, { hits: number; ballots: number }> {
  const score: Record<string, { hits: number; ballots: number }> = {};
  for (const { bundle, receiptOf } of bundles) {
    const casts = bundle.events.filter((e) => e.event.type === 'BallotCast');
    const deposits = bundle.events.filter((e) => e.event.type === 'BallotDeposited');
    expect(deposits).toHaveLength(casts.length);
    for (const [name, guess] of Object.entries(STRATEGIES)) {
      const entry = (score[name] ??= { hits: 0, ballots: 0 });
      for (const deposit of deposits) {
        const voter = (guess(deposit, casts, deposits)?.event.data as { voterUnitId?: string } | undefined)
          ?.voterUnitId;
        const receipt = (deposit.event.data as { receipt: string }).receipt;
        if (voter !== undefined && receiptOf.get(voter) === receipt) entry.hits++;
        entry.ballots++;
      }
    }
  }
  return score;
}

/** Hits a guesser at random reaches only with probability about 0.1%: mean + 3σ of Binomial(n, 1/6). */
const chanceBound = (n: number) => n / 6 + 3 * Math.sqrt(n * (1 / 6) * (5 / 6));

describe('ballot secrecy against an auditor holding every proof', () => {
  let server: TestServer;
  const played: { bundle: AuditBundle; receiptOf: Map<string, string> }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { CHECKPOINT_INTERVAL_MS: '200' } });
    const auditor = await server.tokens.auditor();
    for (let i = 0; i < VOTES; i++) {
      const year = await playReferenceYear(server.api, server.tokens, s, {
        overrides: { clusterId: `cum-bi-mat-${i}`, clusterName: `Cụm bí mật ${i}` },
      });
      const bundle = await server.api.ok('GET', `/cycles/${year.cycleId}/audit-bundle`, { token: auditor });
      played.push({
        bundle: bundle.body as AuditBundle,
        receiptOf: new Map(year.receipts.map((r) => [r.unitId, String(r.receipt)])),
      });
    }
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  it("every sealed ballot of a round has the same length, and the deposits all carry the close's instant and the ballot box as actor", () => {
    for (const { bundle } of played) {
      const sealed = bundle.events
        .filter((e) => e.event.type === 'BallotCast')
        .map((e) => String((e.event.data as { sealed?: string }).sealed));
      expect(new Set(sealed.map((x) => x.length)).size).toBe(1);
      const deposits = bundle.events.filter((e) => e.event.type === 'BallotDeposited');
      expect(new Set(deposits.map((d) => d.event.metadata.occurredAt)).size).toBe(1);
      expect(new Set(deposits.map((d) => d.event.metadata.actor.userId))).toEqual(new Set(['ballot-box']));
    }
  });

  it.each(Object.keys(STRATEGIES))('pairing by %s does no better than chance', (name) => {
    const { hits, ballots } = link(played)[name]!;
    expect(ballots).toBe(VOTES * 6);
    expect(hits).toBeLessThanOrEqual(chanceBound(ballots));
  });

  it('control: with each deposit next to its BallotCast, the same strategies pair every ballot', async () => {
    const t = tempStore('thidua-linking-');
    try {
      const year = await playYear(new CycleDriver(t.store), referencePlan());
      const log = await TransparencyLog.start(t.store as SqliteEventStore, {
        path: join(t.dir, 'transparency.sqlite'),
        origin: 'control/log',
        signerKey: generateSignerKey('control/log'),
        intervalMs: 0,
      });
      await log.ready();
      const bundle = await buildAuditBundle(t.store, log, year.cycleId);
      await log.close();
      const score = link([{ bundle, receiptOf: new Map(year.receipts.map((r) => [r.unitId, r.receipt])) }]);
      expect(score['the BallotCast just before it']).toEqual({ hits: 6, ballots: 6 });
    } finally {
      await t.dispose();
    }
  });
});
