/** The formatting helpers bound to the page's language and a cycle's time zone. */
import { formatDateTime, formatPoints, formatCalendarDate } from '../i18n/format';
import { useLang } from '../i18n/lang';
import {
  AWARD_TERMS,
  STEP_TERMS,
  SUBMISSION_TERMS,
  UNIT_STATE_TERMS,
  STEP_STATUS_TERMS,
  ROLE_TERMS,
  EVENT_TERMS,
  term,
} from '../i18n/terms';

export function useFmt(timeZone = 'Asia/Ho_Chi_Minh') {
  const { lang, t } = useLang();
  return {
    lang,
    t,
    points: (v: number | null | undefined) => formatPoints(v, lang),
    at: (instant: string) => formatDateTime(instant, timeZone, lang),
    day: formatCalendarDate,
    step: (s: string) => term(STEP_TERMS, s, lang),
    submission: (s: string) => term(SUBMISSION_TERMS, s, lang),
    award: (a: string) => term(AWARD_TERMS, a, lang),
    state: (s: string) => term(UNIT_STATE_TERMS, s, lang),
    stepStatus: (s: string) => term(STEP_STATUS_TERMS, s, lang),
    role: (r: string) => term(ROLE_TERMS, r, lang),
    event: (type: string) => term(EVENT_TERMS, type, lang),
  };
}

/** Solid tag colours dark enough for white text at AA contrast (Ant Design's light presets are not). */
export const TAG = {
  ok: '#1b5e20',
  info: '#0d47a1',
  warn: '#7a4100',
  bad: '#b71c1c',
  other: '#4a148c',
  none: '#424242',
} as const;

export const STATE_COLORS: Record<string, string> = {
  missing: TAG.none,
  submitted: TAG.info,
  late: TAG.warn,
  returned: TAG.bad,
  accepted: TAG.ok,
};
