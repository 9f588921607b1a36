import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultCycleId } from '../../../domain/src/index.js';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { leaderOf, officerOf, openCycle, playYear, referencePlan } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';

const plan = referencePlan();
const cycleId = defaultCycleId(plan.clusterId, plan.year);
const leader = leaderOf(plan.leaderUnitId);
const targets = [{ criterionId: 'C1.1', target: 100 }];

describe('cycle status: steps and each unit’s state per step', () => {
  const temp = tempStore();
  let models: ReadModels;

  beforeAll(async () => {
    const driver = new CycleDriver(temp.store);
    await openCycle(driver, plan);
    await driver.run({ cycleId, type: 'OpenStep', actor: leader, at: '2020-02-01T01:00:00Z', step: 'registration' });
    await driver.run({ cycleId, type: 'SubmitRegistration', actor: officerOf('an-phu'), at: '2020-02-20T02:00:00Z', unitId: 'an-phu', targets });
    await driver.run({ cycleId, type: 'SubmitRegistration', actor: officerOf('chau-thanh'), at: '2020-02-20T03:00:00Z', unitId: 'chau-thanh', targets });
    await driver.run({ cycleId, type: 'ReturnSubmission', actor: leader, at: '2020-02-21T02:00:00Z', unitId: 'chau-thanh', submission: 'registration', reason: 'Thiếu chỉ tiêu thu ngân sách' });
    await driver.run({ cycleId, type: 'SubmitRegistration', actor: officerOf('phu-tan'), at: '2020-02-20T04:00:00Z', unitId: 'phu-tan', targets });
    await driver.run({ cycleId, type: 'SubmitRegistration', actor: officerOf('phu-tan'), at: '2020-02-22T04:00:00Z', unitId: 'phu-tan', targets });
    await driver.run({ cycleId, type: 'AcceptSubmission', actor: leader, at: '2020-02-23T02:00:00Z', unitId: 'phu-tan', submission: 'registration' });
    await driver.run({ cycleId, type: 'ExtendDueDate', actor: leader, at: '2020-02-25T02:00:00Z', step: 'registration', unitId: 'cho-moi', due: '2020-03-10', reason: 'Lũ lụt' });
    await driver.run({ cycleId, type: 'SubmitRegistration', actor: officerOf('tri-ton'), at: '2020-03-02T02:00:00Z', unitId: 'tri-ton', targets });
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
    expect(status.steps[0]).toMatchObject({ dueAt: '2020-02-28T16:59:59.999Z', unitDueAt: { 'cho-moi': '2020-03-10T16:59:59.999Z' } });
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
    expect(await models.listCycles()).toEqual([expect.objectContaining({ cycleId, year: 2020, status: 'open', currentStep: 'registration', unitCount: 6 })]);
    expect(await models.listCycles({ year: 2020, clusterId: plan.clusterId })).toHaveLength(1);
    expect(await models.listCycles({ year: 2021 })).toEqual([]);
    expect(await models.listCycles({ clusterId: 'other' })).toEqual([]);
  });

  it('gives each unit its coming deadlines: extensions counted, submitted or overdue', async () => {
    const now = '2020-03-01T00:00:00Z';
    const choMoi = (await models.unitDeadlines('cho-moi', now))!;
    expect(choMoi[0]).toMatchObject({ cycleId, step: 'registration', dueAt: '2020-03-10T16:59:59.999Z', extended: true, submitted: false, overdue: false });
    // Chợ Mới leads the cluster: the nomination deadline is its own too.
    expect(choMoi.map((d) => d.step)).toEqual(['registration', 'mid-year-review', 'self-assessment', 'vote', 'nomination']);
    const chauPhu = (await models.unitDeadlines('chau-phu', now))!;
    expect(chauPhu[0]).toMatchObject({ step: 'registration', overdue: true, submitted: false });
    expect(chauPhu.map((d) => d.step)).not.toContain('nomination');
    // Submitted on time, due date passed: nothing owed for registration any more.
    expect((await models.unitDeadlines('an-phu', now))!.map((d) => d.step)).toEqual(['mid-year-review', 'self-assessment', 'vote']);
    // Returned: to be submitted again.
    expect((await models.unitDeadlines('chau-thanh', now))![0]).toMatchObject({ step: 'registration', submitted: false, overdue: true });
    expect(await models.unitDeadlines('nobody', now)).toBeUndefined();
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
      expect(status.vote).toMatchObject({ status: 'closed', round: 1, members: 6, participants: 6, mode: 'electronic' });
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
  });
});
