import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatNumber, formatPoints, zonedToInstant } from './format';

describe('formatting for officials', () => {
  it('writes points with a decimal comma in Vietnamese and a point in English', () => {
    expect(formatPoints(97.5)).toBe('97,5');
    expect(formatPoints(96)).toBe('96');
    expect(formatPoints(94.5, 'en')).toBe('94.5');
    expect(formatPoints(null)).toBe('—');
  });

  it('writes figures with a decimal comma and grouped thousands in Vietnamese', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(0.125)).toBe('0,125');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(undefined)).toBe('—');
  });

  it('shows an instant in the cycle time zone, never in UTC', () => {
    // 16:59 UTC on 28 February is 23:59 in Hồ Chí Minh City.
    expect(formatDateTime('2020-02-28T16:59:59.999Z', 'Asia/Ho_Chi_Minh')).toBe('23:59 ngày 28/02/2020');
    expect(formatDateTime('2020-02-28T17:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('00:00 ngày 29/02/2020');
    expect(formatDateTime('2020-02-28T17:00:00.000Z', 'Asia/Ho_Chi_Minh', 'en')).toBe('00:00 on 29/02/2020');
    expect(formatDate('2020-12-31T18:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('01/01/2021');
  });

  it('turns a calendar date into dd/mm/yyyy', () => {
    expect(formatCalendarDate('2021-04-20')).toBe('20/04/2021');
  });

  it('reads a local wall-clock moment picked in the cycle time zone as its UTC instant', () => {
    expect(zonedToInstant({ year: 2020, month: 12, day: 16, hour: 8, minute: 30 }, 'Asia/Ho_Chi_Minh')).toBe(
      '2020-12-16T01:30:00.000Z',
    );
    expect(zonedToInstant({ year: 2020, month: 7, day: 1, hour: 12, minute: 0 }, 'Europe/Paris')).toBe(
      '2020-07-01T10:00:00.000Z',
    );
  });
});
