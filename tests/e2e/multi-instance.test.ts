/**
 * Several API instances on one store: two built servers (`node dist/apps/api/src/main.js`) as
 * separate processes, each on its own port, with the same AUTH_JWT_SECRET, on ONE log: one SQLite
 * file (one DATA_DIR; WAL lets both write, SQLite serializes their commits), or one PostgreSQL
 * schema (each process with a DATA_DIR of its own, as on two machines). Each keeps its read models
 * from its own subscription to the log. What one accepts, the other reads, and `minPosition` makes
 * a read on either wait for a write made through the other. Accounts, sessions and
 * `Idempotency-Key`s are shared too: in DATA_DIR's identity.sqlite, or beside the PostgreSQL log.
 *
 * This is how the EventStoreDB topology of docker-compose.yml is exercised here (no EventStoreDB
 * and no Docker on these machines): the same code with the other adapter behind the same port.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addAccount } from '../support/accounts-cli.js';
import { BrowserSession } from '../support/browser-session.js';
import { expectProblem } from '../support/problems.js';
import { openStep } from '../support/cycle-setup.js';
import type { ApiResponse } from '#scenario';
import { readEvents, readStandings } from '../support/read-models.js';
import { loadScenario, openCycleBody, selfAssessmentBody, withSelfScore } from '#scenario';
import { E2E_STORES, storeEnv } from '../support/store-env.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const UNITS = Array.from({ length: 8 }, (_, i) => ({ id: `xa-${i + 1}`, name: `Xã Hai Máy ${i + 1}` }));
const LEADER = UNITS[0]!.id;

const position = (res: ApiResponse): number => (res.body as { position: number }).position;

describe.each(E2E_STORES)('two API processes on one log, on %s', (kind) => {
  const store = storeEnv(kind);
  const dataDir = makeDataDir();
  // On PostgreSQL the processes share nothing but the database, as on two machines.
  const otherDataDir = kind === 'sqlite' ? dataDir : makeDataDir();
  let a: TestServer;
  let b: TestServer;
  let cycleId: string;
  let opened: number;

  beforeAll(async () => {
    a = await startTestServer({ dataDir, env: store.env });
    b = await startTestServer({ dataDir: otherDataDir, env: store.env });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDataDir, { recursive: true, force: true });
    await store.cleanup();
  });

  it('runs two processes on two ports over one log', () => {
    expect(a.url).not.toBe(b.url);
    expect(a.child.process.pid).not.toBe(b.child.process.pid);
    if (kind === 'sqlite') expect(a.dataDir).toBe(b.dataDir);
    else expect(a.dataDir).not.toBe(b.dataDir);
  });

  it('an account made with the accounts command signs in on one; the session works on the other, and logout there ends it on both', async () => {
    const password = 'mật-khẩu-hai-máy-2020';
    addAccount(dataDir, 'hai-may', password, { roles: ['auditor'], province: s.province.id }, store.env);
    const browser = new BrowserSession(a.url);
    expect((await browser.login('hai-may', password)).status).toBe(200);
    const kept = new Map(browser.cookies);
    expect((await browser.moveTo(b.url).send('GET', '/me')).body).toEqual(
      expect.objectContaining({ sub: 'hai-may', roles: ['auditor'] }),
    );
    expect((await browser.send('POST', '/auth/logout')).status).toBe(204);
    const replay = new BrowserSession(a.url);
    for (const [k, v] of kept) replay.cookies.set(k, v);
    expectProblem(await replay.send('GET', '/me'), 401, 'SESSION_EXPIRED');
    // On PostgreSQL no DATA_DIR holds accounts: the database does.
    const files = [a.dataDir, b.dataDir].map((dir) => existsSync(join(dir, 'identity.sqlite')));
    expect(files).toEqual(kind === 'sqlite' ? [true, true] : [false, false]);
  });

  it('an Idempotency-Key used on one instance is refused with 422 on the other with another body, nothing opened', async () => {
    const key = randomUUID();
    const token = await a.tokens.province();
    const first = await a.api.ok('POST', '/cycles', {
      token,
      idempotencyKey: key,
      body: openCycleBody(s, { clusterId: 'mot-khoa', units: UNITS, leaderUnitId: LEADER, deputyUnitId: UNITS[1]!.id }),
    });
    expect(first.status).toBe(201);
    // Another cluster: another stream, which only the shared reservation of the key can tell.
    const other = openCycleBody(s, {
      clusterId: 'khoa-khac',
      units: UNITS,
      leaderUnitId: LEADER,
      deputyUnitId: UNITS[1]!.id,
    });
    expectProblem(
      await b.api.send('POST', '/cycles', { token, idempotencyKey: key, body: other }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    const cycles = await b.api.ok('GET', '/cycles', {
      token: await b.tokens.auditor(),
      query: { minPosition: position(first) },
    });
    expect(JSON.stringify(cycles.body)).toContain('mot-khoa');
    expect(JSON.stringify(cycles.body)).not.toContain('khoa-khac');
  });

  it('a cycle opened through one instance is read from the other at the position it answered', async () => {
    const res = await a.api.ok('POST', '/cycles', {
      token: await a.tokens.province(),
      body: openCycleBody(s, { clusterId: 'hai-may', units: UNITS, leaderUnitId: LEADER, deputyUnitId: UNITS[1]!.id }),
    });
    expect(res.status).toBe(201);
    cycleId = (res.body as { cycleId: string }).cycleId;
    opened = position(res);

    const read = await b.api.ok('GET', `/cycles/${cycleId}`, {
      token: await b.tokens.auditor(),
      query: { minPosition: opened },
    });
    expect(JSON.stringify(read.body)).toContain('Xã Hai Máy 8');
    const events = await readEvents(b.api, await b.tokens.auditor(), cycleId, opened);
    expect(events.map((e) => e.position)).toContain(opened);
  });

  it('commands sent alternately through both instances share one log, and each reads them all with minPosition', async () => {
    await openStep(a.api, await a.tokens.leader(LEADER), cycleId, 'self-assessment');
    const answers: number[] = [];
    for (const [i, unit] of UNITS.entries()) {
      const server = i % 2 === 0 ? a : b;
      const res = await server.api.ok('PUT', `/cycles/${cycleId}/units/${unit.id}/self-assessment`, {
        token: await server.tokens.unit(unit.id),
        body: selfAssessmentBody(s, s.units[0]!.id),
      });
      answers.push(position(res));
    }
    // One log: positions from both processes are distinct and increase in the order answered.
    expect(answers.every((p, i) => i === 0 || p > answers[i - 1]!)).toBe(true);
    const last = answers[answers.length - 1]!;

    for (const server of [a, b]) {
      const rows = await readStandings(server.api, await server.tokens.auditor(), cycleId, { minPosition: last });
      expect(
        rows
          .filter((row) => row.selfScore !== null)
          .map((row) => row.unitId)
          .sort(),
      ).toEqual(UNITS.map((u) => u.id).sort());
    }
    const [eventsA, eventsB] = await Promise.all(
      [a, b].map(async (server) => readEvents(server.api, await server.tokens.auditor(), cycleId, last)),
    );
    expect(eventsA.map((e) => [e.position, e.type])).toEqual(eventsB.map((e) => [e.position, e.type]));
    for (const p of answers) expect(eventsA.map((e) => e.position)).toContain(p);
  });

  it('minPosition on either instance waits for a write just made through the other', async () => {
    for (const [writer, reader] of [
      [a, b],
      [b, a],
    ] as const) {
      const unit = writer === a ? UNITS[2]! : UNITS[3]!;
      const body = withSelfScore(selfAssessmentBody(s, s.units[0]!.id), 0);
      const res = await writer.api.ok('PUT', `/cycles/${cycleId}/units/${unit.id}/self-assessment`, {
        token: await writer.tokens.unit(unit.id),
        body,
      });
      const written = position(res);
      // Straight away, on the other process: the answer must already include the write.
      const events = await readEvents(reader.api, await reader.tokens.auditor(), cycleId, written);
      expect(events.find((e) => e.position === written)).toMatchObject({
        type: 'SelfAssessmentSubmitted',
        data: { unitId: unit.id },
      });
    }
  });

  it('optimistic concurrency holds across processes: the same step opened through both at once, one wins', async () => {
    const leader = await a.tokens.leader(LEADER);
    await a.api.ok('POST', `/cycles/${cycleId}/steps/self-assessment/close`, { token: leader, body: {} });
    const outcomes = await Promise.all(
      [a, b].map((server) =>
        server.api.send('POST', `/cycles/${cycleId}/steps/self-assessment/reopen`, {
          token: leader,
          body: { reason: 'Thử hai máy' },
        }),
      ),
    );
    const statuses = outcomes.map((o) => o.status).sort();
    expect(statuses[0]).toBeGreaterThanOrEqual(200);
    expect(statuses[0]).toBeLessThan(300);
    expect(statuses[1]).toBe(409);
    const won = outcomes.find((o) => o.status < 300)!;
    const events = await readEvents(b.api, await b.tokens.auditor(), cycleId, position(won));
    expect(events.filter((e) => e.type === 'StepReopened')).toHaveLength(1);
  });
});
