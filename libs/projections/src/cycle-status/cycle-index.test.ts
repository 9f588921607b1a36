import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '#domain';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { openCycle, playYear } from '../testing/play-year.js';
import { syntheticPlan } from '../testing/synthetic-plan.js';
import { tempStore } from '../testing/temp-store.js';
import { CYCLE_PAGE, encodeCycleCursor, type CyclePage } from './cycle-index.js';
import type { CycleSummary } from './cycle-status.js';

const ids = (page: CyclePage) => page.items.map((r) => r.cycleId);
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byYearClusterCycle = (a: CycleSummary, b: CycleSummary) =>
  a.year - b.year || text(a.clusterId, b.clusterId) || text(a.cycleId, b.cycleId);

/**
 * The cycle list searched in the read models' SQLite index: 510 opened cycles over five years
 * (more than a page's maximum), one of another province, one of other units, one played to its
 * decision (closed).
 */
describe('the cycle index', () => {
  const temp = tempStore();
  let models: ReadModels;
  const OPENED = CYCLE_PAGE.maxLimit + 10;

  beforeAll(async () => {
    const driver = new CycleDriver(temp.store);
    for (let i = 0; i < OPENED; i++) await openCycle(driver, syntheticPlan(i, 3));
    await openCycle(driver, { ...syntheticPlan(9001, 3), provinceId: 'can-tho' });
    const others = syntheticPlan(9002, 3);
    await openCycle(driver, {
      ...others,
      units: others.units.map((u) => ({ ...u, id: `x-${u.id}` })),
      leaderUnitId: 'x-u01',
      deputyUnitId: 'x-u02',
    });
    await playYear(driver, syntheticPlan(9003, 5));
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  }, 120_000);

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('walks the whole list page by page in (year, cluster, cycle) order, each row once', async () => {
    const seen: CycleSummary[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await models.cyclePage({}, { limit: 100, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toHaveLength(OPENED + 3);
    expect(new Set(seen.map((r) => r.cycleId)).size).toBe(seen.length);
    expect(seen.map((r) => r.cycleId)).toEqual([...seen].sort(byYearClusterCycle).map((r) => r.cycleId));
    expect(pages).toBe(Math.ceil((OPENED + 3) / 100));
  });

  it('caps the limit at the maximum and defaults it', async () => {
    expect((await models.cyclePage({}, { limit: 10_000 })).items).toHaveLength(CYCLE_PAGE.maxLimit);
    expect((await models.cyclePage()).items).toHaveLength(CYCLE_PAGE.defaultLimit);
  });

  it('filters by year, cluster, province, status and related unit', async () => {
    const in2021 = await models.listCycles({ year: 2021 });
    expect(in2021.length).toBeGreaterThan(0);
    expect(in2021.every((r) => r.year === 2021)).toBe(true);
    expect(ids({ items: await models.listCycles({ clusterId: 'cum-7' }), nextCursor: null })).toEqual(['cum-7-2022']);
    expect((await models.listCycles({ provinceId: 'can-tho' })).map((r) => r.clusterId)).toEqual(['cum-9001']);
    expect((await models.listCycles({ status: 'closed' })).map((r) => r.clusterId)).toEqual(['cum-9003']);
    const ofOthers = await models.cyclePage({ relatedUnitId: 'x-u03' });
    expect(ofOthers.items.map((r) => r.clusterId)).toEqual(['cum-9002']);
    expect((await models.cyclesOfUnit('x-u01')).map((c) => c.cycleId)).toEqual([ofOthers.items[0]!.cycleId]);
    expect(await models.cyclesOfUnit('nobody')).toEqual([]);
  });

  it('starts after the cursor row, a filtered page too', async () => {
    const first = await models.cyclePage({ year: 2020 }, { limit: 3 });
    const next = await models.cyclePage({ year: 2020 }, { limit: 3, cursor: first.nextCursor! });
    const both = await models.cyclePage({ year: 2020 }, { limit: 6 });
    expect([...ids(first), ...ids(next)]).toEqual(ids(both));
    // A cursor past the last row: an empty last page.
    const past = encodeCycleCursor({ year: 9999, clusterId: 'z', cycleId: 'z' } as CycleSummary);
    expect(await models.cyclePage({}, { cursor: past })).toEqual({ items: [], nextCursor: null });
  });

  it.each(['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses a cursor it did not make (%s), naming the field',
    async (cursor) => {
      const error = await models.cyclePage({}, { cursor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect((error as DomainError).errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    },
  );
});
