/**
 * One page of the cycle list. The cursor is the sort key (year, cluster, cycle id) of the last row
 * of the previous page, opaque to clients (base64url JSON): a page starts after it, so rows added
 * or closed meanwhile neither repeat nor shift the rest, unlike an offset.
 */
import { DomainError } from '#domain';
import type { CycleSummary } from './cycle-status.js';

export const CYCLE_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;

export interface CyclePage {
  items: CycleSummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

type SortKey = [year: number, clusterId: string, cycleId: string];

export function encodeCycleCursor(row: CycleSummary): string {
  const key: SortKey = [row.year, row.clusterId, row.cycleId];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Throws VALIDATION_FAILED (the field: cursor) for anything `encodeCycleCursor` did not make. */
export function decodeCycleCursor(cursor: string): SortKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === 3 &&
    Number.isInteger(key[0]) &&
    typeof key[1] === 'string' &&
    typeof key[2] === 'string';
  if (!valid) {
    const vi = 'không phải là con trỏ trang do hệ thống cấp (lấy từ nextCursor của trang trước)';
    throw new DomainError('VALIDATION_FAILED', {
      vi: `cursor ${vi}`,
      en: "cursor is not a cursor this API gave out (take the previous page's nextCursor)",
      errors: [
        {
          field: 'cursor',
          message: vi,
          messageEn: "not a cursor this API gave out (take the previous page's nextCursor)",
        },
      ],
    });
  }
  return key as SortKey;
}

/** `rows` sorted as `listCycles` sorts them; the page after `cursor`, at most `limit` rows. */
export function cyclePage(rows: readonly CycleSummary[], options: { cursor?: string; limit?: number } = {}): CyclePage {
  const limit = Math.min(options.limit ?? CYCLE_PAGE.defaultLimit, CYCLE_PAGE.maxLimit);
  let start = 0;
  if (options.cursor !== undefined) {
    const [year, clusterId, cycleId] = decodeCycleCursor(options.cursor);
    const after = (r: CycleSummary) =>
      r.year !== year ? r.year > year : r.clusterId !== clusterId ? r.clusterId > clusterId : r.cycleId > cycleId;
    start = rows.findIndex(after);
    if (start === -1) start = rows.length;
  }
  const items = rows.slice(start, start + limit);
  const more = start + limit < rows.length;
  return { items, nextCursor: more && items.length > 0 ? encodeCycleCursor(items[items.length - 1]) : null };
}
