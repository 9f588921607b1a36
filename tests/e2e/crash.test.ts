/**
 * Crash: the built server is killed with SIGKILL in the middle of a burst of concurrent commands
 * (self-assessments of many units), then started again on the same DATA_DIR. Every command that
 * was answered 2xx is in the log exactly once, the rebuilt projections give the standings read
 * before the kill, and retrying the unanswered commands with their keys applies each once.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCycle, openStep } from '../support/cycle-setup.js';
import type { ApiResponse } from '#scenario';
import { readEvents, readStandings, type EventRow, type StandingsRow } from '../support/read-models.js';
import { loadScenario, selfAssessmentBody } from '#scenario';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const UNITS = Array.from({ length: 40 }, (_, i) => ({
  id: `xa-${String(i + 1).padStart(2, '0')}`,
  name: `Xã Thử Nghiệm ${i + 1}`,
}));
/** At most this many commands, sent by CLIENTS concurrent clients back to back. */
const BURST = 4000;
const CLIENTS = 64;
/** The kill comes once this many commands of the burst have been answered. */
const KILL_AFTER = 300;

interface SentCommand {
  key: string;
  unitId: string;
  body: ReturnType<typeof selfAssessmentBody>;
  sent?: boolean;
  answer?: ApiResponse;
}

/** The n-th command: a unit's self-assessment whose militia points vary, so each version counts. */
function command(n: number): SentCommand {
  const unitId = UNITS[n % UNITS.length]!.id;
  const body = selfAssessmentBody(s, 'an-phu');
  body.scores = body.scores.map(({ evidence: _evidence, ...line }) =>
    line.criterionId === 'C2.1' ? { criterionId: 'C2.1', points: n % 11 } : line,
  );
  return { key: randomUUID(), unitId, body };
}

const penaltyIds = new Set(s.criteria.penalty.map((p) => p.id));
const total = (scores: { criterionId: string; points: number }[]) =>
  scores.reduce((sum, l) => sum + (penaltyIds.has(l.criterionId) ? -l.points : l.points), 0);
const byUnit = (rows: StandingsRow[]) => [...rows].sort((a, b) => a.unitId.localeCompare(b.unitId));

describe('a SIGKILL in the middle of a burst of commands', () => {
  const dataDir = makeDataDir();
  let server: TestServer;
  let cycleId: string;
  const sent = Array.from({ length: BURST }, (_, n) => command(n));
  let before: { position: number; standings: StandingsRow[] };
  let events: EventRow[];

  const send = async (server: TestServer, c: SentCommand): Promise<ApiResponse> =>
    server.api.put(`/cycles/${cycleId}/units/${c.unitId}/self-assessment`, {
      token: await server.tokens.unit(c.unitId),
      idempotencyKey: c.key,
      headers: { 'x-correlation-id': c.key },
      body: c.body,
    });
  const answered = () => sent.filter((c) => c.answer && c.answer.status >= 200 && c.answer.status < 300);
  const carrying = (c: SentCommand) => events.filter((e) => e.metadata.correlationId === c.key);

  beforeAll(async () => {
    server = await startTestServer({ dataDir });
    const { api, tokens } = server;
    cycleId = await openCycle(api, tokens, s, {
      clusterId: 'crash',
      units: UNITS,
      leaderUnitId: UNITS[0]!.id,
      deputyUnitId: UNITS[1]!.id,
    });
    await openStep(api, await tokens.leader(UNITS[0]!.id), cycleId, 'self-assessment');
    for (const u of UNITS) await tokens.unit(u.id);

    // 64 clients send commands back to back; once KILL_AFTER are answered, the standings are read
    // at the highest position answered so far, and the server is killed while the others fly.
    let next = 0;
    let killing = false;
    let killed: Promise<void> | undefined;
    const auditor = await tokens.auditor();
    const client = async () => {
      while (!killing && next < BURST) {
        const c = sent[next++]!;
        c.sent = true;
        try {
          c.answer = await send(server, c);
        } catch {
          return; // cut off by the kill: no answer
        }
        if (answered().length === KILL_AFTER && !killing) {
          killing = true;
          const position = Math.max(...answered().map((a) => a.answer!.body.position as number));
          const standings = await readStandings(api, auditor, cycleId, { atPosition: position, minPosition: position });
          before = { position, standings };
          killed = server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await killed;

    server = await startTestServer({ dataDir });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('was killed in the middle: some commands answered, some in flight without an answer', () => {
    expect(before).toBeDefined();
    expect(answered().length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(sent.filter((c) => c.sent && !c.answer).length).toBeGreaterThan(0);
    for (const c of sent) if (c.answer) expect(c.answer.status).toBe(200);
  });

  it('every command answered 2xx is in the log exactly once', async () => {
    const last = Math.max(...answered().map((c) => c.answer!.body.position as number));
    events = await readEvents(server.api, await server.tokens.auditor(), cycleId, last);
    const missing = answered().filter((c) => carrying(c).length !== 1);
    expect(missing.map((c) => ({ key: c.key, events: carrying(c).length }))).toEqual([]);
    for (const c of answered()) {
      const [event] = carrying(c);
      expect({ type: event!.type, position: event!.position, unitId: event!.data.unitId }).toEqual({
        type: 'SelfAssessmentSubmitted',
        position: c.answer!.body.position,
        unitId: c.unitId,
      });
    }
    // Commands in flight may or may not have been committed before the kill, but never twice.
    for (const c of sent) expect(carrying(c).length).toBeLessThanOrEqual(c.sent ? 1 : 0);
  });

  it('the restarted server shows the standings it showed before the kill at that position', async () => {
    const rebuilt = await readStandings(server.api, await server.tokens.auditor(), cycleId, {
      atPosition: before.position,
    });
    expect(byUnit(rebuilt)).toEqual(byUnit(before.standings));
  });

  it("the restarted server's standings agree with the log: each unit's latest self-assessment", async () => {
    const head = Math.max(...events.map((e) => e.position));
    const now = await readStandings(server.api, await server.tokens.auditor(), cycleId, { minPosition: head });
    const latest = new Map<string, number>();
    for (const e of [...events].sort((a, b) => a.position - b.position))
      if (e.type === 'SelfAssessmentSubmitted')
        latest.set(String(e.data.unitId), total(e.data.scores as { criterionId: string; points: number }[]));
    expect(Object.fromEntries(now.map((r) => [r.unitId, r.selfScore]))).toEqual(
      Object.fromEntries(UNITS.map((u) => [u.id, latest.get(u.id) ?? null])),
    );
  });

  it('the hash chains of the cycle verify after the crash', async () => {
    const verify = await server.api.ok('GET', '/audit/verify', {
      token: await server.tokens.auditor(),
      query: { cycleId },
    });
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.checkedEvents).toBeGreaterThanOrEqual(answered().length);
  });

  it('retrying every command left without an answer, with its key, applies each exactly once', async () => {
    const unanswered = sent.filter((c) => c.sent && !c.answer);
    for (const c of unanswered) {
      c.answer = await send(server, c);
      expect({ key: c.key, status: c.answer.status }).toEqual({ key: c.key, status: 200 });
    }
    const all = sent.filter((c) => c.sent);
    const last = Math.max(...all.map((c) => c.answer!.body.position as number));
    events = await readEvents(server.api, await server.tokens.auditor(), cycleId, last);
    expect(all.filter((c) => carrying(c).length !== 1).map((c) => c.key)).toEqual([]);
  }, 120_000);

  it('a server that rebuilds every projection from position 0 on the same log shows the same standings', async () => {
    const head = Math.max(...events.map((e) => e.position));
    const auditor = await server.tokens.auditor();
    const current = await readStandings(server.api, auditor, cycleId, { minPosition: head });
    await server.close();
    // Only the log is copied: no checkpoint, no read model; the new server starts from nothing.
    const fresh = makeDataDir();
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('events.sqlite')))
      copyFileSync(join(dataDir, file), join(fresh, file));
    server = await startTestServer({ dataDir: fresh });
    try {
      const rebuilt = await readStandings(server.api, auditor, cycleId, { minPosition: head });
      expect(byUnit(rebuilt)).toEqual(byUnit(current));
    } finally {
      await server.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 180_000);
});
