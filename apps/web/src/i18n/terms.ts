/**
 * One Vietnamese term per concept, the ones the API's own messages use: a cycle is an `đợt thi đua`
 * (the domain's errors say so), a yes in the ballot is `tán thành`. English beside each.
 */
import type { Lang } from './format';

type Term = Readonly<Record<Lang, string>>;

export const STEP_TERMS: Readonly<Record<string, Term>> = {
  registration: { vi: 'Đăng ký thi đua', en: 'Registration' },
  'mid-year-review': { vi: 'Sơ kết 6 tháng', en: 'Mid-year review' },
  'self-assessment': { vi: 'Tự chấm điểm', en: 'Self-assessment' },
  vote: { vi: 'Bình xét, bỏ phiếu', en: 'Vote' },
  nomination: { vi: 'Đề nghị khen thưởng', en: 'Nomination' },
  decision: { vi: 'Quyết định khen thưởng', en: 'Award decision' },
};

export const SUBMISSION_TERMS: Readonly<Record<string, Term>> = {
  registration: { vi: 'Bản đăng ký thi đua', en: 'Registration' },
  'mid-year-report': { vi: 'Báo cáo sơ kết 6 tháng', en: 'Mid-year report' },
  'self-assessment': { vi: 'Bản tự chấm điểm', en: 'Self-assessment' },
};

/** The submission a step collects from each unit. */
export const SUBMISSION_OF_STEP: Readonly<Record<string, string>> = {
  registration: 'registration',
  'mid-year-review': 'mid-year-report',
  'self-assessment': 'self-assessment',
};

export const AWARD_TERMS: Readonly<Record<string, Term>> = {
  'emulation-flag': { vi: 'Cờ thi đua của UBND tỉnh', en: "Province's emulation flag" },
  'certificate-of-merit': { vi: 'Bằng khen của Chủ tịch UBND tỉnh', en: "Chairman's certificate of merit" },
};

export const UNIT_STATE_TERMS: Readonly<Record<string, Term>> = {
  missing: { vi: 'Chưa nộp', en: 'Missing' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
};

export const STEP_STATUS_TERMS: Readonly<Record<string, Term>> = {
  pending: { vi: 'Chưa mở', en: 'Not open' },
  open: { vi: 'Đang mở', en: 'Open' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

export const ROLE_TERMS: Readonly<Record<string, Term>> = {
  province: { vi: 'Ban Thi đua – Khen thưởng tỉnh', en: 'Province emulation office' },
  leader: { vi: 'Trưởng cụm', en: 'Cluster leader' },
  unit: { vi: 'Đơn vị', en: 'Unit officer' },
  approver: { vi: 'Chủ tịch UBND tỉnh', en: 'Approver' },
  auditor: { vi: 'Kiểm tra, giám sát', en: 'Auditor' },
  'ballot-box': { vi: 'Hòm phiếu', en: 'Ballot box' },
};

/** The log's event types, as the auditor's raw events name them (the type itself is shown beside). */
export const EVENT_TERMS: Readonly<Record<string, Term>> = {
  CycleOpened: { vi: 'Mở đợt thi đua', en: 'Cycle opened' },
  UnitDissolved: { vi: 'Đơn vị giải thể, sáp nhập', en: 'Unit dissolved' },
  LeaderReplaced: { vi: 'Thay đơn vị trưởng cụm, phó cụm', en: 'Leader replaced' },
  CycleCancelled: { vi: 'Hủy đợt thi đua', en: 'Cycle cancelled' },
  StepOpened: { vi: 'Mở bước', en: 'Step opened' },
  StepClosed: { vi: 'Kết thúc bước', en: 'Step closed' },
  StepReopened: { vi: 'Mở lại bước', en: 'Step reopened' },
  DueDateExtended: { vi: 'Gia hạn', en: 'Due date extended' },
  ScoresLocked: { vi: 'Khóa điểm', en: 'Scores locked' },
  ScoresUnlocked: { vi: 'Mở khóa điểm', en: 'Scores unlocked' },
  VoteOpened: { vi: 'Mở bỏ phiếu', en: 'Vote opened' },
  BallotCast: { vi: 'Đơn vị bỏ phiếu', en: 'Ballot cast' },
  BallotDeposited: { vi: 'Phiếu vào hòm phiếu', en: 'Ballot deposited' },
  PaperTallyRecorded: { vi: 'Ghi kết quả kiểm phiếu giấy', en: 'Paper tally recorded' },
  VoteClosed: { vi: 'Kết thúc bỏ phiếu', en: 'Vote closed' },
  NominationsSubmitted: { vi: 'Gửi hồ sơ đề nghị khen thưởng', en: 'Nominations submitted' },
  NominationsAccepted: { vi: 'Tiếp nhận hồ sơ đề nghị', en: 'Nominations accepted' },
  NominationsReturned: { vi: 'Trả lại hồ sơ đề nghị', en: 'Nominations returned' },
  CouncilReviewRecorded: { vi: 'Ghi kết quả Hội đồng Thi đua – Khen thưởng', en: 'Council review recorded' },
  AwardDecisionIssued: { vi: 'Ban hành quyết định khen thưởng', en: 'Award decision issued' },
  AwardRevoked: { vi: 'Thu hồi khen thưởng', en: 'Award revoked' },
  RegistrationSubmitted: { vi: 'Nộp bản đăng ký thi đua', en: 'Registration submitted' },
  MidYearReportSubmitted: { vi: 'Nộp báo cáo sơ kết 6 tháng', en: 'Mid-year report submitted' },
  SelfAssessmentSubmitted: { vi: 'Nộp bản tự chấm điểm', en: 'Self-assessment submitted' },
  SubmissionAccepted: { vi: 'Chấp nhận bản nộp', en: 'Submission accepted' },
  SubmissionReturned: { vi: 'Trả lại bản nộp', en: 'Submission returned' },
  ScoreAdjusted: { vi: 'Điều chỉnh điểm', en: 'Score adjusted' },
  SelfAssessmentMissingRecorded: { vi: 'Ghi nhận không có bản tự chấm điểm', en: 'Missing self-assessment recorded' },
  NotificationSent: { vi: 'Gửi thông báo', en: 'Notification sent' },
  NotificationDelivered: { vi: 'Thông báo đã đến nơi nhận', en: 'Notification delivered' },
  NotificationDeliveryFailed: { vi: 'Thông báo chưa đến được nơi nhận', en: 'Notification delivery failed' },
};

/** A term in the language; a configured kind unknown here is shown as configured. */
export function term(table: Readonly<Record<string, Term>>, key: string, lang: Lang): string {
  return table[key]?.[lang] ?? key;
}
