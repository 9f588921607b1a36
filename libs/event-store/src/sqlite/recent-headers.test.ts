import { describe, expect, it } from '@jest/globals';
import { RecentHeaders } from './recent-headers.js';

const header = (position: number) => ({ streamId: `s-${position}`, revision: 0, position, hash: 'ab'.repeat(32) });
const positions = (page: { position: number }[] | undefined) => page?.map((h) => h.position);

function kept(capacity: number, ...ranges: [number, number][]): RecentHeaders {
  const recent = new RecentHeaders(capacity);
  for (const [from, to] of ranges) for (let p = from; p <= to; p++) recent.add(header(p));
  return recent;
}

describe('RecentHeaders', () => {
  it('answers a page that is whole: maxCount headers without a gap, or every one up to the head', () => {
    const recent = kept(100, [1, 10]);
    expect(positions(recent.page(0, 4, () => 10))).toEqual([1, 2, 3, 4]);
    expect(positions(recent.page(4, -1, () => 10))).toEqual([5, 6, 7, 8, 9, 10]);
    expect(positions(recent.page(8, 5, () => 10))).toEqual([9, 10]);
    expect(recent.page(3, 0, () => 10)).toEqual([]);
  });

  it('leaves to the file a page that reaches short of the head, crosses a gap, or starts where it has nothing', () => {
    const recent = kept(100, [1, 5], [8, 10]);
    expect(recent.page(4, -1, () => 12)).toBeUndefined();
    expect(recent.page(0, 10, () => 10)).toBeUndefined();
    expect(positions(recent.page(0, 5, () => 10))).toEqual([1, 2, 3, 4, 5]);
    expect(recent.page(5, 2, () => 10)).toBeUndefined();
    expect(positions(recent.page(7, -1, () => 10))).toEqual([8, 9, 10]);
    expect(recent.page(10, 5, () => 10)).toBeUndefined();
    expect(kept(100).page(0, 5, () => 0)).toBeUndefined();
  });

  it('keeps the last `capacity` headers, frozen, and forgets all on a position that does not increase', () => {
    const recent = kept(4, [1, 10]);
    expect(recent.page(5, -1, () => 10)).toBeUndefined();
    const page = recent.page(6, -1, () => 10)!;
    expect(positions(page)).toEqual([7, 8, 9, 10]);
    expect(Object.isFrozen(page[0])).toBe(true);
    recent.add(header(3));
    expect(recent.page(6, -1, () => 10)).toBeUndefined();
    expect(positions(recent.page(2, -1, () => 3))).toEqual([3]);
  });
});
