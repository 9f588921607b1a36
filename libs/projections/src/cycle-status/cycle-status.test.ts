import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultCycleId } from '#domain';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan } from '../testing/play-year.js';
import { registrationScene } from '../testing/registration-scene.js';
import { tempStore } from '../testing/temp-store.js';

const plan = referencePlan();
const cycleId = defaultCycleId(plan.clusterId, plan.year);

describe('cycle status: steps and each unit’s state per step', () => {
  const temp = tempStore();
  let models: ReadModels;

  beforeAll(async () => {
    await registrationScene(new CycleDriver(temp.store));
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('gives each step its status and due date in force, and the units’ own extensions', async () => {
    const status = (await models.cycle(cycleId))!;
    expect(status.steps.map((s) => [s.step, s.status])).toEqual([
      ['registration', 'open'],
      ['mid-year-review', 'pending'],
      ['self-assessment', 'pending'],
      ['vote', 'pending'],
      ['nomination', 'pending'],
      ['decision', 'pending'],
    ]);
    // The end of 28 February in Asia/Ho_Chi_Minh (UTC+7).
    expect(status.steps[0]).toMatchObject({
      dueAt: '2020-02-28T16:59:59.999Z',
      unitDueAt: { 'cho-moi': '2020-03-10T16:59:59.999Z' },
    });
    expect(status.currentStep).toBe('registration');
    expect(status.config.clusterName).toBe('Cụm thi đua số 2');
  });

  it('gives each unit missing, submitted, late, returned or accepted, with its versions', async () => {
    const units = Object.fromEntries((await models.cycle(cycleId))!.units.map((u) => [u.unitId, u.steps.registration]));
    expect(units['an-phu']).toMatchObject({ state: 'submitted', late: false, versions: 1 });
    expect(units['chau-thanh']).toMatchObject({ state: 'returned', versions: 1 });
    expect(units['phu-tan']).toMatchObject({ state: 'accepted', versions: 2, submittedAt: '2020-02-22T04:00:00Z' });
    expect(units['tri-ton']).toMatchObject({ state: 'late', late: true, versions: 1 });
    expect(units['cho-moi']).toMatchObject({ state: 'missing', versions: 0, dueAt: '2020-03-10T16:59:59.999Z' });
    expect(units['chau-phu']).toMatchObject({ state: 'missing', versions: 0, dueAt: '2020-02-28T16:59:59.999Z' });
  });

  it('lists the cycle, filtered by year and cluster', async () => {
    expect(await models.listCycles()).toEqual([
      expect.objectContaining({ cycleId, year: 2020, status: 'open', currentStep: 'registration', unitCount: 6 }),
    ]);
    expect(await models.listCycles({ year: 2020, clusterId: plan.clusterId })).toHaveLength(1);
    expect(await models.listCycles({ year: 2021 })).toEqual([]);
    expect(await models.listCycles({ clusterId: 'other' })).toEqual([]);
  });

  it('follows the cycle to its close', async () => {
    const other = tempStore();
    try {
      const { cycleId: closedId } = await playYear(new CycleDriver(other.store), referencePlan());
      const closed = await ReadModels.start(other.store, { dataDir: other.dir });
      const status = (await closed.cycle(closedId))!;
      expect(status.status).toBe('closed');
      expect(status.steps.every((s) => s.status === 'closed')).toBe(true);
      expect(status.currentStep).toBeNull();
      expect(status.scoresLocked).toBe(true);
      expect(status.vote).toMatchObject({
        status: 'closed',
        round: 1,
        members: 6,
        participants: 6,
        mode: 'electronic',
      });
      expect(status.units.every((u) => u.voted && u.steps['self-assessment'].state === 'accepted')).toBe(true);
      expect(status.decision).toEqual({ decisionNo: '0000/QĐ-UBND', issuedOn: '2021-04-20' });
      expect(await closed.unitDeadlines('an-phu', '2021-01-01T00:00:00Z')).toEqual([]);
      await closed.close();
    } finally {
      await other.dispose();
    }
  });

  it('is undefined for an unknown cycle', async () => {
    expect(await models.cycle('no-such-cycle')).toBeUndefined();
    expect(await models.listCycles({ year: 1999 })).toEqual([]);
  });
});
