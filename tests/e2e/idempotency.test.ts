/**
 * `Idempotency-Key`: the same key with the same body returns the first answer and appends
 * nothing; with another body, 422. Checked on the log itself (`/events` and the head position).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { expectProblem } from '../support/problems.js';
import { readEvents } from '../support/read-models.js';
import { loadScenario, openCycleBody, registrationBody, selfAssessmentBody } from '#scenario';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();

describe('Idempotency-Key', () => {
  let server: TestServer;
  let cycleId: string;
  let anPhu: string;

  const headPosition = async (): Promise<number> => {
    const health = await server.api.ok('GET', '/health');
    return (health.body as { eventStore: { headPosition: number } }).eventStore.headPosition;
  };
  const eventCount = async (minPosition: number) =>
    (await readEvents(server.api, await server.tokens.auditor(), cycleId, minPosition)).length;
  const selfAssess = (key: string, body: unknown) =>
    server.api.put(`/cycles/${cycleId}/units/an-phu/self-assessment`, { token: anPhu, idempotencyKey: key, body });

  beforeAll(async () => {
    server = await startTestServer();
    cycleId = await openCycle(server.api, server.tokens, s, { clusterId: 'idem' });
    await openStep(server.api, await server.tokens.leader(s.leaderUnitId), cycleId, 'self-assessment');
    anPhu = await server.tokens.unit('an-phu');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('a replayed command returns the first answer and appends nothing', async () => {
    const key = randomUUID();
    const first = await selfAssess(key, selfAssessmentBody(s, 'an-phu'));
    expect(first.status).toBe(200);
    const events = await eventCount(first.body.position);
    const head = await headPosition();

    const again = await selfAssess(key, selfAssessmentBody(s, 'an-phu'));
    expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
    expect(await eventCount(first.body.position)).toBe(events);
    expect(await headPosition()).toBe(head);
  });

  it('the same key with another body is refused with 422 and appends nothing', async () => {
    const key = randomUUID();
    const first = await selfAssess(key, selfAssessmentBody(s, 'an-phu'));
    expect(first.status).toBe(200);
    const events = await eventCount(first.body.position);
    const head = await headPosition();

    const other = { scores: [{ criterionId: 'C1.1', points: 1 }] };
    expectProblem(await selfAssess(key, other), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await eventCount(first.body.position)).toBe(events);
    expect(await headPosition()).toBe(head);
  });

  it('a key names one request of its caller: the same key on another route or another cycle is refused with 422, nothing appended', async () => {
    const key = randomUUID();
    const first = await selfAssess(key, selfAssessmentBody(s, 'an-phu'));
    expect(first.status).toBe(200);
    const head = await headPosition();
    const leader = await server.tokens.leader(s.leaderUnitId);
    // Another route of the same cycle.
    expectProblem(
      await server.api.put(`/cycles/${cycleId}/units/an-phu/registration`, {
        token: anPhu,
        idempotencyKey: key,
        body: registrationBody(s, 'an-phu'),
      }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    // The same body on the same route of another cycle.
    const other = await openCycle(server.api, server.tokens, s, { clusterId: 'idem-other' });
    await openStep(server.api, leader, other, 'self-assessment');
    const afterSetup = await headPosition();
    expectProblem(
      await server.api.put(`/cycles/${other}/units/an-phu/self-assessment`, {
        token: anPhu,
        idempotencyKey: key,
        body: selfAssessmentBody(s, 'an-phu'),
      }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(afterSetup).toBeGreaterThan(head);
    expect(await headPosition()).toBe(afterSetup);
    // Another caller may use the same key: keys are per caller.
    const officer = await server.tokens.unit('an-phu', 'officer-2-an-phu');
    expect(
      (
        await server.api.put(`/cycles/${other}/units/an-phu/self-assessment`, {
          token: officer,
          idempotencyKey: key,
          body: selfAssessmentBody(s, 'an-phu'),
        })
      ).status,
    ).toBe(200);
  });

  it('ids made from a key look exactly like random ones (UUID v4), so the log does not tell who sent a key', async () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const keyed = await selfAssess(randomUUID(), selfAssessmentBody(s, 'an-phu'));
    const unkeyed = await server.api.ok('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, {
      token: anPhu,
      body: selfAssessmentBody(s, 'an-phu'),
    });
    const events = await readEvents(server.api, await server.tokens.auditor(), cycleId, unkeyed.body.position);
    const ids = (position: number) =>
      events.filter((e) => e.position === position).map((e) => e.metadata as unknown as Record<string, string>);
    const [withKey] = ids(keyed.body.position);
    const [withoutKey] = ids(unkeyed.body.position);
    for (const metadata of [withKey!, withoutKey!]) {
      for (const field of ['eventId', 'commandId', 'correlationId', 'causationId'] as const)
        expect({ field, id: metadata[field] }).toEqual({ field, id: expect.stringMatching(v4) });
    }
    expect(withKey!['commandId']).not.toBe(withoutKey!['commandId']);
  });

  it('without a key, the same command is a new version each time', async () => {
    const before = await headPosition();
    const one = await server.api.ok('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, {
      token: anPhu,
      body: selfAssessmentBody(s, 'an-phu'),
    });
    const two = await server.api.ok('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, {
      token: anPhu,
      body: selfAssessmentBody(s, 'an-phu'),
    });
    expect(one.body.position).toBeGreaterThan(before);
    expect(two.body.position).toBeGreaterThan(one.body.position);
  });

  it('replaying the opening of a cycle returns its first 201, not a 409', async () => {
    const key = randomUUID();
    const province = await server.tokens.province();
    const body = openCycleBody(s, { clusterId: 'idem-open' });
    const first = await server.api.post('/cycles', { token: province, idempotencyKey: key, body });
    expect(first.status).toBe(201);
    const head = await headPosition();
    const again = await server.api.post('/cycles', { token: province, idempotencyKey: key, body });
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect(await headPosition()).toBe(head);
  });

  it('concurrent retries of one key append the command once', async () => {
    const key = randomUUID();
    const head = await headPosition();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => selfAssess(key, selfAssessmentBody(s, 'an-phu'))),
    );
    const succeeded = answers.filter((a) => a.status === 200);
    // A retry that arrives while the first is in flight may be told so (409), never run twice.
    for (const a of answers) expect([200, 409]).toContain(a.status);
    expect(succeeded.length).toBeGreaterThan(0);
    for (const a of succeeded) expect(a.body).toEqual(succeeded[0]!.body);
    const events = await readEvents(server.api, await server.tokens.auditor(), cycleId, succeeded[0]!.body.position);
    const appended = events.filter((e) => e.position > head);
    expect(appended).toHaveLength(1);
  });
});
