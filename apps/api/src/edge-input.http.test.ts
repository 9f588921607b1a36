/**
 * Input at the edges of the contract, over real HTTP (the built server on a temporary SQLite file):
 * a body that is not JSON, an `asOf` that is not an instant, a token whose unitId is not an id.
 * Each must be refused clearly and change nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { openCycle } from '../../../tests/support/cycle-setup.js';
import { expectProblem } from '../../../tests/support/problems.js';
import { loadScenario, openCycleBody } from '#scenario';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../../tests/support/test-server.js';
import { mintToken } from '#scenario';
import { SignJWT } from 'jose';

const s = loadScenario();

describe('input at the edges', () => {
  let server: TestServer;
  let cycleId: string;
  const head = async (): Promise<number> => (await server.api.get('/health')).body.eventStore.headPosition;

  beforeAll(async () => {
    // Request logs on (info): the test reads them for tokens.
    server = await startTestServer({ env: { NOTIFICATIONS_WORKER: 'off', LOG_LEVEL: 'info' } });
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

  it.each(['application/merge-patch+json', 'application/vnd.api+json', 'text/json'])(
    'answers 415 to a command sent as %s (the JSON parser would drop it), and appends nothing',
    async (contentType) => {
      const before = await head();
      const res = await server.api.post(`/cycles/${cycleId}/steps/registration/open`, {
        token: await server.tokens.leader(s.leaderUnitId),
        rawBody: '{}',
        contentType,
      });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await head()).toBe(before);
    },
  );

  it('answers 400 naming the list when an element of a nested list is itself a list, and appends nothing', async () => {
    const before = await head();
    const body = openCycleBody(s, { clusterId: 'edges-nested' }) as { criteria: { groups: unknown[] } };
    body.criteria.groups.push([]);
    const res = await server.api.post('/cycles', { token: await server.tokens.province(), body });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toContain('criteria.groups');
    expect(await head()).toBe(before);
  });

  it('still takes application/json with a charset', async () => {
    const res = await server.api.post(`/cycles/${cycleId}/steps/registration/open`, {
      token: await server.tokens.leader(s.leaderUnitId),
      rawBody: '{}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
  });

  it('refuses a bearer token that expires more than 24 h ahead, or was issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'x', name: 'x', roles: ['auditor' as const], provinceId: 'an-giang' };
    const week = await mintToken(TEST_JWT_SECRET, { ...claims, exp: now + 7 * 86_400 });
    expectProblem(await server.api.get('/cycles', { token: week }), 401, 'INVALID_TOKEN');
    const day = await mintToken(TEST_JWT_SECRET, { ...claims, exp: now + 86_400 - 60 });
    expect((await server.api.get('/cycles', { token: day })).status).toBe(200);
    const future = await new SignJWT({ roles: ['auditor'], provinceId: 'an-giang' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expectProblem(await server.api.get('/cycles', { token: future }), 401, 'INVALID_TOKEN');
  });

  it('refuses a token without provinceId unless it is a national auditor', async () => {
    const bare = await new SignJWT({ roles: ['province'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expectProblem(await server.api.get('/cycles', { token: bare }), 401, 'INVALID_TOKEN');
    const national = await new SignJWT({ roles: ['national-auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await server.api.get('/cycles', { token: national })).status).toBe(200);
  });

  it('never writes a token into the logs, not even one sent in a URL', async () => {
    const token = await server.tokens.auditor();
    await server.api.get(`/cycles?access_token=${token}&year=2020`, { token });
    await server.api.get(`/cycles/${cycleId}`, { token, query: { id_token: token } });
    await new Promise((r) => setTimeout(r, 300));
    const logs = server.child.output();
    expect(logs).toContain('access_token=[redacted]&year=2020');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[2]!);
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
