/**
 * The audit trail's lines for the rules of issue 14, folded from histories the deciders produced:
 * a resubmission that keeps the reviewer's points, a self-assessment scored from figures, a
 * missing self-assessment, an unlock voiding the vote, the council's review, separate decisions
 * with lower forms, a revocation with its legal ground.
 */
import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { cycleStreamName, isCycleEvent, unitStreamName, type DomainEvent } from '#domain';
import { AT, CYCLE_ID, World, approver, journey, leader, officer } from '#domain/testing';
import { foldAuditTrail, signerText } from './audit-trail.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;

/** The world's events as the log would hold them (in decision order). */
function stored(events: DomainEvent[]): RecordedEvent[] {
  return events.map(
    (event, index) =>
      ({
        position: index + 1,
        streamId: isCycleEvent(event)
          ? cycleStreamName(CYCLE_ID)
          : unitStreamName(CYCLE_ID, (event.data as { unitId: string }).unitId),
        type: event.type,
        data: event.data,
        metadata: {
          actor: { userId: 'u', role: 'leader' },
          occurredAt: AT,
          commandId: `c${index}`,
          correlationId: `c${index}`,
        },
      }) as unknown as RecordedEvent,
  );
}

/** Runs commands on a world, keeping every event in decision order. */
function history(world: World, ...steps: Array<(world: World) => DomainEvent[]>): DomainEvent[] {
  const all = [...world.cycleEvents, ...[...world.unitEvents.values()].flat()];
  for (const step of steps) all.push(...step(world));
  return all;
}

const summaryOf = (events: DomainEvent[], action: string) =>
  foldAuditTrail(CYCLE_ID, stored(events))
    .filter((e) => e.action === action)
    .map((e) => e.summary);

describe('audit-trail lines of the scoring rules', () => {
  it('a resubmission after an adjustment shows both: the unit claim and the reviewer points kept', () => {
    const world = new World();
    const events = history(
      journey.toSelfAssessment(world),
      (w) =>
        w.run({
          ...base,
          type: 'SubmitSelfAssessment',
          actor: officer('d'),
          unitId: 'd',
          scores: [{ criterionId: 'K1', points: 9 }],
        }),
      (w) =>
        w.run({
          ...base,
          type: 'AdjustScore',
          actor: leader,
          unitId: 'd',
          criterionId: 'K1',
          points: 6,
          reason: 'Thẩm định',
        }),
      (w) =>
        w.run({
          ...base,
          type: 'SubmitSelfAssessment',
          actor: officer('d'),
          unitId: 'd',
          scores: [
            { criterionId: 'K1', points: 8.5 },
            { criterionId: 'K2', points: 7 },
          ],
        }),
    );
    expect(summaryOf(events, 'SelfAssessmentSubmitted').at(-1)).toBe(
      'Đơn vị D nộp bản tự chấm điểm (phiên bản 2): 15,5 điểm; giữ điểm thẩm định tiêu chí K1 (Thu ngân sách): 6 điểm (đơn vị tự chấm 8,5); điểm đang áp dụng 13',
    );
  });

  it('a missing self-assessment and an unlock that voids the vote', () => {
    const world = new World();
    const events = history(journey.toSelfAssessment(world), (w) =>
      w.run({ ...base, type: 'RecordMissingSelfAssessment', actor: leader, unitId: 'c', reason: 'Không nộp đúng hạn' }),
    );
    expect(summaryOf(events, 'SelfAssessmentMissingRecorded')).toEqual([
      'Ghi nhận Đơn vị C không nộp bản tự chấm điểm: chỉ tính điểm thẩm định, không đủ điều kiện đề nghị khen thưởng',
    ]);
    const voted = journey.toVoteClosed();
    const unlocked = history(voted, (w) =>
      w.run({ ...base, type: 'UnlockScores', actor: leader, reason: 'Sai sót điểm' }),
    );
    expect(summaryOf(unlocked, 'ScoresUnlocked')).toEqual([
      'Mở khóa điểm để chỉnh sửa; kết quả bỏ phiếu vòng 1 bị hủy, phải bỏ phiếu lại',
    ]);
  });
});

describe('audit-trail lines of a paper vote', () => {
  it('counts blank and spoiled ballots, and the valid ones the threshold was taken over', () => {
    const world = journey.toVote(new World(), 'paper');
    const events = history(
      world,
      (w) =>
        w.run({
          ...base,
          type: 'RecordPaperTally',
          actor: leader,
          present: 4,
          blank: 1,
          spoiled: 1,
          results: {
            'emulation-flag': { a: { approve: 2, reject: 0 } },
            'certificate-of-merit': { b: { approve: 2, reject: 0 }, c: { approve: 0, reject: 2 } },
          },
          minutesRef: 'BB-01',
        }),
      (w) => w.run({ ...base, type: 'CloseVote', actor: leader }),
    );
    expect(summaryOf(events, 'PaperTallyRecorded')).toEqual([
      'Ghi nhận kết quả kiểm phiếu trên giấy vòng 1: 4 đơn vị có mặt, 1 phiếu trắng, 1 phiếu không hợp lệ, biên bản BB-01',
    ]);
    expect(summaryOf(events, 'VoteClosed')[0]).toMatch(
      /^Kết thúc bỏ phiếu vòng 1: 4\/4 đơn vị tham gia, 3 phiếu hợp lệ; /,
    );
  });
});

describe('audit-trail lines of lateness', () => {
  it('a return with the time given, and an extension after the fact that clears a late mark', () => {
    const world = journey.openStep(journey.open(new World()), 'registration');
    const register = (unitId: string, at: string) => (w: World) =>
      w.run({
        ...base,
        at,
        type: 'SubmitRegistration',
        actor: officer(unitId),
        unitId,
        targets: [{ criterionId: 'K1', target: 100 }],
      });
    const events = history(
      world,
      register('c', AT),
      (w) =>
        w.run({
          ...base,
          type: 'ReturnSubmission',
          actor: leader,
          unitId: 'c',
          submission: 'registration',
          reason: 'Thiếu',
          correctBy: '2030-03-05',
        }),
      register('d', '2030-03-01T01:00:00Z'),
      (w) =>
        w.run({
          ...base,
          type: 'ExtendDueDate',
          actor: leader,
          step: 'registration',
          unitId: 'd',
          due: '2030-03-02',
          reason: 'Mưa bão',
        }),
    );
    expect(summaryOf(events, 'SubmissionReturned')).toEqual([
      'Trả lại bản đăng ký thi đua của Đơn vị C (phiên bản 1) để chỉnh sửa trước 23:59 ngày 05/03/2030',
    ]);
    expect(summaryOf(events, 'RegistrationSubmitted').at(-1)).toBe(
      'Đơn vị D nộp bản đăng ký thi đua (phiên bản 1) — trễ hạn',
    );
    expect(summaryOf(events, 'DueDateExtended')).toEqual([
      'Gia hạn bước Đăng ký thi đua cho Đơn vị D đến 02/03/2030; xóa đánh dấu trễ hạn của Đơn vị D',
    ]);
  });
});

describe('audit-trail lines of the council and the decision', () => {
  it("the council's tally, a decision with the signer's title and a lower form, a revocation with its ground", () => {
    const world = new World();
    const events = history(
      journey.toCouncilReviewed(world),
      (w) =>
        w.run({
          ...base,
          type: 'IssueAwardDecision',
          actor: approver,
          decisionNo: '12/QĐ-UBND',
          issuedOn: '2031-04-20',
          signer: 'Nguyễn Văn A',
          signerTitle: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH',
          grants: [
            {
              unitId: 'a',
              award: 'emulation-flag',
              granted: true,
              grantedAs: 'certificate-of-merit',
              reason: 'Chưa đủ tiêu chuẩn Cờ',
            },
          ],
        }),
      (w) =>
        w.run({
          ...base,
          type: 'IssueAwardDecision',
          actor: approver,
          decisionNo: '13/QĐ-UBND',
          issuedOn: '2031-04-25',
          signer: 'Trần Văn B',
          signerTitle: 'CHỦ TỊCH',
          grants: [{ unitId: 'b', award: 'certificate-of-merit', granted: false, reason: 'Hồ sơ thiếu' }],
        }),
      (w) =>
        w.run({
          ...base,
          type: 'RevokeAward',
          actor: approver,
          unitId: 'a',
          award: 'certificate-of-merit',
          reason: 'Kê khai sai',
          legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
          decisionNo: '99/QĐ-UBND',
          issuedOn: '2031-09-01',
          prizeMoneyVnd: 15_000_000,
        }),
    );
    expect(summaryOf(events, 'CouncilReviewRecorded')).toEqual([
      'Hội đồng Thi đua – Khen thưởng tỉnh xét hồ sơ (họp ngày 10/04/2031, biên bản BB-HĐTĐKT-2031-04): Đơn vị A – Cờ thi đua của UBND tỉnh: 9 tán thành, 1 không tán thành, thông qua; Đơn vị B – Bằng khen của Chủ tịch UBND tỉnh: 7 tán thành, 3 không tán thành, thông qua',
    ]);
    expect(summaryOf(events, 'AwardDecisionIssued')).toEqual([
      'Ban hành quyết định khen thưởng số 12/QĐ-UBND ngày 20/04/2031, người ký KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Nguyễn Văn A: tặng Bằng khen của Chủ tịch UBND tỉnh cho Đơn vị A (đề nghị Cờ thi đua của UBND tỉnh, khen hình thức thấp hơn: Chưa đủ tiêu chuẩn Cờ)',
      'Ban hành quyết định khen thưởng số 13/QĐ-UBND ngày 25/04/2031, người ký CHỦ TỊCH Trần Văn B: tặng không; không tặng Bằng khen của Chủ tịch UBND tỉnh cho Đơn vị B (Hồ sơ thiếu)',
    ]);
    expect(summaryOf(events, 'AwardRevoked')).toEqual([
      'Thu hồi Bằng khen của Chủ tịch UBND tỉnh của Đơn vị A theo quyết định số 99/QĐ-UBND ngày 01/09/2031, căn cứ Điều 76 Luật Thi đua, khen thưởng 2022; thu hồi hiện vật khen thưởng và tiền thưởng 15.000.000 đồng',
    ]);
  });
});

describe("a decision's signer in the trail", () => {
  it('puts the title of the signature block before the name, and says a position the signer already names once', () => {
    expect(signerText('Nguyễn Văn A', 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH')).toBe('KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Nguyễn Văn A');
    expect(signerText('Trần Văn B', 'CHỦ TỊCH')).toBe('CHỦ TỊCH Trần Văn B');
    expect(signerText('Chủ tịch UBND tỉnh An Giang', 'CHỦ TỊCH')).toBe('Chủ tịch UBND tỉnh An Giang');
    expect(signerText('Phó Chủ tịch UBND tỉnh', 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH')).toBe('Phó Chủ tịch UBND tỉnh');
    expect(signerText('Chủ tịch UBND tỉnh', 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH')).toBe(
      'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Chủ tịch UBND tỉnh',
    );
    expect(signerText('Nguyễn Văn A', undefined)).toBe('Nguyễn Văn A');
  });
});
