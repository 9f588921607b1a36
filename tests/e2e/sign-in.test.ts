/**
 * Signing in end to end: accounts made with the accounts command (the built script, on the
 * server's DATA_DIR), sessions over real HTTP with the cookies a browser keeps, two API processes
 * on one DATA_DIR (a session made on one works on the other, a logout on one ends it on both).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, openCycleBody } from '#scenario';
import { addAccount, runAccounts } from '../support/accounts-cli.js';
import { BrowserSession } from '../support/browser-session.js';
import { expectProblem } from '../support/problems.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const PASSWORD = 'mật-khẩu-đủ-dài-2020';
const ENV = {
  TRUST_PROXY: 'loopback',
  LOGIN_MAX_FAILURES: '3',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
  LOGIN_FAILURE_WINDOW_MS: '600000',
};

describe('sign-in with local accounts, on two API processes over one DATA_DIR', () => {
  const dataDir = makeDataDir();
  let a: TestServer;
  let b: TestServer;
  /** Each test signs in from its own client address, so address limits of one do not spill into another. */
  let nextAddress = 10;
  const from = () => ({ 'x-forwarded-for': `198.51.100.${nextAddress++}` });

  beforeAll(async () => {
    addAccount(dataDir, 'ban-tdkt', PASSWORD, {
      roles: ['province'],
      province: s.province.id,
      name: 'Ban Thi đua – Khen thưởng',
    });
    addAccount(dataDir, 'kiem-toan', PASSWORD, { roles: ['auditor'], province: s.province.id });
    addAccount(dataDir, 'an-phu', PASSWORD, { roles: ['unit'], unit: 'an-phu', province: s.province.id });
    a = await startTestServer({ dataDir, env: ENV });
    b = await startTestServer({ dataDir, env: ENV });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the accounts command', () => {
    it('refuses with exit codes a script can test: usage 2, taken 3, unknown account 4', () => {
      const taken = runAccounts(
        dataDir,
        ['add', '--username', 'ban-tdkt', '--name', 'X', '--role', 'province', '--province', 'an-giang'],
        PASSWORD,
      );
      expect([taken.status, taken.stderr]).toEqual([3, expect.stringContaining('đã có')]);
      const role = runAccounts(
        dataDir,
        ['add', '--username', 'moi', '--name', 'X', '--role', 'boss', '--province', 'an-giang'],
        PASSWORD,
      );
      expect([role.status, role.stderr]).toEqual([2, expect.stringContaining('Vai trò không hợp lệ: boss')]);
      const unit = runAccounts(
        dataDir,
        ['add', '--username', 'moi', '--name', 'X', '--role', 'leader', '--province', 'an-giang'],
        PASSWORD,
      );
      expect([unit.status, unit.stderr]).toEqual([2, expect.stringContaining('--unit')]);
      const short = runAccounts(
        dataDir,
        ['add', '--username', 'moi', '--name', 'X', '--role', 'auditor', '--province', 'an-giang'],
        'ngan',
      );
      expect([short.status, short.stderr]).toEqual([2, expect.stringContaining('Mật khẩu')]);
      const missing = runAccounts(dataDir, ['disable', '--username', 'khong-co']);
      expect([missing.status, missing.stderr]).toEqual([4, expect.stringContaining('khong-co')]);
      const verb = runAccounts(dataDir, ['remove', '--username', 'ban-tdkt']);
      expect(verb.status).toBe(2);
      const list = runAccounts(dataDir, ['list', '--json']);
      const listed = list.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(listed.map((r) => r['username'])).toEqual(['an-phu', 'ban-tdkt', 'kiem-toan']);
      expect(list.stdout).not.toMatch(/scrypt|passwordHash/);
    }, 120_000);
  });

  it('signs in: the caller, an HttpOnly SameSite=Lax session cookie and a script-readable SameSite=Strict CSRF cookie', async () => {
    const browser = new BrowserSession(a.url);
    const res = await browser.login('ban-tdkt', PASSWORD, from());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sub: 'ban-tdkt',
      name: 'Ban Thi đua – Khen thưởng',
      roles: ['province'],
      provinceId: 'an-giang',
    });
    const session = browser.lastSetCookies.find((c) => c.startsWith('thidua_session='))!;
    const csrf = browser.lastSetCookies.find((c) => c.startsWith('thidua_csrf='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/; Secure/); // plain HTTP here
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Strict/);
    expect((await browser.send('GET', '/me')).body).toEqual(res.body);
  });

  it('marks the cookies Secure when the request came over HTTPS through a trusted proxy', async () => {
    const browser = new BrowserSession(a.url);
    const res = await browser.login('ban-tdkt', PASSWORD, { ...from(), 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(browser.lastSetCookies.every((c) => /; Secure/.test(c))).toBe(true);
  });

  it('the cookie works on the routes its roles allow and on no other', async () => {
    const browser = new BrowserSession(a.url);
    await browser.login('ban-tdkt', PASSWORD, from());
    const opened = await browser.send('POST', '/cycles', { body: openCycleBody(s, { clusterId: 'dang-nhap' }) });
    expect(opened.status).toBe(201);
    const cycleId = (opened.body as { cycleId: string }).cycleId;
    expect((await browser.send('GET', `/cycles/${cycleId}`)).status).toBe(200);
    expectProblem(await browser.send('GET', `/audit/verify?cycleId=${cycleId}`), 403, 'FORBIDDEN_ROLE');
    expectProblem(
      await browser.send('POST', `/cycles/${cycleId}/steps/registration/open`, { body: {} }),
      403,
      'FORBIDDEN_ROLE',
    );
    const auditor = new BrowserSession(a.url);
    await auditor.login('kiem-toan', PASSWORD, from());
    expect((await auditor.send('GET', `/audit/verify?cycleId=${cycleId}`)).status).toBe(200);
    expectProblem(
      await auditor.send('POST', '/cycles', { body: openCycleBody(s, { clusterId: 'kiem-toan-mo' }) }),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('a state-changing request by cookie needs the CSRF token and the same origin; nothing is appended otherwise', async () => {
    const browser = new BrowserSession(a.url);
    await browser.login('ban-tdkt', PASSWORD, from());
    const body = openCycleBody(s, { clusterId: 'gia-mao' });
    expectProblem(await browser.send('POST', '/cycles', { body, csrf: false }), 403, 'CSRF_REJECTED');
    expectProblem(await browser.send('POST', '/cycles', { body, csrf: 'not-the-token' }), 403, 'CSRF_REJECTED');
    expectProblem(
      await browser.send('POST', '/cycles', { body, headers: { origin: 'https://evil.example' } }),
      403,
      'CSRF_REJECTED',
    );
    expectProblem(
      await browser.send('POST', '/cycles', { body, headers: { 'sec-fetch-site': 'cross-site' } }),
      403,
      'CSRF_REJECTED',
    );
    // Another session's token (its cookie set by an attacker) does not fit this session.
    const other = new BrowserSession(a.url);
    await other.login('ban-tdkt', PASSWORD, from());
    const foreign = other.cookies.get('thidua_csrf')!;
    browser.cookies.set('thidua_csrf', foreign);
    expectProblem(await browser.send('POST', '/cycles', { body }), 403, 'CSRF_REJECTED');
    expectProblem(await browser.send('GET', '/cycles/gia-mao-2020'), 404, 'CYCLE_NOT_FOUND');
    // A bearer client is unaffected: no token header, no cookie.
    const bearer = await a.api.send('POST', '/cycles', { token: await a.tokens.province(), body });
    expect(bearer.status).toBe(201);
    // Reads need no token; the own origin passes.
    expect(
      (
        await other.send('POST', '/cycles', {
          body: openCycleBody(s, { clusterId: 'cung-nguon' }),
          headers: { origin: a.url },
        })
      ).status,
    ).toBe(201);
  });

  it('sign-in checks Origin too', async () => {
    const browser = new BrowserSession(a.url);
    expectProblem(
      await browser.login('ban-tdkt', PASSWORD, { ...from(), origin: 'https://evil.example' }),
      403,
      'CSRF_REJECTED',
    );
    expect(browser.cookies.size).toBe(0);
  });

  it('answers INVALID_CREDENTIALS alike for an unknown user, a wrong password and a disabled account', async () => {
    const unknown = await new BrowserSession(a.url).login('khong-ai-ca', PASSWORD, from());
    const wrong = await new BrowserSession(a.url).login('an-phu', 'sai-mat-khau-roi', from());
    const p1 = expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    const p2 = expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
    expect(p1).toEqual(p2);
    expect(unknown.headers.getSetCookie()).toEqual([]);
  });

  it('a session made on one instance works on the other; logout on one ends it on both, server-side', async () => {
    const browser = new BrowserSession(a.url);
    await browser.login('an-phu', PASSWORD, from());
    const kept = new Map(browser.cookies);
    expect((await browser.moveTo(b.url).send('GET', '/me')).body).toEqual(
      expect.objectContaining({ sub: 'an-phu', unitId: 'an-phu' }),
    );
    const out = await browser.send('POST', '/auth/logout');
    expect(out.status).toBe(204);
    expect(browser.cookies.size).toBe(0);
    // The old cookies, replayed, no longer open anything on either instance.
    const replay = new BrowserSession(a.url);
    for (const [k, v] of kept) replay.cookies.set(k, v);
    expectProblem(await replay.send('GET', '/me'), 401, 'SESSION_EXPIRED');
    expectProblem(await replay.moveTo(b.url).send('GET', '/me'), 401, 'SESSION_EXPIRED');
  });

  it('disabling an account ends its sessions; roles changed apply to a live session at once', async () => {
    addAccount(dataDir, 'tam-thoi', PASSWORD, { roles: ['auditor'], province: s.province.id });
    const browser = new BrowserSession(a.url);
    expect((await browser.login('tam-thoi', PASSWORD, from())).status).toBe(200);
    expect(
      runAccounts(dataDir, [
        'set-roles',
        '--username',
        'tam-thoi',
        '--role',
        'approver',
        '--province',
        'an-giang',
        '--reason',
        'chuyển công tác',
      ]).status,
    ).toBe(0);
    expect((await browser.send('GET', '/me')).body).toEqual(expect.objectContaining({ roles: ['approver'] }));
    const beforeDisable = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    expect(
      runAccounts(dataDir, ['disable', '--username', 'tam-thoi', '--reason', 'nghỉ hưu', '--by', 'nguyen-quan-tri'])
        .status,
    ).toBe(0);
    expectProblem(await browser.moveTo(b.url).send('GET', '/me'), 401, 'SESSION_EXPIRED');
    expectProblem(await new BrowserSession(a.url).login('tam-thoi', PASSWORD, from()), 401, 'INVALID_CREDENTIALS');
    expect(runAccounts(dataDir, ['enable', '--username', 'tam-thoi']).status).toBe(0);
    expect((await new BrowserSession(b.url).login('tam-thoi', PASSWORD, from())).status).toBe(200);

    // The auditor reads who did what to the account, when and why, from the log; never a password.
    const auditor = new BrowserSession(a.url);
    await auditor.login('kiem-toan', PASSWORD, from());
    const history = await auditor.send('GET', `/audit/accounts?asOf=${beforeDisable}`);
    expect(history.status).toBe(200);
    const mine = (
      history.body as { entries: { username: string; type: string; by: string; reason?: string; roles?: string[] }[] }
    ).entries.filter((e) => e.username === 'tam-thoi');
    expect(mine.map((e) => [e.type, e.reason ?? null])).toEqual([
      ['AccountGranted', null],
      ['AccountRolesChanged', 'chuyển công tác'],
      ['AccountDisabled', 'nghỉ hưu'],
      ['AccountEnabled', null],
    ]);
    expect(mine[1]!.roles).toEqual(['approver']);
    expect(mine[2]!.by).toBe('nguyen-quan-tri');
    const then = (
      history.body as { accounts: { username: string; roles: string[]; disabled: boolean }[] }
    ).accounts.find((x) => x.username === 'tam-thoi');
    expect(then).toEqual(expect.objectContaining({ roles: ['approver'], disabled: false }));
    expect(JSON.stringify(history.body)).not.toMatch(/scrypt|password/i);
    expectProblem(await browser.moveTo(a.url).send('GET', '/audit/accounts'), 401, 'SESSION_EXPIRED');
  }, 120_000);

  it('repeated failures for one username answer 429 with Retry-After, counted across both instances', async () => {
    addAccount(dataDir, 'bi-do', PASSWORD, { roles: ['auditor'], province: s.province.id });
    const statuses: number[] = [];
    for (const server of [a, b, a])
      statuses.push((await new BrowserSession(server.url).login('bi-do', 'sai-mat-khau-roi', from())).status);
    expect(statuses).toEqual([401, 401, 401]);
    const locked = await new BrowserSession(b.url).login('bi-do', PASSWORD, from()); // even the right password
    expectProblem(locked, 429, 'LOGIN_THROTTLED');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // Another username is not locked by it.
    expect((await new BrowserSession(a.url).login('kiem-toan', PASSWORD, from())).status).toBe(200);
  });

  it('repeated failures from one client address answer 429 whatever the username', async () => {
    const address = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 8; i++)
      expectProblem(
        await new BrowserSession(i % 2 ? a.url : b.url).login(`doan-${i}`, 'sai-mat-khau-roi', address),
        401,
        'INVALID_CREDENTIALS',
      );
    const res = await new BrowserSession(a.url).login('kiem-toan', PASSWORD, address);
    expectProblem(res, 429, 'LOGIN_THROTTLED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await new BrowserSession(a.url).login('kiem-toan', PASSWORD, from())).status).toBe(200);
  });

  it('GET /auth/options says whether OIDC is offered; GET /me answers a bearer caller too', async () => {
    expect((await a.api.get('/auth/options')).body).toEqual({ oidc: false });
    const me = await a.api.get('/me', { token: await a.tokens.unit('an-phu') });
    expect(me.body).toEqual({
      sub: 'officer-an-phu',
      name: 'Cán bộ thi đua (an-phu)',
      roles: ['unit'],
      unitId: 'an-phu',
      provinceId: 'an-giang',
    });
    expectProblem(await a.api.get('/me'), 401, 'UNAUTHENTICATED');
  });
});
