import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { LIMITS } from '#domain';
import { startTestServer, type TestServer } from '../../../../tests/support/test-server.js';

describe('GET /health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => server?.close());

  it('says the event store is up, at /health and /api/v1/health, without a token', async () => {
    for (const path of ['/health', '/api/v1/health']) {
      const res = await server.api.get(path);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: expect.stringMatching(/^(ok|degraded)$/),
        eventStore: { status: 'up' },
      });
    }
  });

  it('answers with its request ids and its own time (Server-Timing)', async () => {
    const res = await server.api.get('/api/v1/health', { headers: { 'x-correlation-id': 'from-the-client-1' } });
    expect(res.headers.get('x-correlation-id')).toBe('from-the-client-1');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d)?$/);
  });

  it('serves the OpenAPI document with bearer auth at /docs-json and the UI at /docs', async () => {
    const doc = await server.api.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await server.api.get('/docs');
    expect(ui.status).toBe(200);
  });

  it("advertises the domain's limits (LIMITS) in the OpenAPI document, as the DTOs enforce them", async () => {
    const { schemas } = (await server.api.get('/docs-json')).body.components;
    expect(schemas.ScoreLineDto.properties.evidence.maxLength).toBe(LIMITS.text);
    expect(schemas.MidYearReportDto.properties.summary.maxLength).toBe(LIMITS.text);
    expect(schemas.TargetDto.properties.target).toMatchObject({ minimum: 0, maximum: LIMITS.quantity });
    expect(schemas.SubmitNominationsDto.properties.nominations.maxItems).toBe(LIMITS.nominations);
    expect(schemas.OpenCycleDto.properties.year).toMatchObject({ minimum: LIMITS.yearMin, maximum: LIMITS.yearMax });
  });
});
