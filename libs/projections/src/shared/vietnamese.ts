/** The Vietnamese words people read in the audit trail: steps, submissions, awards, numbers, dates. */
import type { ScheduleStep, SubmissionKind } from '#domain';

export const STEP_NAMES: Readonly<Record<ScheduleStep, string>> = {
  registration: 'Đăng ký thi đua',
  'mid-year-review': 'Sơ kết 6 tháng',
  'self-assessment': 'Tự chấm điểm',
  vote: 'Bình xét, bỏ phiếu',
  nomination: 'Đề nghị khen thưởng',
  decision: 'Quyết định khen thưởng',
};

export const SUBMISSION_NAMES: Readonly<Record<SubmissionKind, string>> = {
  registration: 'bản đăng ký thi đua',
  'mid-year-report': 'báo cáo sơ kết 6 tháng',
  'self-assessment': 'bản tự chấm điểm',
};

const AWARD_NAMES: Readonly<Record<string, string>> = {
  'emulation-flag': 'Cờ thi đua của UBND tỉnh',
  'certificate-of-merit': 'Bằng khen của Chủ tịch UBND tỉnh',
};

/** The award's Vietnamese name; a kind configured by a province and unknown here is shown as is. */
export function awardName(kind: string): string {
  return AWARD_NAMES[kind] ?? kind;
}

export function stepName(step: string): string {
  return STEP_NAMES[step as ScheduleStep] ?? step;
}

/** Points written the Vietnamese way: a decimal comma (97,5). */
export function points(value: number): string {
  return String(value).replace('.', ',');
}

/** A date "2020-02-28" as 28/02/2020; anything else (a date-time) as given. */
export function date(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}
