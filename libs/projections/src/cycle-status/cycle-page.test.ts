import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#domain';
import { CYCLE_PAGE, cyclePage, encodeCycleCursor } from './cycle-page.js';
import type { CycleSummary } from './cycle-status.js';

const row = (year: number, clusterId: string, cycleId = `${clusterId}-${year}`) =>
  ({ year, clusterId, cycleId }) as CycleSummary;
const rows = [row(2020, 'a'), row(2020, 'b'), row(2021, 'a'), row(2021, 'b'), row(2022, 'a')];
const ids = (page: { items: CycleSummary[] }) => page.items.map((r) => r.cycleId);

describe('cyclePage', () => {
  it('walks the whole list page by page, each row once, the last page without a next cursor', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = cyclePage(rows, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(rows.map((r) => r.cycleId));
    expect(pages).toBe(3);
  });

  it('starts after the cursor row even when that row is gone from the list', () => {
    const cursor = encodeCycleCursor(row(2020, 'b'));
    const without = rows.filter((r) => r.cycleId !== 'b-2020');
    expect(ids(cyclePage(without, { cursor, limit: 2 }))).toEqual(['a-2021', 'b-2021']);
  });

  it('caps the limit at the maximum and defaults it', () => {
    const many = Array.from({ length: CYCLE_PAGE.maxLimit + 10 }, (_, i) =>
      row(2020, `c${String(i).padStart(4, '0')}`),
    );
    expect(cyclePage(many, { limit: 10_000 }).items).toHaveLength(CYCLE_PAGE.maxLimit);
    expect(cyclePage(many).items).toHaveLength(CYCLE_PAGE.defaultLimit);
  });

  it.each(['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses a cursor it did not make (%s), naming the field',
    (cursor) => {
      const error = (() => {
        try {
          cyclePage(rows, { cursor });
        } catch (e) {
          return e;
        }
      })() as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    },
  );
});
