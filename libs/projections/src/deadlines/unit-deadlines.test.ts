import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan } from '../testing/play-year.js';
import { registrationScene } from '../testing/registration-scene.js';
import { tempStore } from '../testing/temp-store.js';

describe('a unit’s coming deadlines', () => {
  const temp = tempStore();
  let models: ReadModels;
  let cycleId: string;

  beforeAll(async () => {
    cycleId = await registrationScene(new CycleDriver(temp.store));
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('extensions counted, submitted or overdue, the leader unit’s nomination too', async () => {
    const now = '2020-03-01T00:00:00Z';
    const choMoi = (await models.unitDeadlines('cho-moi', now))!;
    expect(choMoi[0]).toMatchObject({
      cycleId,
      step: 'registration',
      dueAt: '2020-03-10T16:59:59.999Z',
      extended: true,
      submitted: false,
      overdue: false,
    });
    // Chợ Mới leads the cluster: the nomination deadline is its own too.
    expect(choMoi.map((d) => d.step)).toEqual([
      'registration',
      'mid-year-review',
      'self-assessment',
      'vote',
      'nomination',
    ]);
    const chauPhu = (await models.unitDeadlines('chau-phu', now))!;
    expect(chauPhu[0]).toMatchObject({ step: 'registration', overdue: true, submitted: false });
    expect(chauPhu.map((d) => d.step)).not.toContain('nomination');
    // Submitted on time, due date passed: nothing owed for registration any more.
    expect((await models.unitDeadlines('an-phu', now))!.map((d) => d.step)).toEqual([
      'mid-year-review',
      'self-assessment',
      'vote',
    ]);
    // Returned: to be submitted again.
    expect((await models.unitDeadlines('chau-thanh', now))![0]).toMatchObject({
      step: 'registration',
      submitted: false,
      overdue: true,
    });
    expect(await models.unitDeadlines('nobody', now)).toBeUndefined();
  });

  it('across cycles, sorted by due date; nothing once a cycle is closed', async () => {
    const other = tempStore();
    try {
      const driver = new CycleDriver(other.store);
      await playYear(driver, referencePlan());
      await playYear(driver, { ...referencePlan(), year: 2021 }, { stopAfterBallots: true });
      const closedAndOpen = await ReadModels.start(other.store, { dataDir: other.dir });
      const deadlines = (await closedAndOpen.unitDeadlines('an-phu', '2021-01-01T00:00:00Z'))!;
      // The 2020 cycle is closed; in 2021 the vote is open and An Phú has voted.
      expect(deadlines.map((d) => [d.cycleId, d.step, d.submitted])).toEqual([['an-giang-cum-2-2021', 'vote', true]]);
      await closedAndOpen.close();
    } finally {
      await other.dispose();
    }
  });
});
