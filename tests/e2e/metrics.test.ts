/**
 * GET /metrics of the API (Prometheus text): absent without METRICS_TOKEN, 401 without that token,
 * and, around a few commands (two refused by business rules, one refused by validation before it is
 * a command), counters and latency histograms that move by exactly those commands, and read models
 * that reached the last command's position.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, registrationBody, selfAssessmentBody, type ApiResponse } from '#scenario';
import { openCycle } from '../support/cycle-setup.js';
import { parseMetrics, scrape, valueOf, type Sample } from '../support/metrics.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const METRICS_TOKEN = 'metrics-token-of-the-e2e-test-0123456789';

describe('GET /metrics', () => {
  let server: TestServer;
  let closed: TestServer;

  beforeAll(async () => {
    [server, closed] = await Promise.all([startTestServer({ env: { METRICS_TOKEN } }), startTestServer()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([server?.close(), closed?.close()]);
  });

  it('does not exist without METRICS_TOKEN: 404, token or not', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${METRICS_TOKEN}` }];
    for (const headers of attempts) {
      const res = await fetch(`${closed.url}/metrics`, { headers });
      expect(res.status).toBe(404);
    }
  });

  it('answers 401 without the token or with another one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer another-token-of-enough-length' },
      { authorization: METRICS_TOKEN },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('counts each command once by type and outcome, times it, and shows the read models at its position', async () => {
    const metricsUrl = `${server.url}/metrics`;
    const before = await scrape(metricsUrl, METRICS_TOKEN);
    const province = await server.tokens.province();
    const leader = await server.tokens.leader(s.leaderUnitId);
    const unit = await server.tokens.unit('chau-thanh');

    const cycleId = await openCycle(server.api, server.tokens, s, { clusterId: 'metrics' });
    const c = `/cycles/${cycleId}`;
    await server.api.ok('POST', `${c}/steps/registration/open`, { token: leader, body: {} });
    const registered = await server.api.ok('PUT', `${c}/units/chau-thanh/registration`, {
      token: unit,
      body: registrationBody(s, 'chau-thanh'),
    });
    // Two refused by the domain's rules...
    expectProblem(
      await server.api.post(`${c}/steps/registration/open`, { token: leader, body: {} }),
      409,
      'STEP_ALREADY_OPEN',
    );
    expectProblem(
      await server.api.put(`${c}/units/chau-thanh/self-assessment`, {
        token: unit,
        body: selfAssessmentBody(s, 'chau-thanh'),
      }),
      409,
      'STEP_NOT_OPEN',
    );
    // ...and one refused by validation: it never became a command, so it is not counted.
    expectProblem(await server.api.post('/cycles', { token: province, body: {} }), 400, 'VALIDATION_FAILED');
    const position = (registered as ApiResponse<{ position: number }>).body.position;
    // Read-your-writes first, so that the scrape sees the read models at the command's position.
    await server.api.ok('GET', c, { token: leader, query: { minPosition: position } });
    const after = await scrape(metricsUrl, METRICS_TOKEN);

    const moved = (name: string, labels: Record<string, string>) =>
      (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
    const expected = [
      { type: 'OpenCycle', outcome: 'ok', code: '' },
      { type: 'OpenStep', outcome: 'ok', code: '' },
      { type: 'SubmitRegistration', outcome: 'ok', code: '' },
      { type: 'OpenStep', outcome: 'refused', code: 'STEP_ALREADY_OPEN' },
      { type: 'SubmitSelfAssessment', outcome: 'refused', code: 'STEP_NOT_OPEN' },
    ];
    for (const labels of expected)
      expect({ labels, moved: moved('thidua_commands_total', labels) }).toEqual({ labels, moved: 1 });
    expect(total(after, 'thidua_commands_total') - total(before, 'thidua_commands_total')).toBe(expected.length);

    const timed = [
      { type: 'OpenCycle', outcome: 'ok', moved: 1 },
      { type: 'OpenStep', outcome: 'ok', moved: 1 },
      { type: 'OpenStep', outcome: 'refused', moved: 1 },
      { type: 'SubmitRegistration', outcome: 'ok', moved: 1 },
      { type: 'SubmitSelfAssessment', outcome: 'refused', moved: 1 },
    ];
    for (const { type, outcome, moved: n } of timed) {
      const labels = { type, outcome };
      expect({ labels, count: moved('thidua_command_duration_seconds_count', labels) }).toEqual({ labels, count: n });
      expect(moved('thidua_command_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(n);
      expect(moved('thidua_command_duration_seconds_sum', labels)).toBeGreaterThan(0);
    }
    expect(
      total(after, 'thidua_command_duration_seconds_count') - total(before, 'thidua_command_duration_seconds_count'),
    ).toBe(expected.length);

    // Nothing else writes to this server's log: the last command is the store's head.
    expect(valueOf(after, 'thidua_read_model_position')).toBe(position);
    expect(valueOf(after, 'thidua_event_store_head_position')).toBe(position);
    expect(valueOf(after, 'thidua_read_model_lag_events')).toBe(0);
    expect(valueOf(after, 'thidua_read_model_rebuilding')).toBe(0);
    // Node's process metrics come with them.
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is the Prometheus text format, not the web app', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE thidua_commands_total counter');
    expect(text).toContain('# TYPE thidua_command_duration_seconds histogram');
    expect(parseMetrics(text).length).toBeGreaterThan(0);
  });
});

/** The sum of every series of `name`. */
function total(samples: Sample[], name: string): number {
  return samples.filter((sample) => sample.name === name).reduce((sum, sample) => sum + sample.value, 0);
}
