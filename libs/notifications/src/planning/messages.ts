/** What people read: subjects and texts in Vietnamese, dates in the cycle's time zone. */
import { isDayOff, type Holidays } from './send-time.js';
import { DateTime, Duration } from 'luxon';
import type { TrackedStep } from '#notification-events';
import type { CycleDeadlines } from '../deadlines/deadlines-model.js';
import type { PlannedNotification } from './plan.js';

const STEP_TITLE: Record<TrackedStep, string> = {
  registration: 'Đăng ký thi đua',
  'mid-year-review': 'Sơ kết 6 tháng',
  'self-assessment': 'Tự chấm điểm',
  vote: 'Bình xét, bỏ phiếu',
  nomination: 'Đề nghị khen thưởng',
};

/** What is still owed, after "chưa" (not yet). */
const STEP_OWED: Record<TrackedStep, string> = {
  registration: 'nộp bản đăng ký thi đua',
  'mid-year-review': 'nộp báo cáo sơ kết 6 tháng',
  'self-assessment': 'nộp bảng tự chấm điểm',
  vote: 'bỏ phiếu bình xét',
  nomination: 'gửi hồ sơ đề nghị khen thưởng lên tỉnh',
};

const UNITS: [string, string][] = [
  ['years', 'năm'],
  ['months', 'tháng'],
  ['weeks', 'tuần'],
  ['days', 'ngày'],
  ['hours', 'giờ'],
  ['minutes', 'phút'],
  ['seconds', 'giây'],
];

/** "P7D" → "7 ngày", "PT1H30M" → "1 giờ 30 phút". */
export function durationInVietnamese(iso: string): string {
  const values = Duration.fromISO(iso).toObject() as Record<string, number | undefined>;
  const parts = UNITS.filter(([key]) => (values[key] ?? 0) > 0).map(([key, word]) => `${values[key]} ${word}`);
  return parts.length > 0 ? parts.join(' ') : '0 giây';
}

/** "23:59 ngày 28/02/2020"; a due date on a weekend or one of the cycle's holidays says so. */
export function formatDue(dueAt: string, timeZone: string, holidays: Holidays = []): string {
  const due = DateTime.fromISO(dueAt, { zone: timeZone });
  const text = due.toFormat("HH:mm 'ngày' dd/MM/yyyy");
  return isDayOff(due, holidays) ? `${text} (ngày nghỉ)` : text;
}

export interface Message {
  subject: string;
  text: string;
}

/** What is the same for every notification of a round: computed once, not once per unit. */
export interface RoundTexts {
  cycleName: string;
  due: string;
  remaining: string;
}

export function roundTexts(notification: Pick<PlannedNotification, 'round'>, cycle: CycleDeadlines): RoundTexts {
  return {
    cycleName: `${cycle.clusterName} năm ${cycle.year}`,
    due: formatDue(notification.round.dueAt, cycle.timeZone, cycle.notifications.holidays),
    remaining: durationInVietnamese(notification.round.offset),
  };
}

export function messageFor(
  notification: PlannedNotification,
  cycle: CycleDeadlines,
  texts = roundTexts(notification, cycle),
): Message {
  const { round, units } = notification;
  const { cycleName, due, remaining } = texts;
  const name = (unitId: string) => cycle.unitNames.get(unitId) ?? unitId;
  if (round.kind === 'reminder') {
    return {
      subject: `Nhắc hạn: ${STEP_TITLE[round.step]} – ${cycleName}`,
      text: `Kính gửi ${name(units[0])}: đơn vị chưa ${STEP_OWED[round.step]} của ${cycleName}. Hạn chót là ${due} (còn ${remaining}).`,
    };
  }
  return {
    subject: `Quá hạn: ${STEP_TITLE[round.step]} – ${cycleName}`,
    text: `Đã quá hạn ${due} mà ${units.length} đơn vị chưa ${STEP_OWED[round.step]} của ${cycleName}: ${units.map(name).join(', ')}.`,
  };
}
