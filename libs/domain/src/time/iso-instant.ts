/**
 * ISO 8601 instants with an explicit offset (`2026-03-01T08:00:00.000Z`, `...+07:00`, `...+0700`),
 * parsed without luxon: every command's `at` is checked and compared to due dates, and luxon's
 * general parser (a DateTime, its zone and locale per call) was most of what a command spent on
 * time. Same answers as `DateTime.fromISO` for these strings (tested against it); anything else is
 * left to luxon by the callers.
 */
const INSTANT_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Milliseconds since the epoch of an instant in the shape above; `NaN` for a date or time that
 * does not exist (month 13, 30 February, 24:01, 60 seconds), and `undefined` when the string is
 * not in that shape at all (the caller asks luxon). Fractions of a millisecond are cut off, as
 * luxon does. Years before 100 are left to luxon too (Date.UTC reads them as 19xx).
 */
export function parseIsoInstantMillis(value: string): number | undefined {
  const m = INSTANT_PARTS.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 100) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  const millis = m[7] === undefined ? 0 : Math.floor(parseFloat(`0.${m[7]}`) * 1000);
  // 24:00:00.000 is the next day's midnight (ISO 8601 and luxon allow it); 24:00:01 is nothing.
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millis === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return NaN;
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}
