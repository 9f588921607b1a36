/**
 * `Idempotency-Key`: the same key with the same body returns the first answer and appends
 * nothing; with another body, 422. Checked on the log itself (`/events` and the head position).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { expectProblem } from '../support/problems.js';
import { readEvents } from '../support/read-models.js';
import { loadScenario, openCycleBody, selfAssessmentBody } from '#scenario';
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
  const eventCount = async (minPosition: number) => (await readEvents(server.api, await server.tokens.auditor(), cycleId, minPosition)).length;
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

  it('without a key, the same command is a new version each time', async () => {
    const before = await headPosition();
    const one = await server.api.ok('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, { token: anPhu, body: selfAssessmentBody(s, 'an-phu') });
    const two = await server.api.ok('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, { token: anPhu, body: selfAssessmentBody(s, 'an-phu') });
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
    const answers = await Promise.all(Array.from({ length: 12 }, () => selfAssess(key, selfAssessmentBody(s, 'an-phu'))));
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
