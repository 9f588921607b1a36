/**
 * Fuzz: thousands of random and malformed bodies on every command route of docs/api.md, sent with a
 * valid token of the route's role so that they reach validation and the deciders. Whatever a
 * client sends, the answer is never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { openCycle, openStep, selfAssessAll } from '../support/cycle-setup.js';
import type { ApiResponse, Method } from '#scenario';
import { loadScenario, midYearReportBody, openCycleBody, registrationBody, selfAssessmentBody } from '#scenario';
import { startTestServer, type TestServer } from '../support/test-server.js';
import type { Tokens } from '#scenario';

const s = loadScenario();
const RUNS_PER_ROUTE = 150;

interface CommandRoute {
  method: Method;
  /** `{c}` is the cycle, `{u}` a member unit. */
  path: string;
  as: (t: Tokens) => Promise<string>;
  /** A body the route accepts, that the fuzzer mutates. */
  valid: Record<string, unknown>;
}

const leader = (t: Tokens) => t.leader(s.leaderUnitId);
const unit = (t: Tokens) => t.unit('an-phu');
const province = (t: Tokens) => t.province();
const approver = (t: Tokens) => t.approver();
const choices = { 'emulation-flag': { 'an-phu': true }, 'certificate-of-merit': { 'chau-thanh': false } };

const ROUTES: CommandRoute[] = [
  { method: 'POST', path: '/cycles', as: province, valid: openCycleBody(s, { clusterId: 'fuzz-new' }) },
  { method: 'POST', path: '/cycles/{c}/steps/mid-year-review/open', as: leader, valid: {} },
  { method: 'POST', path: '/cycles/{c}/steps/self-assessment/close', as: leader, valid: { summary: 'Tổng kết' } },
  { method: 'POST', path: '/cycles/{c}/steps/registration/reopen', as: leader, valid: { reason: 'Bổ sung hồ sơ' } },
  {
    method: 'POST',
    path: '/cycles/{c}/steps/self-assessment/extend',
    as: province,
    valid: { due: '2030-12-31', unitId: 'an-phu', reason: 'Gia hạn' },
  },
  { method: 'PUT', path: '/cycles/{c}/units/{u}/registration', as: unit, valid: registrationBody(s, 'an-phu') },
  { method: 'PUT', path: '/cycles/{c}/units/{u}/mid-year-report', as: unit, valid: midYearReportBody(s, 'an-phu') },
  { method: 'PUT', path: '/cycles/{c}/units/{u}/self-assessment', as: unit, valid: selfAssessmentBody(s, 'an-phu') },
  { method: 'POST', path: '/cycles/{c}/units/{u}/self-assessment/accept', as: leader, valid: {} },
  { method: 'POST', path: '/cycles/{c}/units/{u}/mid-year-report/accept', as: leader, valid: { note: 'Đạt' } },
  {
    method: 'POST',
    path: '/cycles/{c}/units/{u}/registration/return',
    as: leader,
    valid: { reason: 'Thiếu chỉ tiêu' },
  },
  {
    method: 'POST',
    path: '/cycles/{c}/units/{u}/score-adjustments',
    as: leader,
    valid: { criterionId: 'C3.1', points: 9, reason: 'Thẩm định' },
  },
  { method: 'POST', path: '/cycles/{c}/scores/lock', as: leader, valid: {} },
  {
    method: 'POST',
    path: '/cycles/{c}/steps/vote/open',
    as: leader,
    valid: { candidates: s.vote.candidates, mode: 'electronic' },
  },
  { method: 'POST', path: '/cycles/{c}/ballots', as: unit, valid: { unitId: 'an-phu', choices } },
  { method: 'POST', path: '/cycles/{c}/steps/vote/close', as: leader, valid: { summary: 'Kiểm phiếu' } },
  {
    method: 'POST',
    path: '/cycles/{c}/tally',
    as: leader,
    valid: { present: 6, results: { 'emulation-flag': { 'an-phu': { approve: 6, reject: 0 } } }, minutesRef: 'BB-01' },
  },
  {
    method: 'POST',
    path: '/cycles/{c}/nominations',
    as: leader,
    valid: { nominations: s.expectedOutcome.nominations, dossier: [{ kind: 'minutes', ref: 'BB-01' }] },
  },
  { method: 'POST', path: '/cycles/{c}/nominations/accept', as: province, valid: {} },
  { method: 'POST', path: '/cycles/{c}/nominations/return', as: province, valid: { reason: 'Thiếu biên bản' } },
  {
    method: 'POST',
    path: '/cycles/{c}/decision',
    as: approver,
    valid: { decisionNo: '1/QĐ-UBND', issuedOn: '2021-04-20', signer: 'Chủ tịch', grants: s.decision.grants },
  },
  {
    method: 'POST',
    path: '/cycles/{c}/awards/{u}/emulation-flag/revoke',
    as: approver,
    valid: { reason: 'Sai phạm', decisionNo: '2/QĐ-UBND' },
  },
];

// ------------------------------------------------------------------ what a body can be

type Payload = { raw: string } | { json: unknown };

const anyValue = fc.anything({
  maxDepth: 4,
  withBigInt: false,
  stringUnit: 'binary',
  withNullPrototype: true,
  withSparseArray: true,
});
const weirdNumber = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -0,
  0.1 + 0.2,
  1e-320,
  2 ** 53,
  -1,
  18.000000001,
);
const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', 'Tri To\u0302n', '\ud800', '<script>', '../../etc/passwd', 'x'.repeat(10_000)),
);
const weird = fc.oneof(anyValue, weirdNumber, weirdString, fc.constant(null), fc.array(anyValue, { maxLength: 3 }));

/** A path into an object, with its container, so one value can be replaced, removed or added. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function mutate(
  valid: unknown,
  path: (string | number)[],
  op: 'replace' | 'remove' | 'add',
  replacement: unknown,
  extraKey: string,
): unknown {
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  if (path.length === 0)
    return op === 'add' && copy && typeof copy === 'object' ? { ...copy, [extraKey]: replacement } : replacement;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'replace') parent[last] = replacement;
  else if (op === 'remove' && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (op === 'remove') delete parent[last];
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last]))
    (parent[last] as Record<string, unknown>)[extraKey] = replacement;
  else parent[last] = { [extraKey]: replacement };
  return copy;
}

function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function payloads(valid: Record<string, unknown>): fc.Arbitrary<Payload> {
  const allPaths = paths(valid);
  return fc.oneof(
    // A valid body with one value replaced, removed, or an unknown key added.
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...allPaths),
          fc.constantFrom('replace', 'remove', 'add') as fc.Arbitrary<'replace' | 'remove' | 'add'>,
          weird,
          fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        )
        .map(([p, op, v, k]) => ({ json: mutate(valid, p, op, v, k) })),
    },
    // Anything at all.
    { weight: 2, arbitrary: weird.map((json) => ({ json })) },
    // Text that may not be JSON, or JSON with values JSON.stringify cannot produce.
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((raw) => ({ raw })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"scores": [',
          'null',
          '""',
          '[]',
          'true',
          '1e999',
          '{"scores":[{"criterionId":"C1.1","points":1e999}]}',
          '{"__proto__":{"polluted":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
          '{"a":1,"a":2}',
          '\uFEFF{}',
        )
        .map((raw) => ({ raw })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 50, max: 20_000 }),
          fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
        )
        .map(([d, k]) => ({ raw: deeplyNested(d, k) })),
    },
  );
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
);

describe('fuzzing every command route', () => {
  let server: TestServer;
  let cycleId: string;
  const fiveHundreds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const { api, tokens } = server;
    cycleId = await openCycle(api, tokens, s, { clusterId: 'fuzz' });
    await openStep(api, await tokens.leader(s.leaderUnitId), cycleId, 'self-assessment');
    await selfAssessAll(
      api,
      tokens,
      s,
      cycleId,
      s.units.map((u) => u.id),
    );
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const send = async (
    route: CommandRoute,
    payload: Payload,
    contentType: string,
    key: string | undefined,
  ): Promise<ApiResponse> => {
    const path = route.path.replace('{c}', cycleId).replace('{u}', 'an-phu');
    const json = 'json' in payload ? JSON.stringify(payload.json) : undefined;
    try {
      return await server.api.send(route.method, path, {
        token: await route.as(server.tokens),
        rawBody: 'raw' in payload ? payload.raw : (json ?? ''),
        contentType,
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
    } catch (error) {
      // No answer at all is worse than a 5xx: say what the server printed before it went away.
      throw new Error(
        `${route.method} ${path} got no answer (${(error as Error).message}); server output:\n${server.child.output().slice(-3000)}`,
        {
          cause: error,
        },
      );
    }
  };

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s never answers 5xx',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          payloads(route.valid),
          contentTypes,
          fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined }),
          async (payload, contentType, key) => {
            const res = await send(route, payload, contentType, key);
            if (res.status >= 500) {
              // The whole payload and what the server logged: enough to reproduce it without the seed.
              fiveHundreds.push(
                `${res.request} ${JSON.stringify(payload)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}\nserver: ${server.child.output().slice(-2000)}`,
              );
            }
            return res.status < 500;
          },
        ),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    },
    300_000,
  );

  it('random path segments on the command routes never answer 5xx', async () => {
    const segment = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
      fc.constantFrom('..', '%', '%00', 'a'.repeat(500), 'an-phu', 'emulation-flag'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES.slice(1)), segment, segment, async (route, c, u) => {
        const path = route.path.replace('{c}', encodeURIComponent(c)).replace('{u}', encodeURIComponent(u));
        const res = await server.api.send(route.method, path, {
          token: await route.as(server.tokens),
          body: route.valid,
        });
        if (res.status >= 500)
          fiveHundreds.push(`${res.request} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return res.status < 500;
      }),
      { numRuns: 300, endOnFailure: true },
    );
  }, 300_000);

  it('no answer of the whole run was a 5xx', () => {
    expect(fiveHundreds).toEqual([]);
  });

  it('the server still answers after the fuzzing', async () => {
    expect((await server.api.get('/health')).status).toBe(200);
  });
});
