import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('hides credentials carried in query parameters and keeps the rest', () => {
    expect(redactUrl('/api/v1/cycles?access_token=eyJhbGciOi.abc.def&year=2020')).toBe(
      '/api/v1/cycles?access_token=[redacted]&year=2020',
    );
    expect(redactUrl('/api/v1/auth/oidc/callback?code=SplxlOBe&state=af0ifjsldkj')).toBe(
      '/api/v1/auth/oidc/callback?code=[redacted]&state=af0ifjsldkj',
    );
    expect(redactUrl('/x?year=2020&ID_TOKEN=a.b.c#frag')).toBe('/x?year=2020&ID_TOKEN=[redacted]#frag');
    expect(redactUrl('/api/v1/cycles?clusterId=access_token')).toBe('/api/v1/cycles?clusterId=access_token');
  });
});
