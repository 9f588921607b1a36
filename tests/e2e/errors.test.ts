/**
 * Every error of docs/api.md provoked at least once over real HTTP: the status, the stable `code`,
 * `application/problem+json`, no stack trace, and nothing appended to the log.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCycle, openStep, selfAssessAll } from '../support/cycle-setup.js';
import { expectFieldNamed, expectProblem } from '../support/problems.js';
import { readEvents } from '../support/read-models.js';
import { openCycleBody, registrationBody, selfAssessmentBody, loadScenario } from '#scenario';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server.js';
import { mintToken } from '#scenario';

const s = loadScenario();
const unitIds = s.units.map((u) => u.id);

describe('errors of the API', () => {
  let server: TestServer;
  /** A cycle whose registration is closed and whose self-assessment is open, every unit assessed. */
  let cycleId: string;
  let eventsBefore: number;
  let leader: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { api, tokens } = server;
    leader = await tokens.leader(s.leaderUnitId);
    cycleId = await openCycle(api, tokens, s, { clusterId: 'loi-a' });
    await openStep(api, leader, cycleId, 'registration');
    await api.ok('PUT', `/cycles/${cycleId}/units/an-phu/registration`, {
      token: await tokens.unit('an-phu'),
      body: registrationBody(s, 'an-phu'),
    });
    await api.ok('POST', `/cycles/${cycleId}/steps/registration/close`, { token: leader, body: {} });
    await api.ok('POST', `/cycles/${cycleId}/steps/mid-year-review/open`, { token: leader, body: {} });
    await api.ok('POST', `/cycles/${cycleId}/steps/mid-year-review/close`, { token: leader, body: {} });
    await api.ok('POST', `/cycles/${cycleId}/steps/self-assessment/open`, { token: leader, body: {} });
    const position = await selfAssessAll(api, tokens, s, cycleId, unitIds);
    eventsBefore = (await readEvents(api, await tokens.auditor(), cycleId, position)).length;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const c = () => `/cycles/${cycleId}`;

  describe('400: malformed or invalid input', () => {
    it('an unknown field is refused and named', async () => {
      const body = { ...selfAssessmentBody(s, 'an-phu'), grantMeAnAward: true };
      const res = await server.api.put(`${c()}/units/an-phu/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        body,
      });
      expectFieldNamed(expectProblem(res, 400, 'VALIDATION_FAILED'), 'grantMeAnAward');
    });

    it('an unknown field inside a list item is refused too', async () => {
      const body = { scores: [{ criterionId: 'C1.1', points: 10, weight: 2 }] };
      const res = await server.api.put(`${c()}/units/an-phu/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        body,
      });
      expectFieldNamed(expectProblem(res, 400, 'VALIDATION_FAILED'), 'weight');
    });

    it('a missing field is refused and named', async () => {
      const res = await server.api.put(`${c()}/units/an-phu/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        body: {},
      });
      expectFieldNamed(expectProblem(res, 400, 'VALIDATION_FAILED'), 'scores');
    });

    it("a cycle without its year is refused, naming 'year'", async () => {
      const { year: _year, ...body } = openCycleBody(s, { clusterId: 'loi-missing-year' });
      const res = await server.api.post('/cycles', { token: await server.tokens.province(), body });
      expectFieldNamed(expectProblem(res, 400, 'VALIDATION_FAILED'), 'year');
    });

    it('a criterion scored from figures given points but no actual figure is refused, naming the field', async () => {
      // C1.1 (maximum 18) is scored from figures: its points are derived from `actual`, never typed in.
      const body = { scores: [{ criterionId: 'C1.1', points: 18.5 }] };
      const res = await server.api.put(`${c()}/units/an-phu/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        body,
      });
      expectFieldNamed(expectProblem(res, 400, 'VALIDATION_FAILED'), 'scores[0].actual');
    });

    it('a body that is not JSON is refused', async () => {
      const res = await server.api.put(`${c()}/units/an-phu/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        rawBody: '{"scores": [',
      });
      expectProblem(res, 400);
    });
  });

  describe('401: no or bad token', () => {
    it('no token', async () => {
      expectProblem(await server.api.post('/cycles', { body: openCycleBody(s, { clusterId: 'loi-401' }) }), 401);
    });

    it('a token that is not a JWT', async () => {
      expectProblem(await server.api.get('/cycles', { token: 'not-a-jwt' }), 401);
    });

    it('a token signed with another secret', async () => {
      const forged = await mintToken('another-secret-that-is-long-enough-0123456789', {
        sub: 'x',
        name: 'X',
        roles: ['province'],
      });
      expectProblem(
        await server.api.post('/cycles', { token: forged, body: openCycleBody(s, { clusterId: 'loi-401' }) }),
        401,
      );
    });

    it('an expired token', async () => {
      const expired = await mintToken(TEST_JWT_SECRET, {
        sub: 'x',
        name: 'X',
        roles: ['province'],
        exp: Math.floor(Date.now() / 1000) - 60,
      });
      expectProblem(
        await server.api.post('/cycles', { token: expired, body: openCycleBody(s, { clusterId: 'loi-401' }) }),
        401,
      );
    });
  });

  describe('403: wrong role or unit', () => {
    it('a unit acting for another unit', async () => {
      const res = await server.api.put(`${c()}/units/chau-thanh/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        body: selfAssessmentBody(s, 'chau-thanh'),
      });
      expectProblem(res, 403, 'NOT_YOUR_UNIT');
    });

    it('a member unit acting as the cluster leader (it sees the cycle, but does not lead it)', async () => {
      const member = await server.tokens.leader('chau-thanh');
      const res = await server.api.post(`${c()}/steps/self-assessment/close`, { token: member, body: {} });
      expectProblem(res, 403, 'NOT_CLUSTER_LEADER');
    });

    it('a role the route is not for (a unit locking the scores)', async () => {
      const res = await server.api.post(`${c()}/scores/lock`, { token: await server.tokens.unit('an-phu'), body: {} });
      expectProblem(res, 403, 'FORBIDDEN_ROLE');
    });

    it('a unit officer reading the raw events (auditors only)', async () => {
      expectProblem(await server.api.get(`${c()}/events`, { token: await server.tokens.unit('an-phu') }), 403);
    });
  });

  describe('404: unknown cycle or unit', () => {
    it('reading an unknown cycle', async () => {
      expectProblem(
        await server.api.get('/cycles/no-such-cycle-2020', { token: await server.tokens.auditor() }),
        404,
        'CYCLE_NOT_FOUND',
      );
    });

    it('submitting to an unknown cycle', async () => {
      const res = await server.api.put('/cycles/no-such-cycle-2020/units/an-phu/self-assessment', {
        token: await server.tokens.unit('an-phu'),
        body: selfAssessmentBody(s, 'an-phu'),
      });
      expectProblem(res, 404, 'CYCLE_NOT_FOUND');
    });

    it('a leader of another cluster finds no cycle (its id does not leak)', async () => {
      const stranger = await server.tokens.leader('long-xuyen');
      const res = await server.api.post(`${c()}/steps/self-assessment/close`, { token: stranger, body: {} });
      expectProblem(res, 404, 'CYCLE_NOT_FOUND');
    });

    it('a unit that is not a member of the cycle finds no cycle (its id does not leak)', async () => {
      const res = await server.api.put(`${c()}/units/long-xuyen/self-assessment`, {
        token: await server.tokens.unit('long-xuyen'),
        body: selfAssessmentBody(s, 'an-phu'),
      });
      expectProblem(res, 404, 'CYCLE_NOT_FOUND');
    });

    it('the leader naming a unit that is not a member of the cycle', async () => {
      const res = await server.api.post(`${c()}/units/long-xuyen/self-assessment/accept`, {
        token: leader,
        body: {},
      });
      expectProblem(res, 404, 'NOT_A_MEMBER');
    });
  });

  describe('409: the current state forbids it', () => {
    it('a registration after its step was closed', async () => {
      const res = await server.api.put(`${c()}/units/chau-thanh/registration`, {
        token: await server.tokens.unit('chau-thanh'),
        body: registrationBody(s, 'chau-thanh'),
      });
      expectProblem(res, 409, 'STEP_NOT_OPEN');
    });

    it('a second cycle for the same cluster and year', async () => {
      const res = await server.api.post('/cycles', {
        token: await server.tokens.province(),
        body: openCycleBody(s, { clusterId: 'loi-a' }),
      });
      expectProblem(res, 409, 'CYCLE_ALREADY_OPEN');
    });
  });

  describe('422: valid input that breaks a rule', () => {
    it('points over the maximum of a self-scored criterion', async () => {
      // C2.1 is scored by the unit itself (no formula), its maximum is 10.
      const body = { scores: [{ criterionId: 'C2.1', points: 10.5 }] };
      const res = await server.api.put(`${c()}/units/an-phu/self-assessment`, {
        token: await server.tokens.unit('an-phu'),
        body,
      });
      expectProblem(res, 422, 'POINTS_EXCEED_MAX');
    });
  });

  describe('413: too large', () => {
    it('a body over the size limit', async () => {
      const body = { ...openCycleBody(s, { clusterId: 'loi-413' }), clusterName: 'Cụm thi đua '.repeat(200_000) };
      expectProblem(await server.api.post('/cycles', { token: await server.tokens.province(), body }), 413);
    });
  });

  it('every refused command above appended nothing', async () => {
    const events = await readEvents(server.api, await server.tokens.auditor(), cycleId);
    expect(events).toHaveLength(eventsBefore);
    const cycles = await server.api.ok('GET', '/cycles', { token: await server.tokens.auditor() });
    expect(JSON.stringify(cycles.body)).not.toMatch(/loi-(401|413|missing-year)/);
  });

  describe('the vote and the nominations', () => {
    let vote: string;

    beforeAll(async () => {
      const { api, tokens } = server;
      vote = await openCycle(api, tokens, s, {
        clusterId: 'loi-vote',
        awards: [
          { kind: 'emulation-flag', quota: 1 },
          { kind: 'certificate-of-merit', quota: 2 },
        ],
      });
      // Registering is a condition of any award this year (CANDIDATE_NOT_ELIGIBLE otherwise): every unit registers.
      await openStep(api, leader, vote, 'registration');
      for (const unitId of unitIds) {
        await api.ok(
          'PUT',
          `/cycles/${vote}/units/${unitId}/registration`,
          { token: await tokens.unit(unitId), body: registrationBody(s, unitId) },
          `registration of ${unitId}`,
        );
      }
      await api.ok('POST', `/cycles/${vote}/steps/registration/close`, { token: leader, body: {} });
      await api.ok('POST', `/cycles/${vote}/steps/mid-year-review/open`, { token: leader, body: {} });
      await api.ok('POST', `/cycles/${vote}/steps/mid-year-review/close`, { token: leader, body: {} });
      await api.ok('POST', `/cycles/${vote}/steps/self-assessment/open`, { token: leader, body: {} });
      await selfAssessAll(api, tokens, s, vote, unitIds);
      // The lock needs every member's latest self-assessment accepted (SCORES_NOT_REVIEWED otherwise).
      for (const unitId of unitIds) {
        await api.ok(
          'POST',
          `/cycles/${vote}/units/${unitId}/self-assessment/accept`,
          { token: leader, body: {} },
          `accept self-assessment of ${unitId}`,
        );
      }
      await api.ok('POST', `/cycles/${vote}/steps/self-assessment/close`, { token: leader, body: {} });
      await api.ok('POST', `/cycles/${vote}/scores/lock`, { token: leader, body: {} });
      const candidates = { 'emulation-flag': ['an-phu', 'chau-thanh'], 'certificate-of-merit': ['cho-moi'] };
      await api.ok('POST', `/cycles/${vote}/steps/vote/open`, { token: leader, body: { candidates } });
      // Everyone approves both flag candidates and rejects Chợ Mới's certificate.
      const choices = {
        'emulation-flag': { 'an-phu': true, 'chau-thanh': true },
        'certificate-of-merit': { 'cho-moi': false },
      };
      for (const unitId of unitIds) {
        await api.ok(
          'POST',
          `/cycles/${vote}/ballots`,
          { token: await tokens.unit(unitId), body: { unitId, choices } },
          `ballot of ${unitId}`,
        );
      }
    }, 120_000);

    it('409: a second ballot from the same unit', async () => {
      const choices = {
        'emulation-flag': { 'an-phu': false, 'chau-thanh': false },
        'certificate-of-merit': { 'cho-moi': true },
      };
      const res = await server.api.post(`/cycles/${vote}/ballots`, {
        token: await server.tokens.unit('tri-ton'),
        body: { unitId: 'tri-ton', choices },
      });
      expectProblem(res, 409, 'ALREADY_VOTED');
    });

    describe('once the vote is closed', () => {
      beforeAll(async () => {
        await server.api.ok('POST', `/cycles/${vote}/steps/vote/close`, { token: leader, body: {} });
      });

      const dossier = [{ kind: 'minutes', ref: 'BB-01' }];

      it('422: more nominations for an award than its quota', async () => {
        const nominations = [
          { unitId: 'an-phu', award: 'emulation-flag' },
          { unitId: 'chau-thanh', award: 'emulation-flag' },
        ];
        const res = await server.api.post(`/cycles/${vote}/nominations`, {
          token: leader,
          body: { nominations, dossier },
        });
        expectProblem(res, 422, 'QUOTA_EXCEEDED');
      });

      it('422: a nomination for a candidate the vote did not pass', async () => {
        const nominations = [{ unitId: 'cho-moi', award: 'certificate-of-merit' }];
        const res = await server.api.post(`/cycles/${vote}/nominations`, {
          token: leader,
          body: { nominations, dossier },
        });
        expectProblem(res, 422, 'CANDIDATE_NOT_PASSED');
      });

      it('the nominations the vote allows are still accepted afterwards', async () => {
        const nominations = [{ unitId: 'an-phu', award: 'emulation-flag' }];
        const res = await server.api.post(`/cycles/${vote}/nominations`, {
          token: leader,
          body: { nominations, dossier },
        });
        expect({ ok: res.status >= 200 && res.status < 300, body: res.body }).toEqual({
          ok: true,
          body: expect.objectContaining({ position: expect.any(Number) }),
        });
      });
    });
  });
});

describe('429: throttled', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { THROTTLE_LIMIT: '5', THROTTLE_TTL_MS: '60000' } });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('answers 429 once a client goes over the limit', async () => {
    const token = await server.tokens.auditor();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await server.api.get('/cycles', { token }));
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expectProblem(answers[7]!, 429, 'TOO_MANY_REQUESTS');
  });
});
