import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ReadModels } from '../read-models.js';
import { loadScenario } from '#scenario';
import { CycleDriver } from '../testing/cycle-driver.js';
import { leaderOf, playYear, referencePlan, type PlayedYear } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';

const scenario = loadScenario();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the vote view, of a round opened to publish its ballots', () => {
  const temp = tempStore();
  let models: ReadModels;
  let driver: CycleDriver;
  let played: PlayedYear;

  beforeAll(async () => {
    driver = new CycleDriver(temp.store);
    played = await playYear(driver, { ...referencePlan(), publishBallots: true }, { stopAfterBallots: true });
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('while open: roster and who took part, but no count and no ballot', async () => {
    const view = (await models.vote(played.cycleId))!;
    expect(view).toMatchObject({
      status: 'open',
      round: 1,
      mode: 'electronic',
      members: 6,
      candidates: scenario.vote.candidates,
    });
    expect(view.roster.map((u) => u.unitId)).toEqual(scenario.units.map((u) => u.id));
    expect(view.participants).toEqual(scenario.units.map((u) => u.id));
    expect(view.results).toBeUndefined();
    expect(view.ballots).toBeUndefined();
  });

  it('after close: the tally per award and candidate, and every ballot without its voter, shuffled by receipt', async () => {
    const closed = await driver.run({
      cycleId: played.cycleId,
      type: 'CloseVote',
      actor: leaderOf(scenario.leaderUnitId),
      at: '2021-01-15T03:00:00Z',
    });
    expect(await models.waitForPosition(closed.position)).toBe(true);
    const view = (await models.vote(played.cycleId))!;
    expect(view).toMatchObject({ status: 'closed', publishBallots: true });
    expect(view.results).toEqual({
      'emulation-flag': { 'an-phu': { approve: 5, reject: 1, passed: true } },
      'certificate-of-merit': { 'chau-thanh': { approve: 6, reject: 0, passed: true } },
    });
    const receipts = view.ballots!.map((b) => b.receipt);
    expect([...receipts].sort()).toEqual(played.receipts.map((r) => r.receipt).sort());
    expect(receipts.map(sha256)).toEqual(receipts.map(sha256).sort());
    expect(receipts).not.toEqual(played.receipts.map((r) => r.receipt));
    for (const ballot of view.ballots!) expect(Object.keys(ballot).sort()).toEqual(['choices', 'receipt']);
    expect(view.ballots!.filter((b) => b.choices['emulation-flag']!['an-phu'] === false)).toHaveLength(1);
  });

  it('is undefined for an unknown cycle', async () => {
    expect(await models.vote('no-such-cycle')).toBeUndefined();
  });
});

describe('the vote view, receipt-free (the default)', () => {
  const temp = tempStore();
  let models: ReadModels;
  let played: PlayedYear;

  beforeAll(async () => {
    played = await playYear(new CycleDriver(temp.store), referencePlan());
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('after close: the tally, and no ballot a voter could show to prove how they voted', async () => {
    const view = (await models.vote(played.cycleId))!;
    expect(view).toMatchObject({ status: 'closed', publishBallots: false });
    expect(view.results?.['emulation-flag']?.['an-phu']).toEqual({ approve: 5, reject: 1, passed: true });
    expect(view.ballots).toBeUndefined();
  });

  it('each voter checks with their receipt that their ballot was counted, and learns nothing else', async () => {
    expect(played.receipts).toHaveLength(scenario.units.length);
    for (const { receipt } of played.receipts) {
      expect(await models.voteReceipt(played.cycleId, receipt)).toEqual({ receipt, round: 1, counted: true });
    }
    expect(await models.voteReceipt(played.cycleId, 'not-a-receipt-of-this-vote')).toEqual({
      receipt: 'not-a-receipt-of-this-vote',
      round: 1,
      counted: false,
    });
    expect(await models.voteReceipt('no-such-cycle', played.receipts[0]!.receipt)).toBeUndefined();
  });
});

describe('a paper vote', () => {
  it('shows the minutes’ count and result, and no ballot', async () => {
    const temp = tempStore();
    try {
      const plan = {
        ...referencePlan(),
        paper: { present: 6, results: scenario.vote.expectedTally, minutesRef: 'doc://bien-ban-giay' },
      };
      const played = await playYear(new CycleDriver(temp.store), plan);
      const models = await ReadModels.start(temp.store, { dataDir: temp.dir });
      const view = (await models.vote(played.cycleId))!;
      expect(view).toMatchObject({
        status: 'closed',
        mode: 'paper',
        paperTally: { present: 6, minutesRef: 'doc://bien-ban-giay' },
      });
      expect(view.results!['emulation-flag']!['an-phu']).toEqual({ approve: 5, reject: 1, passed: true });
      expect(view.participants).toEqual([]);
      expect(view.ballots).toBeUndefined();
      expect((await models.standings(played.cycleId))!.rows[0]).toMatchObject({
        unitId: 'an-phu',
        awarded: ['emulation-flag'],
      });
      await models.close();
    } finally {
      await temp.dispose();
    }
  });
});
