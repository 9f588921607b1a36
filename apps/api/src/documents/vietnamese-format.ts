/** How documents write numbers, dates and names for the people who read them. */
import { DateTime } from 'luxon';

/** Points the Vietnamese way, with a decimal comma: 97,5 (null: an empty cell). */
export function points(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

/** `HH:mm ngày dd/mm/yyyy` in the cycle's time zone. */
export function localMoment(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toFormat("HH:mm 'ngày' dd/MM/yyyy");
}

/** `ngày dd tháng mm năm yyyy` of an instant in the cycle's time zone, or of a calendar date. */
export function longDate(instantOrDate: string, timeZone: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(instantOrDate)
    ? DateTime.fromISO(instantOrDate, { zone: timeZone })
    : DateTime.fromISO(instantOrDate, { zone: 'utc' }).setZone(timeZone);
  return `ngày ${d.toFormat('dd')} tháng ${d.toFormat('MM')} năm ${d.toFormat('yyyy')}`;
}

/** `dd/mm/yyyy` of an instant in the cycle's time zone, or of a calendar date. */
export function shortDate(instantOrDate: string, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(instantOrDate)) return instantOrDate.split('-').reverse().join('/');
  return DateTime.fromISO(instantOrDate, { zone: 'utc' }).setZone(timeZone).toFormat('dd/MM/yyyy');
}

/** A ratio "n/d" as a percentage: "7/10" → "70%", "2/3" → "66,67%". */
export function percentOf(ratio: string): string {
  const [n, d] = ratio.split('/').map(Number) as [number, number];
  return `${points(Math.round((n / d) * 10_000) / 100)}%`;
}

/** "Huyện Chợ Mới" → "Chợ Mới": the place name of a unit, for the place and date line. */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Huyện|Quận|Thị xã|Thành phố|Thị trấn|Xã|Phường|Đặc khu)\s+/u, '');
}

/** Lower-case ASCII words joined by hyphens: "Cụm thi đua số 2" → "cum-thi-dua-so-2". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The file name of a cycle's document: `bang-diem` + "Cụm thi đua số 2", 2020 → `bang-diem-cum-2-2020`. */
export function documentFileName(kind: string, clusterName: string, year: number, extension: string): string {
  const cluster = asciiSlug(clusterName)
    .replace(/-thi-dua/, '')
    .replace(/-so-(?=\d)/, '-');
  return `${kind}-${cluster || 'cum'}-${year}.${extension}`;
}
