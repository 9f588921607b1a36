/**
 * The native instant parser answers as luxon's `DateTime.fromISO` did on every string it takes:
 * the same milliseconds for a valid instant, invalid for an impossible date or time, and no
 * opinion (left to luxon) on anything else.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { instantMillis, isIsoInstant } from '../src/index.js';
import { parseIsoInstantMillis } from '../src/time/iso-instant.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Instant-shaped strings whose fields run past their ranges (month 13, day 31 of April, hour 24...). */
const instantLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 61 })),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
    offset: fc.oneof(
      fc.constant('Z'),
      fc.record({
        sign: fc.constantFrom('+', '-'),
        hours: fc.integer({ min: 0, max: 14 }),
        minutes: fc.constantFrom(0, 15, 30, 45, 59),
        colon: fc.boolean(),
      }),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, offset }) => {
    const time = `${pad(hour, 2)}:${pad(minute, 2)}${second === null ? '' : `:${pad(second, 2)}${fraction === null ? '' : `.${fraction}`}`}`;
    const zone =
      offset === 'Z' ? 'Z' : `${offset.sign}${pad(offset.hours, 2)}${offset.colon ? ':' : ''}${pad(offset.minutes, 2)}`;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${zone}`;
  });

const luxonMillis = (value: string) => {
  const parsed = DateTime.fromISO(value);
  return parsed.isValid ? parsed.toMillis() : NaN;
};

describe('parseIsoInstantMillis', () => {
  it('agrees with luxon on instant-shaped strings, valid or not', () => {
    fc.assert(
      fc.property(instantLike, (value) => {
        const native = parseIsoInstantMillis(value);
        if (native !== undefined) expect([value, native]).toEqual([value, luxonMillis(value)]);
      }),
      { numRuns: 10_000 },
    );
  });

  it('agrees with luxon on instants near now, in leap years and at the edges of days', () => {
    const cases = [
      '2024-02-29T23:59:59.999Z',
      '2023-02-29T00:00:00Z',
      '2100-02-29T00:00:00Z',
      '2000-02-29T12:00:00+07:00',
      '2026-12-31T23:59:59.9999999+14:00',
      '2026-01-01T00:00-12:00',
      '2026-06-15T24:00:00Z',
      '2026-06-15T24:00:00.000+07:00',
      '2026-06-15T24:00:00.001Z',
      '2026-12-31T24:00Z',
      '2026-06-15T23:60:00Z',
      '2026-06-15T23:59:60Z',
      '2026-03-01T08:00:00.1+0700',
      '2026-03-01T08:00:00.12Z',
      '2026-03-01T08:00:00.123456789Z',
      '1970-01-01T00:00:00Z',
      '0999-05-05T05:05:05Z',
      '0100-01-01T00:00:00Z',
    ];
    for (const value of cases) {
      const native = parseIsoInstantMillis(value);
      expect([value, native ?? luxonMillis(value)]).toEqual([value, luxonMillis(value)]);
    }
    for (let ms = Date.UTC(2019, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 7_777_777_777 / 97) {
      const iso = new Date(Math.floor(ms)).toISOString();
      expect(parseIsoInstantMillis(iso)).toBe(luxonMillis(iso));
    }
  });

  it('leaves strings of other shapes to luxon', () => {
    for (const value of [
      '2026-03-01',
      '2026-03-01T08:00:00',
      '2026-03-01T08:00:00+07',
      '2026-03-01t08:00z',
      '0050-01-01T00:00:00Z',
    ])
      expect(parseIsoInstantMillis(value)).toBeUndefined();
  });
});

/** The two functions as they were, on luxon alone. */
const LUXON_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
function luxonIsIsoInstant(value: string): boolean {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  const realOffset =
    !offset || value.endsWith('Z') || (Number(offset[3]) < 60 && Number(offset[2]) * 60 + Number(offset[3]) <= 14 * 60);
  return LUXON_INSTANT.test(value) && realOffset && DateTime.fromISO(value).isValid;
}

describe('isIsoInstant and instantMillis', () => {
  it('answer as they did with luxon alone', () => {
    fc.assert(
      fc.property(instantLike, (value) => {
        expect([value, isIsoInstant(value)]).toEqual([value, luxonIsIsoInstant(value)]);
        if (isIsoInstant(value)) expect(instantMillis(value)).toBe(DateTime.fromISO(value).toMillis());
      }),
      { numRuns: 3_000 },
    );
  });
});
