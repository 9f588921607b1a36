/**
 * When a reminder or an escalation goes out, from a due instant and an ISO 8601 duration:
 * whole-day offsets (years, months, weeks, days only) land on the local time `at` of the day they
 * point to in the cycle's time zone, moved off Saturdays, Sundays and the cycle's holidays (a
 * reminder to the working day before, an escalation to the working day after: it must still come
 * after the due date); offsets with a time part are exact (`due − offset`).
 */
import { DateTime, Duration } from 'luxon';

/** Days off of a cycle besides weekends, as local dates "YYYY-MM-DD". */
export type Holidays = readonly string[];

/** A year holds fewer than 370 days: no run of days off is longer. */
const MAX_DAYS_MOVED = 370;

function isWholeDays(d: Duration): boolean {
  return d.hours === 0 && d.minutes === 0 && d.seconds === 0 && d.milliseconds === 0;
}

function atLocalTime(day: DateTime, at: string): DateTime {
  const [hour, minute] = at.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** Saturday, Sunday, or one of the cycle's holidays, in the cycle's time zone. */
export function isDayOff(day: DateTime, holidays: Holidays): boolean {
  return day.weekday >= 6 || holidays.includes(day.toISODate() ?? '');
}

function toWorkingDay(day: DateTime, holidays: Holidays, step: 1 | -1): DateTime {
  let moved = day;
  for (let n = 0; n < MAX_DAYS_MOVED && isDayOff(moved, holidays); n++) moved = moved.plus({ days: step });
  return moved;
}

/** The reminder's instant (ISO UTC), `offset` before `dueAt`; null for an invalid offset. */
export function reminderTime(
  dueAt: string,
  offset: string,
  timeZone: string,
  at: string,
  holidays: Holidays = [],
): string | null {
  return shift(dueAt, offset, timeZone, at, -1, holidays);
}

/** The escalation's instant, `after` past `dueAt`. */
export function escalationTime(
  dueAt: string,
  after: string,
  timeZone: string,
  at: string,
  holidays: Holidays = [],
): string | null {
  return shift(dueAt, after, timeZone, at, +1, holidays);
}

function shift(
  dueAt: string,
  iso: string,
  timeZone: string,
  at: string,
  sign: 1 | -1,
  holidays: Holidays,
): string | null {
  const offset = Duration.fromISO(iso);
  if (!offset.isValid) return null;
  const due = DateTime.fromISO(dueAt, { zone: timeZone });
  if (!due.isValid) return null;
  const moved = sign > 0 ? due.plus(offset) : due.minus(offset);
  const when = isWholeDays(offset) ? atLocalTime(toWorkingDay(moved, holidays, sign), at) : moved;
  return when.toUTC().toISO();
}
