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

/** A term in the language; a configured kind unknown here is shown as configured. */
export function term(table: Readonly<Record<string, Term>>, key: string, lang: Lang): string {
  return table[key]?.[lang] ?? key;
}
