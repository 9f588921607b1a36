/**
 * Each province its own, over real HTTP. Two cycles of two provinces with the SAME unit ids (and
 * the same leader unit), plus a second cluster of the first province. Every route of the API is
 * called on the first province's cycle by callers of the other province, of the other cluster and
 * of a unit outside the cycle: each is refused (404 CYCLE_NOT_FOUND where the role may call the
 * route, so ids do not leak; 403 where the role may not) and nothing is appended. The matrix is
 * checked against the OpenAPI document: a route added without a line here fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  loadScenario,
  midYearReportBody,
  openCycleBody,
  registrationBody,
  selfAssessmentBody,
  Tokens,
  type Method,
} from '#scenario';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const UNIT = 'an-phu';
const LEADER = s.leaderUnitId;

type Role = 'province' | 'leader' | 'unit' | 'approver' | 'auditor';
interface Line {
  method: Method;
  path: string;
  roles: Role[];
  body?: unknown;
}

/** Every route that names a cycle, with a body its DTO accepts (so that the refusal is tenancy's, not validation's). */
const MATRIX: Line[] = [
  { method: 'POST', path: '/cycles/{cycleId}/steps/{step}/open', roles: ['leader'], body: {} },
  { method: 'POST', path: '/cycles/{cycleId}/steps/{step}/close', roles: ['leader'], body: {} },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/steps/{step}/reopen',
    roles: ['leader', 'province'],
    body: { reason: 'mở lại' },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/steps/{step}/extend',
    roles: ['leader', 'province'],
    body: { due: '2020-12-31', reason: 'gia hạn' },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/units/{unitId}/dissolution',
    roles: ['province'],
    body: {
      how: 'merged',
      mergedInto: LEADER,
      decisionNo: '1234/NQ-UBTVQH15',
      effectiveOn: '2099-07-01',
      reason: 'sáp nhập',
    },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/leadership',
    roles: ['province'],
    body: { role: 'deputy', unitId: UNIT, reason: 'thay cụm phó' },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/cancel',
    roles: ['province'],
    body: { reason: 'hủy đợt', decisionNo: '9/QĐ-UBND' },
  },
  {
    method: 'PUT',
    path: '/cycles/{cycleId}/units/{unitId}/registration',
    roles: ['unit'],
    body: registrationBody(s, UNIT),
  },
  {
    method: 'PUT',
    path: '/cycles/{cycleId}/units/{unitId}/mid-year-report',
    roles: ['unit'],
    body: midYearReportBody(s, UNIT),
  },
  {
    method: 'PUT',
    path: '/cycles/{cycleId}/units/{unitId}/self-assessment',
    roles: ['unit'],
    body: selfAssessmentBody(s, UNIT),
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/units/{unitId}/score-adjustments',
    roles: ['leader', 'province'],
    body: { criterionId: 'C1.1', points: 1, reason: 'thẩm định' },
  },
  { method: 'POST', path: '/cycles/{cycleId}/units/{unitId}/{submission}/accept', roles: ['leader'], body: {} },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/units/{unitId}/{submission}/return',
    roles: ['leader'],
    body: { reason: 'bổ sung' },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/units/{unitId}/self-assessment/missing',
    roles: ['leader'],
    body: { reason: 'không nộp tự chấm' },
  },
  { method: 'POST', path: '/cycles/{cycleId}/scores/lock', roles: ['leader'], body: {} },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/scores/unlock',
    roles: ['leader'],
    body: { reason: 'sửa điểm' },
  },
  { method: 'POST', path: '/cycles/{cycleId}/steps/vote/open', roles: ['leader'], body: {} },
  { method: 'POST', path: '/cycles/{cycleId}/steps/vote/close', roles: ['leader'], body: {} },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/ballots',
    roles: ['unit'],
    body: { unitId: UNIT, choices: { 'emulation-flag': { [UNIT]: true } } },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/tally',
    roles: ['leader'],
    body: { present: 6, results: { 'emulation-flag': { [UNIT]: { approve: 6, reject: 0 } } }, minutesRef: 'BB-01' },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/nominations',
    roles: ['leader'],
    body: { nominations: [{ unitId: UNIT, award: 'emulation-flag' }], dossier: [{ kind: 'minutes', ref: 'BB-01' }] },
  },
  { method: 'POST', path: '/cycles/{cycleId}/nominations/accept', roles: ['province'], body: {} },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/nominations/return',
    roles: ['province'],
    body: { reason: 'thiếu hồ sơ' },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/council-review',
    roles: ['province'],
    body: {
      meetingOn: '2021-04-12',
      minutesRef: 'BB-HĐTĐKT-04/2021',
      results: [{ unitId: UNIT, award: 'emulation-flag', approve: 9, reject: 0, passed: true }],
    },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/decision',
    roles: ['approver'],
    body: {
      decisionNo: '1/QĐ-UBND',
      issuedOn: '2021-04-20',
      signer: 'Nguyễn Văn A',
      signerTitle: 'CHỦ TỊCH',
      grants: [{ unitId: UNIT, award: 'emulation-flag', granted: true }],
    },
  },
  {
    method: 'POST',
    path: '/cycles/{cycleId}/awards/{unitId}/{award}/revoke',
    roles: ['approver'],
    body: {
      reason: 'vi phạm',
      legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
      decisionNo: '2/QĐ-UBND',
      issuedOn: '2021-09-01',
      prizeMoneyVnd: 1_000_000,
    },
  },
  { method: 'GET', path: '/cycles/{cycleId}', roles: ['province', 'leader', 'unit', 'approver', 'auditor'] },
  { method: 'GET', path: '/cycles/{cycleId}/standings', roles: ['province', 'leader', 'unit', 'approver', 'auditor'] },
  { method: 'GET', path: '/cycles/{cycleId}/vote', roles: ['province', 'leader', 'unit', 'approver', 'auditor'] },
  {
    method: 'GET',
    path: '/cycles/{cycleId}/vote/receipts/{receipt}',
    roles: ['province', 'leader', 'unit', 'approver', 'auditor'],
  },
  {
    method: 'GET',
    path: '/cycles/{cycleId}/units/{unitId}/submissions',
    roles: ['unit', 'leader', 'province', 'auditor'],
  },
  { method: 'GET', path: '/cycles/{cycleId}/audit-trail', roles: ['auditor', 'province', 'leader'] },
  { method: 'GET', path: '/cycles/{cycleId}/events', roles: ['auditor'] },
  { method: 'GET', path: '/audit/verify?cycleId={cycleId}', roles: ['auditor'] },
  { method: 'GET', path: '/cycles/{cycleId}/audit-bundle', roles: ['auditor'] },
  { method: 'GET', path: '/cycles/{cycleId}/what-if', roles: ['auditor'] },
  ...['standings.xlsx', 'standings.pdf', 'minutes.docx', 'submission-letter.docx', 'audit-trail.xlsx'].map((file) => ({
    method: 'GET' as const,
    path: `/cycles/{cycleId}/exports/${file}`,
    roles: ['auditor', 'province', 'leader'] as Role[],
  })),
];

/** Due dates still to come, so that the deadlines of both cycles are listed. */
const FUTURE = {
  registration: '2099-02-28',
  'mid-year-review': '2099-07-15',
  'self-assessment': '2099-12-15',
  vote: '2100-01-20',
  nomination: '2100-03-15',
  decision: '2100-04-30',
};

const fill = (path: string, cycleId: string) =>
  path
    .replace('{cycleId}', cycleId)
    .replace('{unitId}', UNIT)
    .replace('{step}', 'registration')
    .replace('{submission}', 'registration')
    .replace('{award}', 'emulation-flag')
    .replace('{receipt}', 'bien-nhan-0001');

describe('each province its own: every route, callers of another province, cluster or unit', () => {
  let server: TestServer;
  let ag: string; // An Giang's cycle: the one everybody else tries to reach
  let bt: string; // Bến Tre's, with the same unit ids and leader unit
  let ag2: string; // another cluster of An Giang
  const benTre = new Tokens(TEST_JWT_SECRET, 'ben-tre');
  const otherUnits = s.units.map((u, i) => ({ id: `xa-${i + 1}`, name: `Xã ${i + 1}` }));
  const head = async (): Promise<number> => (await server.api.get('/health')).body.eventStore.headPosition;

  /** Callers that must not reach An Giang's cycle, by role. */
  let outsiders: { who: string; role: Role; token: string }[];

  beforeAll(async () => {
    server = await startTestServer();
    ag = await openCycle(server.api, server.tokens, s, { clusterId: 'an-giang-cum-2', year: 2099, schedule: FUTURE });
    bt = await openCycle(server.api, benTre, s, {
      clusterId: 'ben-tre-cum-2',
      provinceId: 'ben-tre',
      year: 2099,
      schedule: FUTURE,
    });
    ag2 = await openCycle(server.api, server.tokens, s, {
      clusterId: 'an-giang-cum-9',
      units: otherUnits,
      leaderUnitId: 'xa-1',
      deputyUnitId: 'xa-2',
    });
    await openStep(server.api, await server.tokens.leader(LEADER), ag, 'registration');
    await openStep(server.api, await benTre.leader(LEADER), bt, 'registration');
    outsiders = [
      ...(['province', 'approver', 'auditor'] as const).map((role) => ({ who: `Bến Tre ${role}`, role, token: '' })),
      { who: 'Bến Tre leader of the same unit id', role: 'leader' as const, token: '' },
      { who: 'Bến Tre officer of the same unit id', role: 'unit' as const, token: '' },
      { who: 'An Giang leader of another cluster', role: 'leader' as const, token: await server.tokens.leader('xa-1') },
      {
        who: 'An Giang officer of a unit outside the cycle',
        role: 'unit' as const,
        token: await server.tokens.unit('xa-3'),
      },
    ];
    outsiders[0]!.token = await benTre.province();
    outsiders[1]!.token = await benTre.approver();
    outsiders[2]!.token = await benTre.auditor();
    outsiders[3]!.token = await benTre.leader(LEADER);
    outsiders[4]!.token = await benTre.unit(UNIT);
  }, 300_000);

  afterAll(async () => server?.close());

  it('the matrix names every route of the OpenAPI document that reads or writes a cycle', async () => {
    const doc = (await server.api.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{cycleId}'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`));
    const covered = MATRIX.filter((l) => l.path.includes('{cycleId}') && !l.path.includes('?')).map(
      (l) => `${l.method} ${l.path}`,
    );
    expect(documented.sort()).toEqual(covered.sort());
  });

  it('refuses every outsider on every route: 404 where the role may call it, 403 where not, nothing appended', async () => {
    const before = await head();
    const seen: string[] = [];
    for (const line of MATRIX) {
      for (const caller of outsiders) {
        const res = await server.api.send(line.method, fill(line.path, ag), {
          token: caller.token,
          ...(line.body !== undefined ? { body: line.body } : {}),
        });
        const expected = line.roles.includes(caller.role) ? [404, 'CYCLE_NOT_FOUND'] : [403, 'FORBIDDEN_ROLE'];
        seen.push(`${caller.who} ${line.method} ${line.path} → ${res.status} ${(res.body as { code?: string }).code}`);
        expect({
          caller: caller.who,
          route: `${line.method} ${line.path}`,
          status: res.status,
          code: (res.body as { code?: string }).code,
        }).toEqual({
          caller: caller.who,
          route: `${line.method} ${line.path}`,
          status: expected[0],
          code: expected[1],
        });
      }
    }
    expect(seen.length).toBe(MATRIX.length * outsiders.length);
    expect(await head()).toBe(before);
  });

  it('a province may not open a cycle of another province', async () => {
    const before = await head();
    expectProblem(
      await server.api.post('/cycles', {
        token: await benTre.province(),
        body: openCycleBody(s, { clusterId: 'lan-sang' }),
      }),
      403,
      'NOT_YOUR_PROVINCE',
    );
    expect(await head()).toBe(before);
  });

  it('lists to each caller only the cycles it may see; a national auditor sees both provinces', async () => {
    const ids = async (token: string) =>
      ((await server.api.ok('GET', '/cycles', { token })).body as { items: { cycleId: string }[] }).items
        .map((i) => i.cycleId)
        .sort();
    expect(await ids(await benTre.province())).toEqual([bt]);
    expect(await ids(await benTre.unit(UNIT))).toEqual([bt]);
    expect(await ids(await server.tokens.province())).toEqual([ag, ag2].sort());
    expect(await ids(await server.tokens.unit(UNIT))).toEqual([ag]);
    expect(await ids(await server.tokens.leader('xa-1'))).toEqual([ag2]);
    const national = await new Tokens(TEST_JWT_SECRET).nationalAuditor();
    expect(await ids(national)).toEqual([ag, ag2, bt].sort());
    expect((await server.api.get(`/cycles/${bt}/events`, { token: national })).status).toBe(200);
    expectProblem(
      await server.api.post(`/cycles/${bt}/steps/registration/close`, { token: national, body: {} }),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('two cycles of two provinces with the same unit ids never interfere: streams, read models, deadlines', async () => {
    const submitted = await server.api.ok('PUT', `/cycles/${ag}/units/${UNIT}/registration`, {
      token: await server.tokens.unit(UNIT),
      body: registrationBody(s, UNIT),
    });
    const position = (submitted.body as { position: number }).position;
    const row = async (cycleId: string, token: string) =>
      (
        (await server.api.ok('GET', `/cycles/${cycleId}/standings`, { token, query: { minPosition: position } }))
          .body as { rows: { unitId: string; registered: boolean }[] }
      ).rows.find((r) => r.unitId === UNIT)!;
    expect((await row(ag, await server.tokens.auditor())).registered).toBe(true);
    expect((await row(bt, await benTre.auditor())).registered).toBe(false);
    // The same unit id's deadlines: each officer sees only its own province's cycles.
    const deadlines = async (token: string) => [
      ...new Set(
        (
          (await server.api.ok('GET', `/units/${UNIT}/deadlines`, { token, query: { minPosition: position } }))
            .body as { deadlines: { cycleId: string }[] }
        ).deadlines.map((d) => d.cycleId),
      ),
    ];
    expect(await deadlines(await server.tokens.unit(UNIT))).toEqual([ag]);
    expect(await deadlines(await benTre.unit(UNIT))).toEqual([bt]);
    // A leader of the same unit id in the other province may not read this unit's deadlines through An Giang's cycle.
    expect(await deadlines(await benTre.leader(LEADER))).toEqual([bt]);
  });
});
