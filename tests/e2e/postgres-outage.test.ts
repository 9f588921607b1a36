/**
 * The database goes away under a running API (EVENT_STORE=postgres) and comes back: a private
 * PostgreSQL server (the machine's shared one is never stopped) is stopped as in a crash while
 * the API serves, then started again. During the outage commands fail clearly (503, problem code
 * EVENT_STORE_UNAVAILABLE) and health says so; after it the same API process accepts commands
 * again without a restart, its read models catch up, and retrying every command with its
 * Idempotency-Key leaves each in the log exactly once: nothing lost, nothing doubled.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiResponse } from '#scenario';
import { loadScenario, selfAssessmentBody, withSelfScore } from '#scenario';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { createPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { expectProblem } from '../support/problems.js';
import { readEvents } from '../support/read-models.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const UNITS = Array.from({ length: 6 }, (_, i) => ({ id: `xa-${i + 1}`, name: `Xã Mất Điện ${i + 1}` }));

interface Command {
  key: string;
  unitId: string;
  points: number;
  answers: ApiResponse[];
}

describe('the PostgreSQL server restarted while the API runs', () => {
  let db: PrivatePostgres;
  let server: TestServer;
  let cycleId: string;
  const commands: Command[] = [];

  const send = async (c: Command): Promise<ApiResponse> => {
    const body = withSelfScore(selfAssessmentBody(s, 'an-phu'), c.points);
    const answer = await server.api.put(`/cycles/${cycleId}/units/${c.unitId}/self-assessment`, {
      token: await server.tokens.unit(c.unitId),
      idempotencyKey: c.key,
      headers: { 'x-correlation-id': c.key },
      body,
    });
    c.answers.push(answer);
    return answer;
  };
  const command = (n: number): Command => {
    const c = { key: randomUUID(), unitId: UNITS[n % UNITS.length]!.id, points: n % 10, answers: [] };
    commands.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await createPrivatePostgres();
    server = await startTestServer({ env: { EVENT_STORE: 'postgres', DATABASE_URL: db.url, DATABASE_POOL_SIZE: '4' } });
    cycleId = await openCycle(server.api, server.tokens, s, {
      clusterId: 'mat-dien',
      units: UNITS,
      leaderUnitId: UNITS[0]!.id,
      deputyUnitId: UNITS[1]!.id,
    });
    await openStep(server.api, await server.tokens.leader(UNITS[0]!.id), cycleId, 'self-assessment');
    for (const u of UNITS) await server.tokens.unit(u.id);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    db?.destroy();
  });

  it('accepts commands before the outage', async () => {
    for (let n = 0; n < 6; n++) expect((await send(command(n))).status).toBe(200);
  });

  it('answers 503 EVENT_STORE_UNAVAILABLE while the database is down, and health says down', async () => {
    db.stop('immediate');
    for (let n = 6; n < 12; n++) {
      const answer = await send(command(n));
      const problem = expectProblem(answer, 503, 'EVENT_STORE_UNAVAILABLE');
      expect(problem.detail).toBe('Kho sự kiện tạm thời không truy cập được');
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    }
    const health = await server.api.send('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down', eventStore: { status: 'down' } });
  }, 60_000);

  it('accepts commands again once the database is back, without restarting the API', async () => {
    db.start();
    // The pool opens new connections on demand: the first command may still meet a closing one.
    const deadline = Date.now() + 20_000;
    let answer = await send(command(12));
    while (answer.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await send(commands[commands.length - 1]!);
    }
    expect(answer.status).toBe(200);
    for (let n = 13; n < 18; n++) expect((await send(command(n))).status).toBe(200);
    const health = await server.api.send('GET', '/health');
    expect(health.status).toBe(200);
  }, 60_000);

  it('retrying every command with its key leaves each exactly once in the log, read through the recovered read models', async () => {
    for (const c of commands) {
      const answer = c.answers.find((a) => a.status === 200) ?? (await send(c));
      expect({ key: c.key, status: answer.status }).toEqual({ key: c.key, status: 200 });
    }
    // A retry of a command that succeeded returns the first answer and appends nothing.
    for (const c of commands.slice(0, 3)) {
      const first = c.answers.find((a) => a.status === 200)!;
      const again = await send(c);
      expect(again.body.position).toBe(first.body.position);
    }
    const last = Math.max(...commands.map((c) => c.answers.find((a) => a.status === 200)!.body.position as number));
    // minPosition: the projections followed the log through the outage (their subscription rode it out).
    const events = await readEvents(server.api, await server.tokens.auditor(), cycleId, last);
    const carrying = (c: Command) => events.filter((e) => e.metadata.correlationId === c.key);
    expect(
      commands.filter((c) => carrying(c).length !== 1).map((c) => ({ key: c.key, events: carrying(c).length })),
    ).toEqual([]);
    const verify = await server.api.ok('GET', '/audit/verify', {
      token: await server.tokens.auditor(),
      query: { cycleId },
    });
    expect(verify.body).toMatchObject({ ok: true });
  }, 60_000);
});
