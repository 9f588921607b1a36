/**
 * The tables the cycle list and the cycles of a unit are searched in, written from the cycle and
 * unit partitions in each checkpoint's transaction (`CheckpointIndex`): a list page is one SQL
 * query, whatever the number of cycles years of history left in the log.
 *
 * The list's cursor is the sort key (year, cluster, cycle id) of the last row of the previous page,
 * opaque to clients (base64url JSON): a page starts after it, so rows added or closed meanwhile
 * neither repeat nor shift the rest, unlike an offset.
 */
import type Database from 'better-sqlite3';
import { DomainError, type CycleConfig } from '#domain';
import { attachmentReferencesProjection } from '../attachments/attachment-references.js';
import {
  assembleCycleModel,
  cycleProjection,
  unitKey,
  unitProjection,
  type CycleModel,
  type CyclePartition,
  type UnitPartition,
} from '../cycle-model/cycle-model.js';
import type { IndexFactory } from '../runner/checkpoint-store.js';
import { cycleSummary, openedCycle, type CycleFilter, type CycleSummary } from './cycle-status.js';

export const CYCLE_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;

export interface CyclePage {
  items: CycleSummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface CycleQuery extends CycleFilter {
  /** Only the cycles this unit is a member, the leader or the deputy of. */
  relatedUnitId?: string;
}

type SortKey = [year: number, clusterId: string, cycleId: string];

/** A partition getter of one generation (the runner's state: memory first, then the file). */
type Get = (projection: string, key: string) => unknown;

/** The model of a cycle, assembled from its partitions; undefined for an unknown cycle. */
export function cycleModelOf(get: Get, cycleId: string): CycleModel | undefined {
  return assembleCycleModel(
    get(cycleProjection.name, cycleId) as CyclePartition | undefined,
    (unitId) => get(unitProjection.name, unitKey(cycleId, unitId)) as UnitPartition | undefined,
  );
}

export const cycleIndex: IndexFactory = (db) => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS cycle_index (
      generation INTEGER NOT NULL,
      cycle_id TEXT NOT NULL,
      year INTEGER NOT NULL,
      cluster_id TEXT NOT NULL,
      province_id TEXT NOT NULL,
      status TEXT NOT NULL,
      summary TEXT NOT NULL,
      PRIMARY KEY (generation, cycle_id)
    );
    CREATE INDEX IF NOT EXISTS cycle_index_order ON cycle_index (generation, year, cluster_id, cycle_id);
    CREATE TABLE IF NOT EXISTS cycle_unit (
      generation INTEGER NOT NULL,
      unit_id TEXT NOT NULL,
      cycle_id TEXT NOT NULL,
      member INTEGER NOT NULL,
      PRIMARY KEY (generation, unit_id, cycle_id)
    );
    CREATE INDEX IF NOT EXISTS cycle_unit_by_cycle ON cycle_unit (generation, cycle_id);
    CREATE TABLE IF NOT EXISTS attachment_ref (
      generation INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      cycle_id TEXT NOT NULL,
      PRIMARY KEY (generation, sha256, cycle_id)
    );
    CREATE INDEX IF NOT EXISTS attachment_ref_by_cycle ON attachment_ref (generation, cycle_id);`);
  const putCycle = db.prepare(
    'INSERT INTO cycle_index (generation, cycle_id, year, cluster_id, province_id, status, summary) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (generation, cycle_id) DO UPDATE SET year = excluded.year, ' +
      'cluster_id = excluded.cluster_id, province_id = excluded.province_id, status = excluded.status, summary = excluded.summary',
  );
  const hasUnits = db.prepare('SELECT 1 FROM cycle_unit WHERE generation = ? AND cycle_id = ? LIMIT 1');
  const putUnit = db.prepare(
    'INSERT OR REPLACE INTO cycle_unit (generation, unit_id, cycle_id, member) VALUES (?, ?, ?, ?)',
  );
  const clearRefs = db.prepare('DELETE FROM attachment_ref WHERE generation = ? AND cycle_id = ?');
  const putRef = db.prepare('INSERT OR IGNORE INTO attachment_ref (generation, sha256, cycle_id) VALUES (?, ?, ?)');
  return {
    tables: ['cycle_index', 'cycle_unit', 'attachment_ref'],
    write(generation, changes, get) {
      const cycles = new Set<string>();
      for (const [projection, key, state] of changes) {
        if (projection === cycleProjection.name) cycles.add(key);
        // A unit partition's key is `cycleId.unitId` (ids hold no dot): its event moves the cycle's position.
        else if (projection === unitProjection.name) cycles.add(key.slice(0, key.indexOf('.')));
        else if (projection === attachmentReferencesProjection.name) {
          clearRefs.run(generation, key);
          for (const sha of state as string[]) putRef.run(generation, sha, key);
        }
      }
      for (const cycleId of cycles) {
        const model = cycleModelOf(get, cycleId);
        const cycle = openedCycle(model);
        const summary = cycleSummary(model);
        if (!cycle || !summary) continue;
        putCycle.run(
          generation,
          cycleId,
          summary.year,
          summary.clusterId,
          summary.provinceId,
          summary.status,
          JSON.stringify(summary),
        );
        // Who belongs to a cycle is fixed when it opens: written once.
        if (hasUnits.get(generation, cycleId)) continue;
        writeUnits(putUnit, generation, cycleId, cycle.config);
      }
    },
  };
};

/** The cycle's member units (member = 1), and its leader and deputy units when not members (0). */
function writeUnits(putUnit: Database.Statement, generation: number, cycleId: string, config: CycleConfig): void {
  const related = new Map<string, number>(config.units.map((u) => [u.id, 1]));
  for (const leader of [config.leaderUnitId, config.deputyUnitId])
    if (leader !== undefined && !related.has(leader)) related.set(leader, 0);
  for (const [unitId, member] of related) putUnit.run(generation, unitId, cycleId, member);
}

/** One page of the cycles matching `query`, by year, cluster then cycle id. */
export function queryCycles(
  db: Database.Database,
  generation: number,
  query: CycleQuery,
  page: { cursor?: string; limit?: number } = {},
): CyclePage {
  const limit = Math.min(page.limit ?? CYCLE_PAGE.defaultLimit, CYCLE_PAGE.maxLimit);
  const where = ['c.generation = ?'];
  const params: (string | number)[] = [generation];
  const filter = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(`c.${column} = ?`);
    params.push(value);
  };
  filter('year', query.year);
  filter('cluster_id', query.clusterId);
  filter('province_id', query.provinceId);
  filter('status', query.status);
  if (query.relatedUnitId !== undefined) {
    where.push(
      'EXISTS (SELECT 1 FROM cycle_unit u WHERE u.generation = c.generation AND u.cycle_id = c.cycle_id AND u.unit_id = ?)',
    );
    params.push(query.relatedUnitId);
  }
  if (page.cursor !== undefined) {
    where.push('(c.year, c.cluster_id, c.cycle_id) > (?, ?, ?)');
    params.push(...decodeCycleCursor(page.cursor));
  }
  const rows = db
    .prepare(
      `SELECT c.summary FROM cycle_index c WHERE ${where.join(' AND ')} ORDER BY c.year, c.cluster_id, c.cycle_id LIMIT ?`,
    )
    .pluck()
    .all(...params, limit + 1) as string[];
  const items = rows.slice(0, limit).map((json) => JSON.parse(json) as CycleSummary);
  const more = rows.length > limit;
  return { items, nextCursor: more ? encodeCycleCursor(items[items.length - 1]!) : null };
}

/** The cycles `unitId` is a member of (not merely leads), with their status. */
export function cyclesOfUnit(
  db: Database.Database,
  generation: number,
  unitId: string,
): { cycleId: string; status: 'open' | 'closed' }[] {
  return db
    .prepare(
      'SELECT u.cycle_id AS cycleId, c.status AS status FROM cycle_unit u JOIN cycle_index c ' +
        'ON c.generation = u.generation AND c.cycle_id = u.cycle_id ' +
        'WHERE u.generation = ? AND u.unit_id = ? AND u.member = 1 ORDER BY u.cycle_id',
    )
    .all(generation, unitId) as { cycleId: string; status: 'open' | 'closed' }[];
}

/** The cycles whose evidence or dossier references the attachment with this sha256. */
export function cyclesReferencing(db: Database.Database, generation: number, sha256: string): string[] {
  return db
    .prepare('SELECT cycle_id FROM attachment_ref WHERE generation = ? AND sha256 = ? ORDER BY cycle_id')
    .pluck()
    .all(generation, sha256) as string[];
}

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
