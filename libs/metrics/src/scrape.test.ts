import { afterEach, describe, expect, it } from '@jest/globals';
import { Counter, register } from 'prom-client';
import { parseMetrics, valueOf } from '../../../tests/support/metrics.js';
import { CommandMetrics } from './command-metrics.js';
import { createMetricsRegistry } from './registry.js';
import { bearerMatches, serveMetrics, type MetricsServer } from './scrape.js';

const TOKEN = 'metrics-token-for-tests-0123';

describe('bearerMatches', () => {
  it('takes exactly the token, after "Bearer" in any case', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
  });
});

describe('serveMetrics', () => {
  const servers: MetricsServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('answers GET /metrics with the token only, in the Prometheus text format', async () => {
    const registry = createMetricsRegistry({ defaults: true });
    new Counter({ name: 'thidua_test_total', help: 'a test counter', registers: [registry] }).inc(3);
    const server = await serveMetrics({ registry, token: TOKEN, port: 0, host: '127.0.0.1' });
    servers.push(server);
    const url = `http://127.0.0.1:${server.port}`;

    const none = await fetch(`${url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${url}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const post = await fetch(`${url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(post.status).toBe(405);

    const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseMetrics(await ok.text());
    expect(valueOf(samples, 'thidua_test_total')).toBe(3);
    // Node's process metrics (collectDefaultMetrics) are there too.
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('one registry per app', () => {
  it('two apps in one process count apart: nothing lands in the other or in the global registry', async () => {
    const first = createMetricsRegistry({ defaults: false });
    const second = createMetricsRegistry({ defaults: false });
    const a = new CommandMetrics(first);
    new CommandMetrics(second);
    a.start().done('OpenCycle', { outcome: 'ok' });
    a.start().done('OpenStep', { outcome: 'refused', code: 'STEP_ALREADY_OPEN' });
    const samples = parseMetrics(await first.metrics());
    expect(valueOf(samples, 'thidua_commands_total', { type: 'OpenCycle', outcome: 'ok', code: '' })).toBe(1);
    expect(
      valueOf(samples, 'thidua_commands_total', { type: 'OpenStep', outcome: 'refused', code: 'STEP_ALREADY_OPEN' }),
    ).toBe(1);
    expect(valueOf(samples, 'thidua_command_duration_seconds_count', { type: 'OpenStep', outcome: 'refused' })).toBe(1);
    const other = parseMetrics(await second.metrics());
    expect(other.filter((s) => s.name.startsWith('thidua_commands_total'))).toEqual([]);
    expect(
      valueOf(other, 'thidua_command_duration_seconds_count', { type: 'OpenCycle', outcome: 'ok' }),
    ).toBeUndefined();
    expect(register.getMetricsAsArray().filter((m) => m.name.startsWith('thidua_'))).toEqual([]);
  });
});
