/**
 * The words people read, one term per concept (docs/glossary.md lists them): steps, submissions,
 * roles and awards in Vietnamese and English, and instants as local `HH:mm ngày dd/mm/yyyy`.
 * Messages, the audit trail, notifications and the demo all take their terms from here.
 */
import { DateTime } from 'luxon';
import type { ScheduleStep, SubmissionKind } from '../cycle/config.js';
import type { Role } from './actor.js';

export type Words = { vi: string; en: string };

export const STEP_WORDS: Readonly<Record<ScheduleStep, Words>> = {
  registration: { vi: 'Đăng ký thi đua', en: 'registration' },
  'mid-year-review': { vi: 'Sơ kết 6 tháng', en: 'mid-year review' },
  'self-assessment': { vi: 'Tự chấm điểm', en: 'self-assessment' },
  vote: { vi: 'Bình xét, bỏ phiếu', en: 'vote' },
  nomination: { vi: 'Đề nghị khen thưởng', en: 'nomination' },
  decision: { vi: 'Quyết định khen thưởng', en: 'award decision' },
};

export const SUBMISSION_WORDS: Readonly<Record<SubmissionKind, Words>> = {
  registration: { vi: 'bản đăng ký thi đua', en: 'registration' },
  'mid-year-report': { vi: 'báo cáo sơ kết 6 tháng', en: 'mid-year report' },
  'self-assessment': { vi: 'bản tự chấm điểm', en: 'self-assessment' },
};

export const ROLE_WORDS: Readonly<Record<Role, Words>> = {
  province: { vi: 'Ban Thi đua – Khen thưởng tỉnh', en: 'province office' },
  leader: { vi: 'đơn vị trưởng cụm, phó cụm', en: 'cluster leader' },
  unit: { vi: 'cán bộ đơn vị thành viên', en: 'unit officer' },
  approver: { vi: 'Chủ tịch UBND tỉnh (người ký quyết định)', en: 'approver' },
  auditor: { vi: 'kiểm tra, giám sát', en: 'auditor' },
  'national-auditor': { vi: 'kiểm tra, giám sát toàn quốc', en: 'national auditor' },
};

/** The awards every province has; a kind a province configures otherwise is shown as its id. */
export const AWARD_WORDS: Readonly<Record<string, Words>> = {
  'emulation-flag': { vi: 'Cờ thi đua của UBND tỉnh', en: 'emulation flag' },
  'certificate-of-merit': { vi: 'Bằng khen của Chủ tịch UBND tỉnh', en: 'certificate of merit' },
};

export function stepWords(step: string): Words {
  return STEP_WORDS[step as ScheduleStep] ?? { vi: step, en: step };
}

export function awardWords(kind: string): Words {
  return Object.hasOwn(AWARD_WORDS, kind) ? AWARD_WORDS[kind]! : { vi: kind, en: kind };
}

export function rolesWords(roles: readonly Role[]): Words {
  return {
    vi: roles.map((role) => ROLE_WORDS[role].vi).join('; '),
    en: roles.map((role) => ROLE_WORDS[role].en).join(', '),
  };
}

/** An instant as people read it in the cycle's zone: `16:59 ngày 28/02/2020` and `16:59 on 28/02/2020`. */
export function localTime(instant: string, timeZone: string): Words {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone);
  return { vi: local.toFormat("HH:mm 'ngày' dd/MM/yyyy"), en: local.toFormat("HH:mm 'on' dd/MM/yyyy") };
}

/** A date "2020-02-28" as 28/02/2020. */
export function localDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}
