/**
 * Plays the reference year through the HTTP API alone, as the people of the cycle would: the
 * province opens it, the leader drives the steps, each unit submits and votes, the province and
 * the approver decide. Shared by the end-to-end test and `npm run demo`.
 */
import type { ApiClient, ApiResponse, Method, RequestOptions } from './http-client.js';
import {
  midYearReportBody,
  openCycleBody,
  registrationBody,
  selfAssessmentBody,
  type CycleOverrides,
  type Scenario,
} from './scenario.js';
import type { Tokens } from './tokens.js';
import { PAPER_BEFORE_LOCK, paperRecordHeaders } from './paper-record.js';

export const STEPS = ['registration', 'mid-year-review', 'self-assessment', 'vote'] as const;

/** The ballots' `sub`: lets the secrecy test find everything that names the voter. */
export const voterSub = (unitId: string): string => `voter-${unitId}`;

export interface PlayedYear {
  cycleId: string;
  /** Highest log position any command answered. */
  lastPosition: number;
  /** Standings read just before the lock, with the moment and position they stand for. */
  beforeLock: { at: string; position: number; standings: unknown };
  /** Each voter's receipt, in the order they voted. */
  receipts: { unitId: string; receipt: unknown }[];
}

export interface PlayOptions {
  overrides?: CycleOverrides;
  /** Told each step, in Vietnamese, for the demo. */
  log?: (line: string) => void;
  /**
   * Record the year after the fact from its paper record (the province loading a past year): each
   * command carries its original date and document, so the year shows its real dates.
   */
  fromPaper?: boolean;
  /** Stop once the cluster has submitted its nominations (before the province looks at them). */
  untilNominations?: boolean;
  /** Stop once the scores are locked (the vote not opened yet). */
  untilLocked?: boolean;
  /** Open the vote to list every ballot with its receipt after the close (off by default). */
  publishBallots?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function playReferenceYear(
  api: ApiClient,
  tokens: Tokens,
  s: Scenario,
  options: PlayOptions = {},
): Promise<PlayedYear> {
  const log = options.log ?? (() => undefined);
  let lastPosition = 0;
  const command = async (method: Method, path: string, opts: RequestOptions, what: string): Promise<ApiResponse> => {
    const headers = options.fromPaper ? { ...opts.headers, ...paperRecordHeaders(what, s.decision) } : opts.headers;
    const res = await api.ok(method, path, { ...opts, ...(headers ? { headers } : {}) }, what);
    const position = (res.body as { position?: unknown }).position;
    if (typeof position !== 'number')
      throw new Error(`${what}: ${res.request} answered no numeric position: ${JSON.stringify(res.body)}`);
    lastPosition = Math.max(lastPosition, position);
    return res;
  };

  const province = await tokens.province();
  const leaderUnit = options.overrides?.leaderUnitId ?? s.leaderUnitId;
  const leader = await tokens.leader(leaderUnit);
  const units = options.overrides?.units ?? s.units;

  log(`Tỉnh mở đợt thi đua ${s.year} của ${s.cluster.name} (${units.length} đơn vị)`);
  const opened = await command(
    'POST',
    '/cycles',
    { token: province, body: openCycleBody(s, options.overrides) },
    'open the cycle',
  );
  const cycleId = (opened.body as { cycleId?: unknown }).cycleId;
  if (typeof cycleId !== 'string') throw new Error(`POST /cycles answered no cycleId: ${JSON.stringify(opened.body)}`);
  const c = `/cycles/${encodeURIComponent(cycleId)}`;
  const step = (name: string, action: 'open' | 'close', body?: unknown) =>
    command('POST', `${c}/steps/${name}/${action}`, { token: leader, body: body ?? {} }, `${action} ${name}`);

  log('Mở bước đăng ký thi đua');
  await step('registration', 'open');
  for (const u of units) {
    await command(
      'PUT',
      `${c}/units/${u.id}/registration`,
      { token: await tokens.unit(u.id), body: registrationBody(s, u.id) },
      `register ${u.id}`,
    );
    await command(
      'POST',
      `${c}/units/${u.id}/registration/accept`,
      { token: leader, body: {} },
      `accept registration of ${u.id}`,
    );
  }
  log('Đóng bước đăng ký: ký kết giao ước thi đua');
  await step('registration', 'close', { summary: 'Các đơn vị đã ký kết giao ước thi đua' });

  log('Sơ kết 6 tháng');
  await step('mid-year-review', 'open');
  for (const u of units) {
    await command(
      'PUT',
      `${c}/units/${u.id}/mid-year-report`,
      { token: await tokens.unit(u.id), body: midYearReportBody(s, u.id) },
      `mid-year report of ${u.id}`,
    );
  }
  await step('mid-year-review', 'close', { summary: 'Sơ kết 6 tháng: các đơn vị đạt tiến độ' });

  log('Các đơn vị tự chấm điểm');
  await step('self-assessment', 'open');
  for (const u of units) {
    await command(
      'PUT',
      `${c}/units/${u.id}/self-assessment`,
      { token: await tokens.unit(u.id), body: selfAssessmentBody(s, u.id) },
      `self-assessment of ${u.id}`,
    );
    await command(
      'POST',
      `${c}/units/${u.id}/self-assessment/accept`,
      { token: leader, body: {} },
      `accept self-assessment of ${u.id}`,
    );
  }
  await step('self-assessment', 'close', { summary: 'Hoàn thành tự chấm điểm' });

  for (const a of s.adjustments) {
    const unitName = units.find((u) => u.id === a.unitId)?.name ?? a.unitId;
    log(
      `Thẩm định: điều chỉnh điểm tiêu chí ${a.criterionId} của ${unitName} từ ${String(a.from).replace('.', ',')} xuống ${String(a.to).replace('.', ',')}`,
    );
    await command(
      'POST',
      `${c}/units/${a.unitId}/score-adjustments`,
      { token: leader, body: { criterionId: a.criterionId, points: a.to, reason: a.reason } },
      `adjust ${a.unitId} ${a.criterionId}`,
    );
  }

  // The standings as they are before the lock, and the moment and position they stand for.
  const beforeLockStandings = await api.ok(
    'GET',
    `${c}/standings`,
    { token: leader, query: { minPosition: lastPosition } },
    'standings before the lock',
  );
  const beforeLock = {
    at: options.fromPaper ? PAPER_BEFORE_LOCK : new Date().toISOString(),
    position: lastPosition,
    standings: beforeLockStandings.body,
  };
  if (!options.fromPaper) await sleep(25); // the lock must happen at a later instant than `beforeLock.at`

  log('Khóa điểm, chốt xếp hạng');
  await command('POST', `${c}/scores/lock`, { token: leader, body: {} }, 'lock the scores');
  if (options.untilLocked) return { cycleId, lastPosition, beforeLock, receipts: [] };

  log('Mở bỏ phiếu kín');
  await command(
    'POST',
    `${c}/steps/vote/open`,
    {
      token: leader,
      body: {
        candidates: s.vote.candidates,
        mode: 'electronic',
        ...(options.publishBallots ? { publishBallots: true } : {}),
      },
    },
    'open the vote',
  );
  const receipts: PlayedYear['receipts'] = [];
  for (const u of units) {
    const choices = s.vote.ballotsByVoter[u.id];
    if (!choices) continue;
    const cast = await command(
      'POST',
      `${c}/ballots`,
      { token: await tokens.unit(u.id, voterSub(u.id)), body: { unitId: u.id, choices } },
      `ballot of ${u.id}`,
    );
    receipts.push({ unitId: u.id, receipt: (cast.body as { receipt?: unknown }).receipt });
  }
  log('Kết thúc bỏ phiếu, kiểm phiếu');
  await step('vote', 'close', { summary: 'Kiểm phiếu bình xét' });

  log('Trưởng cụm trình tỉnh hồ sơ đề nghị khen thưởng');
  await command(
    'POST',
    `${c}/nominations`,
    {
      token: leader,
      body: {
        nominations: s.expectedOutcome.nominations,
        dossier: [
          { kind: 'submission-letter', ref: `TTr-${cycleId}` },
          { kind: 'minutes', ref: `BB-${cycleId}` },
          { kind: 'tally', ref: `KP-${cycleId}` },
        ],
      },
    },
    'nominate',
  );
  if (options.untilNominations) return { cycleId, lastPosition, beforeLock, receipts };
  log('Tỉnh tiếp nhận hồ sơ');
  await command('POST', `${c}/nominations/accept`, { token: province, body: {} }, 'accept the nominations');
  log('Hội đồng Thi đua – Khen thưởng tỉnh xét hồ sơ');
  await command(
    'POST',
    `${c}/council-review`,
    {
      token: province,
      body: { meetingOn: s.council.meetingOn, minutesRef: s.council.minutesRef, results: s.council.results },
    },
    'record the council review',
  );
  log(`Chủ tịch UBND tỉnh ký quyết định ${s.decision.decisionNo}`);
  await command(
    'POST',
    `${c}/decision`,
    {
      token: await tokens.approver(),
      body: {
        decisionNo: s.decision.decisionNo,
        issuedOn: s.decision.issuedOn,
        signer: s.decision.signer,
        signerTitle: s.decision.signerTitle,
        grants: s.decision.grants,
      },
    },
    'decide',
  );
  return { cycleId, lastPosition, beforeLock, receipts };
}
