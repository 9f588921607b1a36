/** The Vietnamese words people read in the audit trail: the domain's terms (one term per concept), numbers, dates. */
import {
  STEP_WORDS,
  SUBMISSION_WORDS,
  awardWords,
  localDate,
  stepWords,
  type ScheduleStep,
  type SubmissionKind,
} from '#domain';

export const STEP_NAMES: Readonly<Record<ScheduleStep, string>> = Object.fromEntries(
  Object.entries(STEP_WORDS).map(([step, words]) => [step, words.vi]),
) as Record<ScheduleStep, string>;

export const SUBMISSION_NAMES: Readonly<Record<SubmissionKind, string>> = Object.fromEntries(
  Object.entries(SUBMISSION_WORDS).map(([kind, words]) => [kind, words.vi]),
) as Record<SubmissionKind, string>;

/** The award's Vietnamese name; a kind configured by a province and unknown here is shown as is. */
export function awardName(kind: string): string {
  return awardWords(kind).vi;
}

export function stepName(step: string): string {
  return stepWords(step).vi;
}

/** Points written the Vietnamese way: a decimal comma (97,5). */
export function points(value: number): string {
  return String(value).replace('.', ',');
}

/** A date "2020-02-28" as 28/02/2020; anything else (a date-time) as given. */
export function date(value: string): string {
  return localDate(value);
}
