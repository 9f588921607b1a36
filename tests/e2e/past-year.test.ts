/**
 * A past year from paper: the province records the reference year after the fact, each command
 * with its original date and the document it comes from. Lateness, asOf and the documents use the
 * original dates; each event keeps the moment it was recorded and who recorded it; nothing can be
 * back-dated into a cycle that runs live.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadScenario, openCycleBody, PAPER_BEFORE_LOCK, playReferenceYear, type PlayedYear } from '#scenario';
import { download, readDocx } from '../support/documents.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();

describe('a past year recorded from paper', () => {
  let server: TestServer;
  let played: PlayedYear;
  let auditor: string;
  let startedAt: number;

  beforeAll(async () => {
    server = await startTestServer();
    startedAt = Date.now();
    played = await playReferenceYear(server.api, server.tokens, s, { fromPaper: true });
    auditor = await server.tokens.auditor();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('shows no false lateness, and the same scores and outcome', async () => {
    const standings = await server.api.ok('GET', `/cycles/${played.cycleId}/standings`, {
      token: auditor,
      query: { minPosition: played.lastPosition },
    });
    const rows = standings.body.rows as { unitId: string; late: string[]; finalScore: number; awarded: string[] }[];
    expect(rows.map((r) => [r.unitId, r.late])).toEqual(s.expectedRanking.map((id) => [id, []]));
    expect(Object.fromEntries(rows.map((r) => [r.unitId, r.finalScore]))).toEqual(s.expectedFinalScores);
    const cycle = await server.api.ok('GET', `/cycles/${played.cycleId}`, { token: auditor });
    const states = (
      cycle.body.units as { steps: Record<string, { state: string; late: boolean; submittedAt: string }> }[]
    ).flatMap((u) => Object.values(u.steps));
    expect(states.filter((st) => st.late || st.state === 'late')).toEqual([]);
    expect(states.every((st) => st.submittedAt < '2021-01-01')).toBe(true);
    expect(cycle.body.config.recordedFromPaper).toEqual({
      source: 'Kế hoạch tổ chức phong trào thi đua năm 2020 của Cụm thi đua số 2',
    });
  });

  it('keeps in each event the original date, and when, by whom and from which document it was recorded', async () => {
    const events = (await server.api.ok('GET', `/cycles/${played.cycleId}/events`, { token: auditor })).body.events as {
      type: string;
      metadata: {
        occurredAt: string;
        actor: { userId: string };
        recordedLater?: { recordedAt: string; recordedBy: string; source: string };
      };
    }[];
    const opened = events.find((e) => e.type === 'CycleOpened')!;
    expect(opened.metadata.occurredAt).toBe('2020-01-10T01:00:00.000Z');
    expect(opened.metadata.recordedLater).toMatchObject({
      recordedBy: 'ban-tdkt',
      source: 'Kế hoạch tổ chức phong trào thi đua năm 2020 của Cụm thi đua số 2',
    });
    for (const e of events) {
      // A ballot's content names nobody: no recorder either.
      if (e.type === 'BallotDeposited') {
        expect(e.metadata.recordedLater).toBeUndefined();
        continue;
      }
      expect({ type: e.type, original: e.metadata.occurredAt < '2021-05-01' }).toEqual({
        type: e.type,
        original: true,
      });
      expect(Date.parse(e.metadata.recordedLater!.recordedAt)).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(e.metadata.recordedLater!.recordedBy).toBe(e.metadata.actor.userId);
    }
    const decided = events.find((e) => e.type === 'AwardDecisionIssued')!;
    expect(decided.metadata).toMatchObject({
      occurredAt: '2021-04-20T02:00:00.000Z',
      recordedLater: { source: `Quyết định số ${s.decision.decisionNo}` },
    });
    const trail = (await server.api.ok('GET', `/cycles/${played.cycleId}/audit-trail`, { token: auditor })).body
      .entries as { at: string; recordedLater?: unknown }[];
    expect(trail[0]!.at).toBe('2020-01-10T01:00:00.000Z');
    expect(trail.every((e) => e.recordedLater !== undefined)).toBe(true);
  });

  it('reads asOf on the original dates, and dates the minutes by the meeting', async () => {
    const before = await server.api.ok('GET', `/cycles/${played.cycleId}/standings`, {
      token: auditor,
      query: { asOf: PAPER_BEFORE_LOCK },
    });
    expect(before.body.locked).toBe(false);
    const midYear = await server.api.ok('GET', `/cycles/${played.cycleId}/standings`, {
      token: auditor,
      query: { asOf: '2020-08-01T00:00:00Z' },
    });
    expect(
      (midYear.body.rows as { registered: boolean; selfScore: number | null }[]).every(
        (r) => r.registered && r.selfScore === null,
      ),
    ).toBe(true);
    const minutes = await readDocx(
      (await download(`${server.url}/api/v1/cycles/${played.cycleId}/exports/minutes.docx`, auditor)).bytes,
    );
    expect(minutes.paragraphs).toContain('Chợ Mới, ngày 15 tháng 01 năm 2021');
    expect(minutes.paragraphs.some((p) => p.startsWith('Hôm nay, vào lúc 08 giờ 30, ngày 15 tháng 01 năm 2021'))).toBe(
      true,
    );
  });

  it('refuses to back-date into a live cycle, a paper cycle without its dates, a date after today, and half the headers', async () => {
    const province = await server.tokens.province();
    const live = await server.api.ok('POST', '/cycles', { token: province, body: openCycleBody(s, { year: 2030 }) });
    const liveId = live.body.cycleId as string;
    const leader = await server.tokens.leader(s.leaderUnitId);
    const paperHeaders = { 'original-date': '2030-02-01T09:00:00+07:00', 'recorded-from': 'BB-01' };
    const backDated = await server.api.send('POST', `/cycles/${liveId}/steps/registration/open`, {
      token: leader,
      body: {},
      headers: { ...paperHeaders, 'original-date': '2020-02-01T09:00:00+07:00' },
    });
    expect({ status: backDated.status, code: backDated.body.code }).toEqual({
      status: 409,
      code: 'CYCLE_NOT_FROM_PAPER',
    });
    const cycle = await server.api.ok('GET', `/cycles/${liveId}`, {
      token: auditor,
      query: { minPosition: live.body.position },
    });
    expect(cycle.body.steps.find((st: { step: string }) => st.step === 'registration').status).toBe('pending');

    const unrecorded = await server.api.send('POST', `/cycles/${played.cycleId}/awards/an-phu/emulation-flag/revoke`, {
      token: await server.tokens.approver(),
      body: {
        reason: 'Thử nghiệm',
        legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
        decisionNo: '01/QĐ-UBND',
        issuedOn: '2021-09-01',
      },
    });
    expect({ status: unrecorded.status, code: unrecorded.body.code }).toEqual({
      status: 409,
      code: 'CYCLE_FROM_PAPER',
    });

    const future = await server.api.send('POST', '/cycles', {
      token: province,
      body: openCycleBody(s, { year: 2019 }),
      headers: { 'original-date': new Date(Date.now() + 86_400_000).toISOString(), 'recorded-from': 'KH-2019' },
    });
    expect({ status: future.status, code: future.body.code }).toEqual({ status: 422, code: 'ORIGINAL_DATE_IN_FUTURE' });
    const half = await server.api.send('POST', '/cycles', {
      token: province,
      body: openCycleBody(s, { year: 2019 }),
      headers: { 'original-date': '2019-01-10T08:00:00+07:00' },
    });
    expect(half.status).toBe(400);
    expect(half.body.errors).toEqual([expect.objectContaining({ field: 'Recorded-From' })]);
    const list = await server.api.ok('GET', '/cycles', { token: province, query: { year: 2019 } });
    expect(list.body.items).toEqual([]);
  });
});
