/**
 * Input at the edges of the contract, over real HTTP (the built server on a temporary SQLite file):
 * a body that is not JSON, an `asOf` that is not an instant, a token whose unitId is not an id.
 * Each must be refused clearly and change nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { openCycle } from '../../../tests/support/cycle-setup.js';
import { expectProblem } from '../../../tests/support/problems.js';
import { loadScenario } from '#scenario';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../../tests/support/test-server.js';
import { mintToken } from '#scenario';

const s = loadScenario();

describe('input at the edges', () => {
  let server: TestServer;
  let cycleId: string;
  const head = async (): Promise<number> => (await server.api.get('/health')).body.eventStore.headPosition;

  beforeAll(async () => {
    server = await startTestServer({ env: { NOTIFICATIONS_WORKER: 'off' } });
    cycleId = await openCycle(server.api, server.tokens, s, { clusterId: 'edges' });
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers 415 to a command whose body is form-encoded, and appends nothing', async () => {
    const before = await head();
    const res = await server.api.post(`/cycles/${cycleId}/steps/registration/open`, {
      token: await server.tokens.leader(s.leaderUnitId),
      rawBody: 'summary=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await head()).toBe(before);
  });

  it('answers 400 naming asOf when it is not an ISO 8601 instant, without waiting for minPosition', async () => {
    const res = await server.api.get(`/cycles/${cycleId}/standings?asOf=yesterday&minPosition=999999999`, {
      token: await server.tokens.auditor(),
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body.errors)).toContain('asOf');
  });

  it('answers 401 to a token whose unitId is not an id', async () => {
    const token = await mintToken(TEST_JWT_SECRET, { sub: 'x', name: 'x', roles: ['unit'], unitId: '../../x' });
    expectProblem(await server.api.get('/cycles', { token }), 401, 'INVALID_TOKEN');
  });
});
