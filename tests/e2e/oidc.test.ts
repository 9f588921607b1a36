/**
 * Signing in through OIDC against a real OpenID provider (oidc-provider, certified) started here:
 * the API's authorization-code flow with PKCE from /auth/oidc/login to the callback, followed as a
 * browser follows redirects (one cookie jar per origin), ends in the same session cookie as a
 * local sign-in; the provider's own JWT access tokens work as bearer tokens through AUTH_JWKS_URL.
 * The API is reached at a public origin (http://thidua.test) that the test maps to the server,
 * as a reverse proxy would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, openCycleBody } from '#scenario';
import { send } from '../support/browser-session.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const PUBLIC = 'http://thidua.test';

/** A browser: cookies per origin, redirects followed by hand, the public origin mapped to the server. */
class Browser {
  readonly jars = new Map<string, Map<string, string>>();
  constructor(private readonly api: string) {}

  jar(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    const target = new URL(url);
    const origin = target.origin;
    const real = origin === PUBLIC ? new URL(target.pathname + target.search, this.api) : target;
    const jar = this.jar(origin);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (origin === PUBLIC) headers['x-forwarded-host'] = 'thidua.test';
    const res = await send(real, init.method ?? 'GET', headers, init.body);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('=')).trim();
      const value = pair!.slice(pair!.indexOf('=') + 1).trim();
      if (value === '' || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** GETs `url` and follows redirects; answers every hop and the last answer. */
  async follow(url: string) {
    const hops: string[] = [url];
    let res = await this.request(url);
    while ([301, 302, 303, 307].includes(res.status) && hops.length < 20) {
      const next = new URL(res.headers.get('location')!, hops[hops.length - 1]).href;
      hops.push(next);
      res = await this.request(next);
    }
    return { res, hops };
  }
}

describe('OIDC sign-in against a real provider', () => {
  let provider: TestOidcProvider;
  let server: TestServer;

  beforeAll(async () => {
    provider = await startOidcProvider({
      redirectUri: `${PUBLIC}/api/v1/auth/oidc/callback`,
      service: { name: 'Hệ thống báo cáo', roles: ['auditor'], provinceId: 'an-giang' },
    });
    server = await startTestServer({
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.webClient.id,
        OIDC_CLIENT_SECRET: provider.webClient.secret,
        OIDC_SCOPES: 'openid profile thidua',
        OIDC_REDIRECT_URI: `${PUBLIC}/api/v1/auth/oidc/callback`,
        AUTH_JWKS_URL: provider.jwksUrl,
        TRUST_PROXY: 'loopback',
      },
    });
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  it('offers OIDC', async () => {
    expect((await server.api.get('/auth/options')).body).toEqual({ oidc: true });
  });

  it('the authorization-code flow with PKCE ends in a session cookie for the mapped caller, and the cookie works', async () => {
    provider.signInAs({ sub: 'nguyen-van-a', name: 'Nguyễn Văn A', roles: ['province'], provinceId: 'an-giang' });
    const browser = new Browser(server.url);
    const { res, hops } = await browser.follow(`${PUBLIC}/api/v1/auth/oidc/login`);
    // To the provider with a PKCE challenge, back to the callback with a code, then home.
    const authorize = new URL(hops[1]!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC}/api/v1/auth/oidc/callback`);
    expect(hops.some((h) => h.startsWith(`${PUBLIC}/api/v1/auth/oidc/callback?code=`))).toBe(true);
    expect(hops[hops.length - 1]).toBe(`${PUBLIC}/`);
    expect(res.status).not.toBe(500);
    const jar = browser.jar(PUBLIC);
    expect(jar.has('thidua_session')).toBe(true);
    expect(jar.has('thidua_oidc')).toBe(false); // the flow's cookie is spent

    const me = await browser.request(`${PUBLIC}/api/v1/me`);
    expect(JSON.parse(me.text)).toEqual({
      sub: 'nguyen-van-a',
      name: 'Nguyễn Văn A',
      roles: ['province'],
      provinceId: 'an-giang',
    });
    const opened = await browser.request(`${PUBLIC}/api/v1/cycles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': jar.get('thidua_csrf')!, origin: PUBLIC },
      body: JSON.stringify(openCycleBody(s, { clusterId: 'oidc' })),
    });
    expect([opened.status, opened.text]).toEqual([201, expect.stringContaining('"cycleId":"oidc-2020"')]);
  });

  it("refuses a callback without the flow that started it (state, nonce and verifier are the login request's)", async () => {
    provider.signInAs({ sub: 'tran-thi-b', name: 'Trần Thị B', roles: ['auditor'], provinceId: 'an-giang' });
    const browser = new Browser(server.url);
    const { hops } = await browser.follow(`${PUBLIC}/api/v1/auth/oidc/login`);
    const callback = hops.find((h) => h.startsWith(`${PUBLIC}/api/v1/auth/oidc/callback?`))!;
    // The same code replayed by someone without the login's cookie.
    const stranger = new Browser(server.url);
    const res = await stranger.request(callback);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text).code).toBe('OIDC_FAILED');
    expect(stranger.jar(PUBLIC).has('thidua_session')).toBe(false);
  });

  it("the provider's JWT access tokens work as bearer tokens through AUTH_JWKS_URL; the server's own HS256 tokens no longer do", async () => {
    const token = await provider.serviceToken();
    const me = await server.api.get('/me', { token });
    expect(me.body).toEqual({
      sub: provider.serviceClient.id,
      name: 'Hệ thống báo cáo',
      roles: ['auditor'],
      provinceId: 'an-giang',
    });
    expect((await server.api.get('/cycles', { token })).status).toBe(200);
    expectProblem(await server.api.get('/cycles', { token: await server.tokens.auditor() }), 401, 'INVALID_TOKEN');
  });
});
