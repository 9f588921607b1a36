/**
 * When a reminder or an escalation goes out, from a due instant and an ISO 8601 duration:
 * whole-day offsets (years, months, weeks, days only) land on the local time `at` of the day they
 * point to in the cycle's time zone; offsets with a time part are exact (`due − offset`).
 */
import { DateTime, Duration } from 'luxon';

function isWholeDays(d: Duration): boolean {
  return d.hours === 0 && d.minutes === 0 && d.seconds === 0 && d.milliseconds === 0;
}

function atLocalTime(day: DateTime, at: string): DateTime {
  const [hour, minute] = at.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The reminder's instant (ISO UTC), `offset` before `dueAt`; null for an invalid offset. */
export function reminderTime(dueAt: string, offset: string, timeZone: string, at: string): string | null {
  return shift(dueAt, offset, timeZone, at, -1);
}

/** The escalation's instant, `after` past `dueAt`. */
export function escalationTime(dueAt: string, after: string, timeZone: string, at: string): string | null {
  return shift(dueAt, after, timeZone, at, +1);
}

function shift(dueAt: string, iso: string, timeZone: string, at: string, sign: 1 | -1): string | null {
  const offset = Duration.fromISO(iso);
  if (!offset.isValid) return null;
  const due = DateTime.fromISO(dueAt, { zone: timeZone });
  if (!due.isValid) return null;
  const moved = sign > 0 ? due.plus(offset) : due.minus(offset);
  const when = isWholeDays(offset) ? atLocalTime(moved, at) : moved;
  return when.toUTC().toISO();
}
