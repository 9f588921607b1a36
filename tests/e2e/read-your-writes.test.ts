/**
 * Read-your-writes: a query with `minPosition` set to the position a command answered sees that
 * command's effect, at once, every time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { readStandings } from '../support/read-models.js';
import { loadScenario, selfAssessmentBody, withSelfScore } from '#scenario';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();

describe('minPosition', () => {
  let server: TestServer;
  let cycleId: string;

  beforeAll(async () => {
    server = await startTestServer();
    cycleId = await openCycle(server.api, server.tokens, s, { clusterId: 'ryw' });
    await openStep(server.api, await server.tokens.leader(s.leaderUnitId), cycleId, 'self-assessment');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('a query at the position a command answered shows that command, for each of 21 versions', async () => {
    const token = await server.tokens.unit('chau-phu');
    const leader = await server.tokens.leader(s.leaderUnitId);
    const seen: { points: number; selfScore: number | null | undefined }[] = [];
    // C4.2 is scored by the unit itself (0 to 10 points, in halves); every other line stays as filed.
    for (let points = 0; points <= 10; points += 0.5) {
      const body = withSelfScore(selfAssessmentBody(s, 'chau-phu'), points);
      const res = await server.api.ok('PUT', `/cycles/${cycleId}/units/chau-phu/self-assessment`, { token, body });
      const rows = await readStandings(server.api, leader, cycleId, { minPosition: res.body.position });
      seen.push({ points, selfScore: rows.find((r) => r.unitId === 'chau-phu')?.selfScore });
    }
    const base = seen[0]?.selfScore;
    expect(typeof base).toBe('number');
    const cents = (n: number) => Math.round(n * 100);
    expect(seen.map(({ points, selfScore }) => ({ points, selfScore: cents(selfScore ?? NaN) }))).toEqual(
      seen.map(({ points }) => ({ points, selfScore: cents((base as number) + points) })),
    );
  });

  it('GET /cycles/{id} with minPosition shows the unit’s submission at once', async () => {
    const token = await server.tokens.unit('tri-ton');
    const put = await server.api.ok('PUT', `/cycles/${cycleId}/units/tri-ton/self-assessment`, {
      token,
      body: selfAssessmentBody(s, 'tri-ton'),
    });
    const cycle = await server.api.ok('GET', `/cycles/${cycleId}`, {
      token,
      query: { minPosition: put.body.position },
    });
    const units = (cycle.body as { units: { unitId: string; steps: Record<string, { state: string }> }[] }).units;
    const state = units.find((u) => u.unitId === 'tri-ton')?.steps['self-assessment']?.state;
    // The reference schedule's due dates are long past: the submission is in, and late.
    expect(state).toBe('late');
  });
});
