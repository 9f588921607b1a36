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
  verificationLines,
  verifyBundle,
  type AuditBundle,
} from '#transparency';

const ORIGIN = 'thidua.test/log';
/** What the auditor reads of each tampering: Vietnamese, never the English of the library. */
const VIETNAMESE_FAILURE =
  /sổ nhật ký đã bị rút ngắn|không khớp với điểm kiểm tra cũ|nội dung không khớp với mã băm|lịch sử sổ nhật ký đã bị viết lại/;
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
    expect(verifyBundle(bundle, { key: other }).failure?.en).toMatch(/^bundle checkpoint: no signature by this key/);
    expect(
      verifyBundle(bundle, {
        key: VKEY,
        since: noteSigner(generateSignerKey(ORIGIN)).sign(kept.split('\n\n')[0] + '\n'),
      }).failure?.en,
    ).toMatch(/^older checkpoint: no signature by this key/);
    const altered = {
      ...bundle,
      checkpoint: bundle.checkpoint.replace(`\n${bundle.treeSize}\n`, `\n${bundle.treeSize + 1}\n`),
    };
    expect(verifyBundle(altered, { key: VKEY }).failure?.en).toMatch(/does not verify/);
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
      expect(report.failure?.en).toMatch(why);
      expect(report.failure?.vi).toMatch(VIETNAMESE_FAILURE);
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

describe('what npm run -s verify prints for the auditor', () => {
  /** `HH:mm ngày dd/mm/yyyy` in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), computed apart from the code. */
  const hcm = (instant: string) => {
    const t = new Date(Date.parse(instant) + 7 * 3600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())} ngày ${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
  };

  it('every check passed: Vietnamese, units and awards by name, the last event at its local time', async () => {
    const bundle = await bundleOf(copyOfYear(), false);
    const lines = verificationLines(bundle, verifyBundle(bundle, { key: VKEY, since: kept }), { since: true });
    const text = lines.join('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^ĐẠT: cả ${bundle.events.length} sự kiện của đợt thi đua .+ năm \\d{4} đều có trong sổ nhật ký "${ORIGIN}"`,
      ),
    );
    expect(lines[0]).toContain(`sự kiện cuối lúc ${hcm(bundle.events.at(-1)!.event.metadata.occurredAt)}`);
    expect(lines[1]).toBe('ĐẠT: khớp với điểm kiểm tra cũ: không sự kiện nào trước đó bị sửa, xóa hay đổi thứ tự');
    expect(lines[2]).toBe('ĐẠT: được ký bằng khóa kiểm tra đã cho');
    expect(text).toMatch(/ĐẠT: xếp hạng đã khóa đúng là kết quả tính lại theo quy tắc: 1\. Huyện An Phú; 2\. /);
    expect(text).toMatch(
      /ĐẠT: vòng bỏ phiếu 1 được kiểm lại .*(Cờ thi đua của UBND tỉnh|Bằng khen của Chủ tịch UBND tỉnh) – .+: \d+ tán thành, \d+ không tán thành, (đạt|không đạt)/,
    );
    // No internal ids, no English, no UTC instants.
    expect(text).not.toMatch(
      /an-phu|tri-ton|emulation-flag|certificate-of-merit|\bOK\b|events|passed|\d{4}-\d{2}-\d{2}T/,
    );
  });

  it('without --key or --since it says so, in Vietnamese; English stays available', async () => {
    const bundle = await bundleOf(copyOfYear(), false);
    const report = verifyBundle(bundle);
    expect(verificationLines(bundle, report, { since: false }).slice(1, 3)).toEqual([
      'Lưu ý: không có --since (điểm kiểm tra cũ): chưa kiểm tra sự nhất quán với một điểm kiểm tra trước',
      'Cảnh báo: không có --key: gói được kiểm tra bằng chính khóa nó mang theo; hãy ghim khóa kiểm tra bạn tin bằng --key',
    ]);
    expect(verificationLines(bundle, report, { since: false, lang: 'en' })[0]).toMatch(/^OK: \d+ events of cycle /);
  });

  it('the first failure is one Vietnamese line naming the unit and the local time of the event', async () => {
    const bundle = await bundleOf(copyOfYear(), false);
    const i = bundle.events.findIndex((item) => item.event.streamId === unitStreamName(cycleId, 'tri-ton'));
    const edited = JSON.parse(JSON.stringify(bundle)) as AuditBundle;
    edited.events[i]!.event.data = { ...edited.events[i]!.event.data, sửa: true };
    const report = verifyBundle(edited, { key: VKEY });
    expect(report.ok).toBe(false);
    const event = bundle.events[i]!.event;
    expect(verificationLines(edited, report, { since: false })).toEqual([
      `KHÔNG ĐẠT: sự kiện thứ ${i + 1} (của đơn vị Huyện Tri Tôn, phiên bản ${event.revision}, vị trí ${event.position}, ` +
        `lúc ${hcm(event.metadata.occurredAt)}): nội dung không khớp với mã băm của nó`,
    ]);
    expect(verificationLines(edited, report, { since: false, lang: 'en' })[0]).toMatch(
      /^FAIL: event \d+ \(unit-.+ revision \d+, position \d+\): its content does not match its hash$/,
    );
    const otherKey = verifyBundle(bundle, { key: noteSigner(generateSignerKey(ORIGIN)).verifierKey });
    expect(verificationLines(bundle, otherKey, { since: false })[0]).toMatch(
      /^KHÔNG ĐẠT: điểm kiểm tra của gói không có chữ ký của khóa kiểm tra đã cho \(một khóa khác cùng tên "thidua\.test\/log" đã ký\) \(chi tiết: no signature by this key/,
    );
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
