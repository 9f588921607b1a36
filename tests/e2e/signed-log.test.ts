/**
 * The signed log end to end, on the built server: checkpoints and the key for anyone signed in,
 * proofs for auditors, a cycle's audit bundle verified offline by `npm run verify` (the built
 * script, as an auditor runs it) against a checkpoint kept earlier, two instances on one DATA_DIR
 * signing the same log alike, and a rewrite of the stopped database seen by the restarted server
 * (health) and by the verifier.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leafHash, openCheckpoint, verifyInclusion } from '#transparency';
import { witnessCheckpoint } from '#transparency/witness';
import { loadScenario, playReferenceYear, type PlayedYear } from '#scenario';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const ENV = { CHECKPOINT_INTERVAL_MS: '200' };
const work = mkdtempSync(join(tmpdir(), 'thidua-verify-'));

function verifyCli(args: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, ['dist/scripts/verify.js', ...args], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('the signed log through the API', () => {
  const dataDir = makeDataDir();
  let a: TestServer;
  let played: PlayedYear;
  let vkey: string;
  let kept: string;
  let auditor: string;

  beforeAll(async () => {
    a = await startTestServer({ dataDir, env: ENV });
    played = await playReferenceYear(a.api, a.tokens, s);
    auditor = await a.tokens.auditor();
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('publishes a C2SP checkpoint and its vkey to anyone signed in; proofs to auditors only', async () => {
    const unit = await a.tokens.unit('an-phu');
    const key = await a.api.ok('GET', '/audit/log-key', { token: unit });
    vkey = key.body.verifierKey;
    expect(key.body.origin).toBe('thidua.local/log');
    const res = await a.api.ok('GET', '/audit/checkpoint', { token: unit });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    kept = res.body as string;
    const checkpoint = openCheckpoint(kept, vkey);
    expect(checkpoint.size).toBeGreaterThanOrEqual(played.lastPosition - 1);
    expect(
      (await a.api.send('GET', '/audit/proofs/inclusion', { token: unit, query: { position: 1, treeSize: 1 } })).status,
    ).toBe(403);
    expect((await a.api.send('GET', '/audit/checkpoint')).status).toBe(401);
    expect((await witnessCheckpoint({ verifierKey: vkey, latest: kept })).ok).toBe(true);
  });

  it('answers inclusion and consistency proofs that verify, and names bad sizes', async () => {
    const checkpoint = openCheckpoint(kept, vkey);
    const proof = await a.api.ok('GET', '/audit/proofs/inclusion', {
      token: auditor,
      query: { position: played.lastPosition, treeSize: checkpoint.size },
    });
    const hashes = (proof.body.hashes as string[]).map((h) => Buffer.from(h, 'base64'));
    expect(
      verifyInclusion(
        leafHash(Buffer.from(proof.body.leaf, 'base64')),
        proof.body.leafIndex,
        checkpoint.size,
        hashes,
        checkpoint.root,
      ),
    ).toBeUndefined();
    const bad = await a.api.send('GET', '/audit/proofs/consistency', {
      token: auditor,
      query: { from: 5, to: checkpoint.size + 1000 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('TREE_SIZE_OUT_OF_RANGE');
    const invalid = await a.api.send('GET', '/audit/proofs/inclusion', {
      token: auditor,
      query: { position: 'x', treeSize: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });

  it('a later bundle verifies offline against the kept checkpoint, and the witness accepts the new checkpoint', async () => {
    const keptSize = openCheckpoint(kept, vkey).size;
    // The log grows after the checkpoint was kept: an award is revoked.
    await a.api.ok('POST', `/cycles/${played.cycleId}/awards/an-phu/emulation-flag/revoke`, {
      token: await a.tokens.approver(),
      body: {
        reason: 'Phát hiện sai phạm sau khi xét',
        legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
        decisionNo: 'QĐ-THU-HOI-1',
        issuedOn: '2021-09-01',
      },
    });
    const bundle = await a.api.ok('GET', `/cycles/${played.cycleId}/audit-bundle`, {
      token: auditor,
      query: { since: keptSize },
    });
    expect(bundle.body.treeSize).toBeGreaterThan(keptSize);
    writeFileSync(join(work, 'bundle.json'), JSON.stringify(bundle.body));
    writeFileSync(join(work, 'kept.txt'), kept);
    writeFileSync(join(work, 'log.vkey'), vkey + '\n');
    const ok = verifyCli([
      join(work, 'bundle.json'),
      '--key',
      join(work, 'log.vkey'),
      '--since',
      join(work, 'kept.txt'),
    ]);
    expect(ok.out).toMatch(/^ĐẠT: cả \d+ sự kiện của đợt thi đua .+ năm 2020 đều có trong sổ nhật ký/);
    expect(ok.out).toContain('ĐẠT: khớp với điểm kiểm tra cũ');
    expect(ok.out).toContain('ĐẠT: xếp hạng đã khóa đúng là kết quả tính lại theo quy tắc: 1. Huyện An Phú;');
    expect(ok.status).toBe(0);
    const english = verifyCli([join(work, 'bundle.json'), '--key', join(work, 'log.vkey'), '--lang', 'en']);
    expect(english.out).toMatch(/^OK: \d+ events of cycle \S+ are in log /);
    expect(english.out).toContain('note: no --since checkpoint given');
    expect(english.status).toBe(0);
    const badLang = verifyCli([join(work, 'bundle.json'), '--lang=fr']);
    expect(badLang.status).toBe(2);
    expect(badLang.out).toContain('--lang chỉ nhận vi hoặc en (nhận được "fr")');

    const consistency = await a.api.ok('GET', '/audit/proofs/consistency', {
      token: auditor,
      query: { from: keptSize, to: bundle.body.treeSize },
    });
    const witnessed = await witnessCheckpoint({
      verifierKey: vkey,
      trusted: kept,
      latest: bundle.body.checkpoint,
      consistency: consistency.body.hashes,
    });
    expect(witnessed).toMatchObject({ ok: true, grew: true });

    const other = verifyCli([
      join(work, 'bundle.json'),
      '--key',
      'other.log+00000000+AUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=',
    ]);
    expect(other.status).toBe(1);
    expect(other.out).toMatch(/^KHÔNG ĐẠT: (khóa kiểm tra|điểm kiểm tra của gói)/);
  });

  it('what-if recomputes under other rules, labelled hypothetical, writes nothing, and names a bad rule', async () => {
    const before = (await a.api.ok('GET', '/audit/checkpoint', { token: auditor })).body as string;
    const res = await a.api.ok('GET', `/cycles/${played.cycleId}/what-if`, {
      token: auditor,
      query: { passThreshold: '100%', of: 'members', tieBreak: 'first-group,final-score' },
    });
    expect(res.body).toMatchObject({
      hypothetical: true,
      label: expect.stringMatching(/^Giả định/),
      rules: { voteRules: { passThreshold: '1/1', of: 'members' } },
    });
    expect(res.body.vote.results['emulation-flag']['an-phu'].passed).toBe(false);
    expect(res.body.vote.recordedResults['emulation-flag']['an-phu'].passed).toBe(true);
    const bad = await a.api.send('GET', `/cycles/${played.cycleId}/what-if`, {
      token: auditor,
      query: { quorum: 'two thirds' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('quorum');
    expect(
      (await a.api.send('GET', `/cycles/${played.cycleId}/what-if`, { token: await a.tokens.unit('an-phu') })).status,
    ).toBe(403);
    expect((await a.api.send('GET', '/cycles/nope-2020/what-if', { token: auditor })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 400));
    expect((await a.api.ok('GET', '/audit/checkpoint', { token: auditor })).body).toBe(before);
  });

  it('a second instance on the same DATA_DIR signs with the same key, the same roots', async () => {
    const b = await startTestServer({ dataDir, env: ENV });
    try {
      const fromB = await b.api.ok('GET', '/audit/log-key', { token: auditor });
      expect(fromB.body.verifierKey).toBe(vkey);
      const [ca, cb] = await Promise.all([
        a.api.ok('GET', '/audit/checkpoint', { token: auditor }),
        b.api.ok('GET', '/audit/checkpoint', { token: auditor }),
      ]);
      expect(cb.body).toBe(ca.body);
    } finally {
      await b.close();
    }
  }, 120_000);

  it('deleting the last event of the stopped database (the revocation) shows in health, and no bundle hides it', async () => {
    await a.close();
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.prepare(
      "DELETE FROM events WHERE position = (SELECT max(position) FROM events WHERE type = 'AwardRevoked')",
    ).run();
    db.close();
    a = await startTestServer({ dataDir, env: ENV });
    let health = await a.api.send('GET', '/health');
    for (let i = 0; i < 50 && health.body.signedLog?.state !== 'diverged'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await a.api.send('GET', '/health');
    }
    expect(health.body.status).toBe('degraded');
    expect(health.body.signedLog).toMatchObject({
      state: 'diverged',
      reason: expect.stringMatching(/no longer in the store/),
    });
    expect(health.body.readModels.rebuiltAfterRewrite).toEqual(expect.any(String));
    const refused = await a.api.send('GET', `/cycles/${played.cycleId}/audit-bundle`, { token: auditor });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LOG_REWRITTEN');
    const verify = await a.api.ok('GET', '/audit/verify', { token: auditor, query: { cycleId: played.cycleId } });
    expect(verify.body).toMatchObject({ ok: false, tree: { state: 'diverged' } });
  }, 120_000);
});

describe('a rewrite deep in the stopped database', () => {
  const dataDir = makeDataDir();
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is found by the restarted server's sweep of the whole log (in its own thread): health says so", async () => {
    server = await startTestServer({ dataDir, env: ENV });
    await playReferenceYear(server.api, server.tokens, s);
    const unit = await server.tokens.unit('an-phu');
    const head = (await server.api.ok('GET', '/health')).body.eventStore.headPosition as number;
    // Signed up to the head: the tree holds every leaf the sweep will compare.
    for (let i = 0; i < 100; i++) {
      const note = (await server.api.ok('GET', '/audit/checkpoint', { token: unit })).body as string;
      if (Number(note.split('\n')[1]) >= head) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await server.close();
    // An early event's content changed, its hash and everything after it left alone: only a
    // sweep of the whole log sees it (the head still checks out).
    const db = new Database(join(dataDir, 'events.sqlite'));
    const edited = db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 3").run();
    db.close();
    expect(edited.changes).toBe(1);
    server = await startTestServer({ dataDir, env: ENV });
    let health = await server.api.send('GET', '/health');
    for (let i = 0; i < 100 && health.body.signedLog?.state !== 'diverged'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await server.api.send('GET', '/health');
    }
    expect(health.body.signedLog).toMatchObject({
      state: 'diverged',
      reason: 'the event at position 3 no longer matches its hash',
    });
  }, 180_000);
});
