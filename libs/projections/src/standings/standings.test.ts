import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReadModels } from '../read-models.js';
import { loadScenario } from '#scenario';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan, type PlayedYear } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';

const scenario = loadScenario();

describe('standings of the reference year', () => {
  const temp = tempStore();
  let models: ReadModels;
  let played: PlayedYear;
  let driver: CycleDriver;

  beforeAll(async () => {
    driver = new CycleDriver(temp.store);
    played = await playYear(driver, referencePlan());
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('ends with the locked final scores and ranking of the scenario', async () => {
    const standings = (await models.standings(played.cycleId))!;
    expect(standings.locked).toBe(true);
    expect(standings.rows.map((r) => r.unitId)).toEqual(scenario.expectedRanking);
    expect(standings.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.fromEntries(standings.rows.map((r) => [r.unitId, r.finalScore]))).toEqual(
      scenario.expectedFinalScores,
    );
  });

  it('shows names, registration, aimed award, vote, nomination and award of each unit', async () => {
    const rows = (await models.standings(played.cycleId))!.rows;
    const anPhu = rows.find((r) => r.unitId === 'an-phu')!;
    expect(anPhu).toMatchObject({
      unitName: 'Huyện An Phú',
      registered: true,
      aimedAward: 'emulation-flag',
      selfScore: scenario.expectedFinalScores['an-phu'], // no adjustment: its own score is the final one
      vote: { 'emulation-flag': { approve: 5, reject: 1, passed: true } },
      nominated: ['emulation-flag'],
      awarded: ['emulation-flag'],
      late: [],
    });
    const triTon = rows.find((r) => r.unitId === 'tri-ton')!;
    // The reviewers took half a point off Tri Tôn's own 96.
    expect(triTon).toMatchObject({
      selfScore: 96,
      finalScore: 95.5,
      provisionalScore: 95.5,
      vote: null,
      nominated: [],
      awarded: [],
    });
    expect(rows.find((r) => r.unitId === 'chau-thanh')).toMatchObject({
      nominated: ['certificate-of-merit'],
      awarded: ['certificate-of-merit'],
    });
  });

  it('as of a moment before the lock: provisional ranking, no final score', async () => {
    const before = (await models.standings(played.cycleId, { asOf: played.beforeLockAt }))!;
    expect(before.locked).toBe(false);
    expect(before.rows.every((r) => r.finalScore === null && r.vote === null && r.nominated.length === 0)).toBe(true);
    expect(Object.fromEntries(before.rows.map((r) => [r.unitId, r.provisionalScore]))).toEqual(
      scenario.expectedFinalScores,
    );
    const after = (await models.standings(played.cycleId))!;
    expect(before.rows).not.toEqual(after.rows);
  });

  it('at the log position just before the lock equals as of the moment before it', async () => {
    const atPosition = await models.standings(played.cycleId, { atPosition: played.beforeLock });
    const asOf = await models.standings(played.cycleId, { asOf: played.beforeLockAt });
    expect(atPosition!.rows).toEqual(asOf!.rows);
    expect(atPosition!.position).toBe(played.beforeLock);
    const atLock = await models.standings(played.cycleId, { atPosition: played.locked });
    expect(atLock!.locked).toBe(true);
  });

  it('before the adjustment, Tri Tôn still has its own score', async () => {
    const beforeAdjustment = (await models.standings(played.cycleId, { atPosition: played.beforeLock - 1 }))!;
    const adjustment = scenario.adjustments.find((a) => a.unitId === 'tri-ton')!;
    expect(beforeAdjustment.rows.find((r) => r.unitId === 'tri-ton')!.provisionalScore).toBe(
      scenario.expectedFinalScores['tri-ton']! + adjustment.from - adjustment.to,
    );
  });

  it('shows every unit eligible in the reference year, with no reason against it', async () => {
    const rows = (await models.standings(played.cycleId))!.rows;
    expect(rows.map((r) => [r.eligible, r.ineligible])).toEqual(rows.map(() => [true, []]));
  });

  it('shows a revoked award as revoked, no longer awarded', async () => {
    const revoked = await driver.run({
      type: 'RevokeAward',
      cycleId: played.cycleId,
      actor: { userId: 'chu-tich', roles: ['approver'], provinceId: 'an-giang' },
      at: '2021-09-01T02:00:00Z',
      unitId: 'chau-thanh',
      award: 'certificate-of-merit',
      reason: 'Kê khai thành tích không đúng',
      legalGround: 'Điều 76 Luật Thi đua, khen thưởng 2022',
      decisionNo: '2100/QĐ-UBND',
      issuedOn: '2021-09-01',
    });
    expect(await models.waitForPosition(revoked.position)).toBe(true);
    const row = (await models.standings(played.cycleId))!.rows.find((r) => r.unitId === 'chau-thanh')!;
    expect(row).toMatchObject({ awarded: [], revoked: ['certificate-of-merit'] });
    const trail = (await models.auditTrail(played.cycleId))!;
    expect(trail.at(-1)!.summary).toBe(
      'Thu hồi Bằng khen của Chủ tịch UBND tỉnh của Huyện Châu Thành theo quyết định số 2100/QĐ-UBND ngày 01/09/2021, căn cứ Điều 76 Luật Thi đua, khen thưởng 2022; thu hồi hiện vật khen thưởng',
    );
  });

  it('as of now equals the current standings; before the opening, there is no cycle', async () => {
    expect(await models.standings(played.cycleId, { asOf: new Date().toISOString() })).toEqual(
      await models.standings(played.cycleId),
    );
    expect(await models.standings(played.cycleId, { asOf: '2019-01-01T00:00:00Z' })).toBeUndefined();
    expect(await models.standings('no-such-cycle')).toBeUndefined();
  });

  it('refuses an asOf that is not an instant and a negative position, with VALIDATION_FAILED', async () => {
    await expect(models.standings(played.cycleId, { asOf: 'yesterday' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(models.standings(played.cycleId, { atPosition: -1 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
