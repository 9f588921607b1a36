/**
 * How officials read numbers and moments: points with a decimal comma, dates dd/mm/yyyy, times
 * HH:mm in the cycle's time zone (never a UTC instant).
 */
export type Lang = 'vi' | 'en';

/** 97.5 → "97,5" in Vietnamese, "97.5" in English; null → "—". */
export function formatPoints(value: number | null | undefined, lang: Lang = 'vi'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const text = String(Math.round(value * 100) / 100);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** A figure as officials write it: 1.234,5 in Vietnamese, 1,234.5 in English; null → "—". */
export function formatNumber(value: number | null | undefined, lang: Lang = 'vi'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 4 }).format(value);
}

function parts(instant: string | Date, timeZone: string): Record<string, string> {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
}

/** An instant as dd/mm/yyyy in the time zone. */
export function formatDate(instant: string | Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant as "HH:mm ngày dd/mm/yyyy" (English: "HH:mm on dd/mm/yyyy") in the time zone. */
export function formatDateTime(instant: string | Date, timeZone: string, lang: Lang = 'vi'): string {
  const p = parts(instant, timeZone);
  return `${p.hour}:${p.minute} ${lang === 'vi' ? 'ngày' : 'on'} ${p.day}/${p.month}/${p.year}`;
}

/** A calendar date "2021-04-20" as 20/04/2021 (no time zone involved). */
export function formatCalendarDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/**
 * A local wall-clock moment (date and time as an official picks them in the cycle's time zone)
 * as the UTC instant the API expects.
 */
export function zonedToInstant(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): string {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The zone's offset at the guess, applied twice to settle across an offset change.
  let instant = guess;
  for (let i = 0; i < 2; i += 1) {
    const p = parts(new Date(instant), timeZone);
    const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    instant += guess - shown;
  }
  return new Date(instant).toISOString();
}
