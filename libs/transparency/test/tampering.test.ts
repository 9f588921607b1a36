/**
 * The signed log over a real SQLite store, and every rewrite of the stopped database the issue
 * lists, each detected by the offline verifier against a checkpoint kept before the rewrite.
 * The attacker is the strongest one: it holds the signing key, throws the tree away and lets the
 * server rebuild and re-sign it from the rewritten log. A second check keeps the tree file: then
 * the server itself notices (status `diverged`) and signs nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cycleStreamName, unitStreamName } from '#domain';
import { hashCanonicalEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { CycleDriver, playYear, referencePlan } from '#projections/testing';
import {
  buildAuditBundle,
  generateSignerKey,
  noteSigner,
  TransparencyLog,
  verifyBundle,
  type AuditBundle,
} from '#transparency';

const ORIGIN = 'thidua.test/log';
const KEY = generateSignerKey(ORIGIN);
const VKEY = noteSigner(KEY).verifierKey;

let template: string;
let cycleId: string;
let kept: string;
let keptSize: number;
const dirs: string[] = [];

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'thidua-tlog-'));
  dirs.push(d);
  return d;
}

async function open(d: string, options: { freshTree?: boolean } = {}) {
  if (options.freshTree)
    for (const f of ['transparency.sqlite', 'transparency.sqlite-wal', 'transparency.sqlite-shm'])
      rmSync(join(d, f), { force: true });
  const store = SqliteEventStore.open({ path: join(d, 'events.sqlite') });
  // A fresh tree plays the attacker's server: it rebuilds the tree and signs whatever the file holds.
  const log = await TransparencyLog.start(store, {
    path: join(d, 'transparency.sqlite'),
    origin: ORIGIN,
    signerKey: KEY,
    intervalMs: 0,
    sweepAtStart: !options.freshTree,
  });
  await log.ready();
  return { store, log, close: async () => (await log.close(), await store.close()) };
}

/** A copy of the reference year's DATA_DIR (log and tree), stopped. */
function copyOfYear(): string {
  const d = dir();
  for (const f of ['events.sqlite', 'transparency.sqlite']) copyFileSync(join(template, f), join(d, f));
  return d;
}

function sql(d: string, fn: (db: Database.Database) => void): void {
  const db = new Database(join(d, 'events.sqlite'));
  fn(db);
  db.close();
}

async function bundleOf(d: string, freshTree: boolean, since = keptSize): Promise<AuditBundle> {
  const { store, log, close } = await open(d, { freshTree });
  try {
    return await buildAuditBundle(store, log, cycleId, { since: Math.min(since, log.treeSize()) });
  } finally {
    await close();
  }
}

beforeAll(async () => {
  template = dir();
  const { store, log, close } = await open(template);
  const played = await playYear(new CycleDriver(store), referencePlan());
  cycleId = played.cycleId;
  await log.sync();
  const checkpoint = log.latestCheckpoint()!;
  kept = checkpoint.note;
  keptSize = checkpoint.checkpoint.size;
  await close();
}, 60_000);

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the signed log of the reference year', () => {
  it('an untouched log verifies against the kept checkpoint, and the domain recomputes ranking and tally', async () => {
    const d = copyOfYear();
    const bundle = await bundleOf(d, false);
    const report = verifyBundle(bundle, { key: VKEY, since: kept });
    expect(report).toMatchObject({ ok: true, checkedEvents: bundle.events.length });
    expect(report.recomputed?.ranking?.[0]).toBe('an-phu');
    expect(report.recomputed?.votes).toHaveLength(1);
    // The same log rebuilt into a fresh tree gives the same root: instances agree.
    const rebuilt = await bundleOf(copyOfYear(), true);
    expect(verifyBundle(rebuilt, { key: VKEY, since: kept }).ok).toBe(true);
    expect(rebuilt.checkpoint).toBe(bundle.checkpoint);
  });

  it('a bundle signed by another key, or checked with another key, fails naming the signature', async () => {
    const bundle = await bundleOf(copyOfYear(), false);
    const other = noteSigner(generateSignerKey(ORIGIN)).verifierKey;
    expect(verifyBundle(bundle, { key: other }).failure).toMatch(/^bundle checkpoint: no signature by this key/);
    expect(
      verifyBundle(bundle, {
        key: VKEY,
        since: noteSigner(generateSignerKey(ORIGIN)).sign(kept.split('\n\n')[0] + '\n'),
      }).failure,
    ).toMatch(/^older checkpoint: no signature by this key/);
    const altered = {
      ...bundle,
      checkpoint: bundle.checkpoint.replace(`\n${bundle.treeSize}\n`, `\n${bundle.treeSize + 1}\n`),
    };
    expect(verifyBundle(altered, { key: VKEY }).failure).toMatch(/does not verify/);
  });

  const cases: [string, (d: string) => void, RegExp][] = [
    [
      'an edited event (the chain not recomputed)',
      (d) =>
        sql(d, (db) =>
          db.prepare("UPDATE events SET data = json_set(data, '$.reason', 'sửa') WHERE type = 'ScoreAdjusted'").run(),
        ),
      /consistency with the older checkpoint|its content does not match its hash/,
    ],
    [
      'the last event of a stream deleted (the cycle closing decision)',
      (d) =>
        sql(d, (db) =>
          db
            .prepare('DELETE FROM events WHERE position = (SELECT max(position) FROM events WHERE stream_id = ?)')
            .run(cycleStreamName(cycleId)),
        ),
      /the log shrank|consistency with the older checkpoint/,
    ],
    [
      'a whole unit stream deleted',
      (d) =>
        sql(d, (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(unitStreamName(cycleId, 'tri-ton'))),
      /the log shrank|consistency with the older checkpoint/,
    ],
    [
      'a consistent rewrite: an event changed and every later hash of its stream recomputed',
      (d) => sql(d, (db) => rewriteChain(db, cycleStreamName(cycleId))),
      /consistency with the older checkpoint|two checkpoints of size \d+ with different roots/,
    ],
    [
      'a truncated log',
      (d) =>
        sql(d, (db) => db.prepare('DELETE FROM events WHERE position > (SELECT max(position) - 5 FROM events)').run()),
      /the log shrank/,
    ],
  ];

  it.each(cases)(
    '%s: detected against the kept checkpoint even when the attacker re-signs a rebuilt tree',
    async (_name, tamper, why) => {
      const d = copyOfYear();
      tamper(d);
      const bundle = await bundleOf(d, true);
      const report = verifyBundle(bundle, { key: VKEY, since: kept });
      expect(report.ok).toBe(false);
      expect(report.failure).toMatch(why);
    },
  );

  it.each(cases)('%s: with its tree kept, the server notices and stops signing', async (_name, tamper) => {
    const d = copyOfYear();
    tamper(d);
    const { store, log, close } = await open(d);
    try {
      // A new event after the rewrite, so that the tree has something to follow.
      await store.append('probe-stream', [probeEvent()], 'any');
      await log.sync();
      expect(log.status()).toMatchObject({ state: 'diverged', reason: expect.any(String) });
      expect(log.latestCheckpoint()!.checkpoint.size).toBe(keptSize);
    } finally {
      await close();
    }
  });
});

/** Changes the cycle stream's first event and recomputes the hash chain after it, as a careful attacker would. */
function rewriteChain(db: Database.Database, streamId: string): void {
  const rows = db
    .prepare(
      'SELECT position, revision, type, data, metadata, prev_hash FROM events WHERE stream_id = ? ORDER BY revision',
    )
    .all(streamId) as {
    position: number;
    revision: number;
    type: string;
    data: string;
    metadata: string;
    prev_hash: string | null;
  }[];
  let prev: string | null = null;
  const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?');
  for (const row of rows) {
    const data = row.revision === 0 ? row.data.replace('"clusterName":"', '"clusterName":"X ') : row.data;
    const hash = hashCanonicalEvent({
      streamId,
      revision: row.revision,
      type: row.type,
      dataJson: data,
      metadataJson: row.metadata,
      prevHash: prev,
    });
    update.run(data, prev, hash, row.position);
    prev = hash;
  }
}

function probeEvent() {
  const id = '00000000-0000-4000-8000-000000000001';
  return {
    type: 'Probe',
    data: {},
    metadata: {
      eventId: id,
      commandId: id,
      correlationId: id,
      causationId: id,
      actor: { userId: 't', role: 't' },
      occurredAt: '2026-01-01T00:00:00Z',
      schemaVersion: 1,
    },
  };
}
