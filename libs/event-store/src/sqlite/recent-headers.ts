/**
 * The headers of this process's last commits, so that `readAllHeaders` can answer a page of them
 * without SQLite: the signed log's follower re-reads every event within a second of its commit,
 * and reading it back costs it more than hashing it.
 *
 * A page is answered from here only when it is provably the page the file holds: positions are
 * unique integers, so headers at after+1, after+2, … with no gap are the whole log over that range,
 * and the page is complete once it has `maxCount` of them or reaches the file's head. A gap (another
 * process committed in between), an evicted start or a page past what is kept goes to SQLite.
 */
import type { RecordedEventHeader } from '../event-store.port.js';

export class RecentHeaders {
  private readonly ring: (RecordedEventHeader | undefined)[];
  /** Index in `ring` of the oldest header, and how many are kept. */
  private start = 0;
  private count = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<RecordedEventHeader | undefined>(capacity);
  }

  /** Keeps a committed event's header; positions come in increasing order (commit order). */
  add(header: RecordedEventHeader): void {
    if (this.count > 0 && header.position <= this.at(this.count - 1).position) this.clear();
    if (this.count === this.capacity) {
      this.start = (this.start + 1) % this.capacity;
      this.count--;
    }
    this.ring[(this.start + this.count) % this.capacity] = Object.freeze(header);
    this.count++;
  }

  /**
   * The page after `after` (at most `maxCount`, -1 for no limit) when it is all here without a gap
   * and complete against `head()`, the file's last position (asked only when needed); else undefined.
   */
  page(after: number, maxCount: number, head: () => number): RecordedEventHeader[] | undefined {
    const first = this.indexOf(after + 1);
    if (first === undefined) return undefined;
    const limit = maxCount < 0 ? Infinity : maxCount;
    const page: RecordedEventHeader[] = [];
    for (let i = first; i < this.count && page.length < limit; i++) {
      const header = this.at(i);
      if (header.position !== after + 1 + page.length) break;
      page.push(header);
    }
    if (page.length === limit || page[page.length - 1]!.position === head()) return page;
    return undefined;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.start = 0;
    this.count = 0;
  }

  private at(i: number): RecordedEventHeader {
    return this.ring[(this.start + i) % this.capacity]!;
  }

  /** The index of the header at `position`, by bisection (positions increase along the ring). */
  private indexOf(position: number): number | undefined {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.at(mid).position;
      if (at === position) return mid;
      if (at < position) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}
