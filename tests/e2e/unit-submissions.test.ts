/**
 * GET /cycles/{cycleId}/units/{unitId}/submissions over real HTTP: every version a unit sent with
 * its content and review, the reviewers' adjustments, who may read it, and read-your-writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, registrationBody, selfAssessmentBody } from '#scenario';
import { openCycle } from '../support/cycle-setup.js';
import { expectProblem } from '../support/problems.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const UNIT = 'an-phu';
const OTHER = 'chau-phu';

type Version = { version: number; late: boolean; submittedAt: string; review?: Record<string, unknown> };
type Answer = {
  unitId: string;
  registration: (Version & { aimedAward?: string; targets: { criterionId: string; target: number }[] })[];
  'self-assessment': (Version & { scores: { criterionId: string; points: number; evidence?: string }[] })[];
  adjustments: { criterionId: string; from: number; to: number; reason: string; role: string }[];
};

describe("a unit's submissions and their review", () => {
  let server: TestServer;
  let cycleId: string;
  let leader: string;
  let officer: string;
  const read = async (token: string, minPosition?: number) =>
    (
      await server.api.ok('GET', `/cycles/${cycleId}/units/${UNIT}/submissions`, {
        token,
        ...(minPosition !== undefined ? { query: { minPosition } } : {}),
      })
    ).body as Answer;
  const send = async (method: 'PUT' | 'POST', path: string, token: string, body: unknown) =>
    ((await server.api.ok(method, `/cycles/${cycleId}${path}`, { token, body })).body as { position: number }).position;

  beforeAll(async () => {
    server = await startTestServer();
    cycleId = await openCycle(server.api, server.tokens, s, { clusterId: 'subview' });
    leader = await server.tokens.leader(s.leaderUnitId);
    officer = await server.tokens.unit(UNIT);
    await send('POST', '/steps/registration/open', leader, {});
  }, 120_000);

  afterAll(async () => server?.close());

  it('lists every version with its content and review, at once with minPosition', async () => {
    const first = registrationBody(s, UNIT) as { targets: { criterionId: string; target: number; note?: string }[] };
    await send('PUT', `/units/${UNIT}/registration`, officer, first);
    await send('POST', `/units/${UNIT}/registration/return`, leader, { reason: 'Bổ sung chỉ tiêu C1.2' });
    const second = {
      ...first,
      targets: first.targets.map((t) => (t.criterionId === 'C1.2' ? { ...t, note: 'Thêm ngành dịch vụ' } : t)),
    };
    let position = await send('PUT', `/units/${UNIT}/registration`, officer, second);

    let answer = await read(officer, position);
    expect(answer.registration.map((v) => v.version)).toEqual([1, 2]);
    expect(answer.registration[0]!.targets).toEqual(first.targets);
    expect(answer.registration[0]!.review).toEqual(
      expect.objectContaining({ outcome: 'returned', reason: 'Bổ sung chỉ tiêu C1.2', role: 'leader' }),
    );
    expect(answer.registration[1]!.targets).toEqual(second.targets);
    expect(answer.registration[1]!.aimedAward).toBe(s.registrations[UNIT]!.aimedAward);
    expect(answer.registration[1]!.review).toBeUndefined();

    position = await send('POST', `/units/${UNIT}/registration/accept`, leader, { note: 'Đạt' });
    answer = await read(leader, position);
    expect(answer.registration[1]!.review).toEqual(
      expect.objectContaining({ outcome: 'accepted', note: 'Đạt', role: 'leader', at: expect.any(String) }),
    );
  });

  it('shows the self-assessment lines with evidence and the reviewers’ adjustments', async () => {
    for (const step of ['registration', 'mid-year-review']) {
      await send('POST', `/steps/${step}/close`, leader, {});
      await send('POST', `/steps/${step === 'registration' ? 'mid-year-review' : 'self-assessment'}/open`, leader, {});
    }
    const body = selfAssessmentBody(s, UNIT);
    await send('PUT', `/units/${UNIT}/self-assessment`, officer, body);
    const position = await send('POST', `/units/${UNIT}/score-adjustments`, leader, {
      criterionId: 'C4.2',
      points: 1,
      reason: 'Minh chứng chưa đủ',
    });
    const answer = await read(await server.tokens.province(), position);
    const [version] = answer['self-assessment'];
    expect(version!.scores.map((l) => l.criterionId)).toEqual(body.scores.map((l) => l.criterionId));
    const withEvidence = body.scores.find((l) => l.evidence !== undefined);
    if (withEvidence) {
      expect(version!.scores.find((l) => l.criterionId === withEvidence.criterionId)?.evidence).toBe(
        withEvidence.evidence,
      );
    }
    expect(answer.adjustments).toEqual([
      expect.objectContaining({ criterionId: 'C4.2', to: 1, reason: 'Minh chứng chưa đủ', role: 'leader' }),
    ]);
    expect(answer.adjustments[0]!.from).toBe(body.scores.find((l) => l.criterionId === 'C4.2')?.points);
    // The deputy and an auditor read it too.
    await read(await server.tokens.leader(s.deputyUnitId));
    await read(await server.tokens.auditor());
  });

  it('refuses another member unit, a leader of a member unit that does not lead, an approver; 404 for a stranger unit', async () => {
    const path = `/cycles/${cycleId}/units/${UNIT}/submissions`;
    expectProblem(await server.api.get(path, { token: await server.tokens.unit(OTHER) }), 403, 'NOT_YOUR_UNIT');
    expectProblem(await server.api.get(path, { token: await server.tokens.leader(OTHER) }), 403, 'NOT_CLUSTER_LEADER');
    expectProblem(await server.api.get(path, { token: await server.tokens.approver() }), 403, 'FORBIDDEN_ROLE');
    expectProblem(
      await server.api.get(`/cycles/${cycleId}/units/xa-lan/submissions`, { token: leader }),
      404,
      'NOT_A_MEMBER',
    );
    expectProblem(
      await server.api.get(`/cycles/${cycleId}/units/${UNIT}/submissions`, {
        token: officer,
        query: { minPosition: -1 },
      }),
      400,
    );
  });
});
