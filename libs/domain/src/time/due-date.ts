/**
 * Due dates. A due date is given as a date ("2020-02-28": the end of that day in the cycle's time
 * zone) or an ISO 8601 date-time (without an offset: local time in the cycle's zone). Both the
 * given value and the resolved UTC instant are stored, so every reader agrees on the instant.
 * luxon is used only on given values, never for "now".
 */
import { DateTime, Duration, IANAZone } from 'luxon';
import { parseIsoInstantMillis } from './iso-instant.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Real offsets run from −12:00 to +14:00; luxon would take "+99:99" as a shift of four days. An
 * offset beyond ±14:00 or with 60 minutes or more is no offset.
 */
function hasRealOffset(value: string): boolean {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!match || value.endsWith('Z')) return true;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return Number(match[3]) < 60 && minutes <= 14 * 60;
}

/** The resolved instant (ISO UTC, milliseconds) of a due date, or null if it is not a valid one. */
export function resolveDue(given: string, timeZone: string): string | null {
  if (typeof given !== 'string' || !(DATE_ONLY.test(given) || DATE_TIME.test(given)) || !hasRealOffset(given))
    return null;
  const parsed = DateTime.fromISO(given, { zone: timeZone });
  if (!parsed.isValid) return null;
  const instant = DATE_ONLY.test(given) ? parsed.endOf('day') : parsed;
  return instant.toUTC().toISO();
}

/** True for an ISO 8601 instant with an explicit offset or Z (the `at` of every command). */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT.test(value) || !hasRealOffset(value)) return false;
  const millis = parseIsoInstantMillis(value);
  return millis === undefined ? DateTime.fromISO(value).isValid : !Number.isNaN(millis);
}

/**
 * The window a cycle's due dates must fall in: from 1 January of the year before the cycle's year
 * to 31 December two years after it, local time (a 2020 cycle's decision may come in 2021 or 2022;
 * "0000-01-01" or "9999-12-31" is a typing error).
 */
export function cycleWindow(year: number, timeZone: string): { from: string; to: string } {
  return {
    from: DateTime.fromObject({ year: year - 1, month: 1, day: 1 }, { zone: timeZone })
      .toUTC()
      .toISO()!,
    to: DateTime.fromObject({ year: year + 2, month: 12, day: 31 }, { zone: timeZone })
      .endOf('day')
      .toUTC()
      .toISO()!,
  };
}

export function isWithinCycleWindow(instant: string, year: number, timeZone: string): boolean {
  const { from, to } = cycleWindow(year, timeZone);
  return compareInstants(instant, from) >= 0 && compareInstants(instant, to) <= 0;
}

/** True for a calendar date "YYYY-MM-DD" that exists. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_ONLY.test(value) && DateTime.fromISO(value).isValid;
}

export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && IANAZone.isValidZone(zone);
}

/** True for an ISO 8601 duration such as "P7D" or "PT12H". */
export function isIsoDuration(value: unknown): value is string {
  return typeof value === 'string' && Duration.fromISO(value).isValid;
}

/** The longest reminder offset or escalation delay: a cycle spans a year at most (a leap year has 366 days). */
export const MAX_NOTIFICATION_DELAY_DAYS = 366;

const DAY_MILLIS = 86_400_000;

/**
 * True for an ISO 8601 duration that is positive (no negative part, not zero) and at most `maxDays`
 * long, counting a year as 365 days and a month as 30 (luxon's conversion): "-P1D", "PT0S" and
 * "P100000Y" would plan reminders before the step opened, at the due instant itself, or never.
 */
export function isPositiveDurationUpTo(value: unknown, maxDays: number): value is string {
  if (!isIsoDuration(value) || value.includes('-')) return false;
  const millis = Duration.fromISO(value).toMillis();
  return millis > 0 && millis <= maxDays * DAY_MILLIS;
}

/** Milliseconds since the epoch of an ISO instant (a pure parse, not the clock). */
export function instantMillis(iso: string): number {
  return parseIsoInstantMillis(iso) ?? DateTime.fromISO(iso).toMillis();
}

/** Compares two ISO instants: negative if a is before b, 0 if equal, positive if after. */
export function compareInstants(a: string, b: string): number {
  return instantMillis(a) - instantMillis(b);
}

/** A submission is late when it was made after the due date in force (equal is on time). */
export function isLate(submittedAt: string, dueAt: string): boolean {
  return compareInstants(submittedAt, dueAt) > 0;
}

/** A unit's own extension is in force when it is later than the step's due date (equal: the step's). */
export function extensionWins(stepDue: string, unitDue: string | undefined): unitDue is string {
  return unitDue !== undefined && compareInstants(unitDue, stepDue) > 0;
}

/** The later of two instants (the one in force when both a step and a unit extension apply). */
export function laterOf(stepDue: string, unitDue: string | undefined): string {
  return extensionWins(stepDue, unitDue) ? unitDue : stepDue;
}
