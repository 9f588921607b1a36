/**
 * The API shell over real HTTP (the built server on a temporary SQLite file): auth, problem
 * details, idempotency and NFC. The end-to-end suite (tests/e2e) covers the cycle itself.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { SignJWT } from 'jose';
import { openCycle, openStep } from '../../../tests/support/cycle-setup.js';
import { expectFieldNamed, expectProblem } from '../../../tests/support/problems.js';
import { loadScenario, openCycleBody, selfAssessmentBody } from '#scenario';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../../../tests/support/test-server.js';
import { mintToken } from '#scenario';

const s = loadScenario();
const QUIET = { NOTIFICATIONS_WORKER: 'off' };
const OTHER_UNIT = s.units[1]!.id;
const UNIT = s.units[0]!.id;

describe('the API over HTTP', () => {
  let server: TestServer;
  let cycleId: string;
  const head = async (): Promise<number> => (await server.api.get('/health')).body.eventStore.headPosition;

  beforeAll(async () => {
    server = await startTestServer({ env: QUIET });
    cycleId = await openCycle(server.api, server.tokens, s, { clusterId: 'shell' });
    await openStep(server.api, await server.tokens.leader(s.leaderUnitId), cycleId, 'self-assessment');
  }, 120_000);
  afterAll(async () => server?.close());

  const selfAssess = async (options: { unitId?: string; token?: string; key?: string; body?: unknown } = {}) => {
    const unitId = options.unitId ?? UNIT;
    return server.api.put(`/cycles/${cycleId}/units/${unitId}/self-assessment`, {
      token: options.token ?? (await server.tokens.unit(unitId)),
      body: options.body ?? selfAssessmentBody(s, UNIT),
      ...(options.key ? { idempotencyKey: options.key } : {}),
    });
  };

  describe('auth', () => {
    it('answers 401 without a token', async () => {
      expectProblem(await server.api.get('/cycles'), 401, 'UNAUTHENTICATED');
    });

    it('answers 401 for a token signed with another secret, an expired one, or one missing unitId for a unit role', async () => {
      const forged = await mintToken('another-secret-of-at-least-thirty-two-chars', {
        sub: 'x',
        name: 'x',
        roles: ['auditor'],
      });
      expectProblem(await server.api.get('/cycles', { token: forged }), 401, 'INVALID_TOKEN');
      const expired = await mintToken(TEST_JWT_SECRET, {
        sub: 'x',
        name: 'x',
        roles: ['auditor'],
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      expectProblem(await server.api.get('/cycles', { token: expired }), 401, 'INVALID_TOKEN');
      const unbound = await mintToken(TEST_JWT_SECRET, { sub: 'x', name: 'x', roles: ['unit'] });
      expectProblem(await server.api.get('/cycles', { token: unbound }), 401, 'INVALID_TOKEN');
      const noExp = await new SignJWT({ roles: ['auditor'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      expectProblem(await server.api.get('/cycles', { token: noExp }), 401, 'INVALID_TOKEN');
    });

    it('answers 403 to a role the route is not for', async () => {
      const res = await server.api.post('/cycles', {
        token: await server.tokens.unit(UNIT),
        body: openCycleBody(s, { clusterId: 'not-yours' }),
      });
      expectProblem(res, 403, 'FORBIDDEN_ROLE');
    });

    it('answers 403 to a unit acting for another unit and to a member leading no cluster, 404 to a leader of another', async () => {
      expectProblem(
        await selfAssess({ unitId: OTHER_UNIT, token: await server.tokens.unit(UNIT) }),
        403,
        'NOT_YOUR_UNIT',
      );
      const close = async (token: string) =>
        server.api.post(`/cycles/${cycleId}/steps/self-assessment/close`, { token, body: {} });
      // A member unit's officer acting as leader sees the cycle but does not lead it.
      expectProblem(await close(await server.tokens.leader(OTHER_UNIT)), 403, 'NOT_CLUSTER_LEADER');
      // A leader of another cluster may not even learn that the cycle exists (tenancy).
      expectProblem(await close(await server.tokens.leader('tinh-bien')), 404, 'CYCLE_NOT_FOUND');
    });

    it('answers GET /me with the caller of the token, 401 without one', async () => {
      expectProblem(await server.api.get('/me'), 401, 'UNAUTHENTICATED');
      const me = await server.api.get('/me', { token: await server.tokens.unit(UNIT) });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        sub: `officer-${UNIT}`,
        name: `Cán bộ thi đua (${UNIT})`,
        roles: ['unit'],
        unitId: UNIT,
        provinceId: server.tokens.provinceId,
      });
    });

    it('lets anyone read /health without a token', async () => {
      expect((await server.api.get('/health')).status).toBe(200);
    });
  });

  describe('problem details', () => {
    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await server.api.put(`/cycles/${cycleId}/units/${UNIT}/self-assessment`, {
        token: await server.tokens.unit(UNIT),
        rawBody: '{"scores": [',
      });
      expectProblem(res, 400, 'MALFORMED_JSON');
    });

    it('names an unknown field, a missing one and a nested one, and appends nothing', async () => {
      const before = await head();
      const unknown = await selfAssess({ body: { ...selfAssessmentBody(s, UNIT), extra: 1 } });
      expectFieldNamed(expectProblem(unknown, 400, 'VALIDATION_FAILED'), 'extra');
      expectFieldNamed(expectProblem(await selfAssess({ body: {} }), 400, 'VALIDATION_FAILED'), 'scores');
      const nested = await selfAssess({ body: { scores: [{ criterionId: 'C1.1', points: 'ten' }] } });
      expectFieldNamed(expectProblem(nested, 400, 'VALIDATION_FAILED'), 'scores.0.points');
      expect(await head()).toBe(before);
    });

    it('answers an unknown route and an unknown cycle with 404', async () => {
      expectProblem(await server.api.get('/no-such-route', { token: await server.tokens.auditor() }), 404, 'NOT_FOUND');
      expectProblem(
        await server.api.get('/cycles/no-such-cycle', { token: await server.tokens.auditor() }),
        404,
        'CYCLE_NOT_FOUND',
      );
    });

    it('speaks Vietnamese by default and English on request', async () => {
      const vi = await server.api.get('/cycles/no-such-cycle', { token: await server.tokens.auditor() });
      const en = await server.api.get('/cycles/no-such-cycle', {
        token: await server.tokens.auditor(),
        headers: { 'accept-language': 'en-US' },
      });
      expect(vi.body).toMatchObject({ title: 'Không tìm thấy', detail: 'Không tìm thấy đợt thi đua' });
      expect(en.body).toMatchObject({ title: 'Not found', detail: 'Cycle not found' });
    });

    it('refuses a body nested thousands of levels deep with 400, not a crash', async () => {
      const res = await server.api.put(`/cycles/${cycleId}/units/${UNIT}/self-assessment`, {
        token: await server.tokens.unit(UNIT),
        rawBody: '['.repeat(5000) + ']'.repeat(5000),
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer and appends nothing', async () => {
      const first = await selfAssess({ key: 'replay-1' });
      expect(first.status).toBe(200);
      const after = await head();
      const again = await selfAssess({ key: 'replay-1' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await head()).toBe(after);
    });

    it('refuses the same key with another body with 422 and appends nothing', async () => {
      await selfAssess({ key: 'reuse-1' });
      const after = await head();
      const other = await selfAssess({ key: 'reuse-1', body: { scores: [{ criterionId: 'C1.1', points: 1 }] } });
      expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await head()).toBe(after);
    });

    it('appends once for concurrent requests with one key', async () => {
      const before = await head();
      const answers = await Promise.all(Array.from({ length: 6 }, () => selfAssess({ key: 'burst-1' })));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(await head()).toBe(before + 1);
    });

    it('scopes a key to its caller: another officer with the same key makes a new command', async () => {
      const mine = await selfAssess({ key: 'scoped-1' });
      const theirs = await selfAssess({ key: 'scoped-1', token: await server.tokens.unit(UNIT, 'another-officer') });
      expect(theirs.status).toBe(200);
      expect(theirs.body.position).toBeGreaterThan(mine.body.position);
    });
  });

  describe('NFC', () => {
    it('stores text in NFC, and treats an NFD retry of a keyed command as the same request', async () => {
      const nfd = (t: string) => t.normalize('NFD');
      const body = openCycleBody(s, {
        clusterId: 'nfc',
        clusterName: nfd('Cụm thi đua số 2'),
        units: s.units.map((u) => ({ id: u.id, name: nfd(u.name) })),
      });
      const province = await server.tokens.province();
      const opened = await server.api.post('/cycles', { token: province, body, idempotencyKey: 'nfc-open' });
      expect(opened.status).toBe(201);
      const cycle = await server.api.get(`/cycles/${opened.body.cycleId}`, {
        token: province,
        query: { minPosition: opened.body.position },
      });
      expect(cycle.body.config.clusterName).toBe('Cụm thi đua số 2'.normalize('NFC'));
      expect(cycle.body.config.units.map((u: { name: string }) => u.name)).toEqual(
        s.units.map((u) => u.name.normalize('NFC')),
      );
      const composed = openCycleBody(s, {
        clusterId: 'nfc',
        clusterName: 'Cụm thi đua số 2'.normalize('NFC'),
        units: s.units.map((u) => ({ id: u.id, name: u.name.normalize('NFC') })),
      });
      const retried = await server.api.post('/cycles', { token: province, body: composed, idempotencyKey: 'nfc-open' });
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual(opened.body);
    });
  });
});

describe('limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { ...QUIET, BODY_LIMIT: '2kb', THROTTLE_LIMIT: '5', THROTTLE_TTL_MS: '60000' },
    });
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers 413 to a body over BODY_LIMIT, then 429 once the client goes over THROTTLE_LIMIT', async () => {
    const token = await server.tokens.province();
    const big = await server.api.post('/cycles', { token, rawBody: JSON.stringify({ clusterName: 'x'.repeat(4096) }) });
    expectProblem(big, 413, 'PAYLOAD_TOO_LARGE');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await server.api.get('/cycles', { token })).status);
    expect(statuses).toContain(429);
    expectProblem(await server.api.get('/cycles', { token }), 429, 'TOO_MANY_REQUESTS');
  });
});
