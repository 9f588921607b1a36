/** The vote as a pure view: given the events, then what anyone may see of it (no store, no runner). */
import { describe, expect, it } from '@jest/globals';
import { AT, CYCLE_ID, UNITS, journey, leader } from '#domain/testing';
import { foldCycleModel } from '../cycle-model/cycle-model.js';
import { given, PlayedWorld } from '../testing/given-events.js';
import { receiptCheck, voteView } from './vote-view.js';

describe('vote view, given events', () => {
  it('given ballots of an open vote: who took part, and no count and no ballot', () => {
    const world = new PlayedWorld();
    journey.toVote(world);
    journey.ballot(world, 'a', { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: false } });
    const view = voteView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(view).toMatchObject({ status: 'open', participants: ['a'], members: 4 });
    expect(view.results).toBeUndefined();
    expect(view.ballots).toBeUndefined();
  });

  it('given the close of a round opened to publish them: the results and every ballot without its voter', () => {
    const world = new PlayedWorld();
    journey.toLocked(world);
    world.run({ cycleId: CYCLE_ID, at: AT, type: 'OpenVote', actor: leader, publishBallots: true });
    for (const unitId of UNITS)
      journey.ballot(world, unitId, { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: false } });
    world.run({ cycleId: CYCLE_ID, at: AT, type: 'CloseVote', actor: leader });
    const view = voteView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(view).toMatchObject({ status: 'closed', participants: ['a', 'b', 'c', 'd'] });
    expect(view.results?.['emulation-flag']?.['a']).toMatchObject({ approve: 4, reject: 0 });
    expect(view.ballots).toHaveLength(4);
    for (const ballot of view.ballots!) expect(Object.keys(ballot).sort()).toEqual(['choices', 'receipt']);
  });

  it('given the close of a receipt-free round (the default): the results, no ballot, and each receipt counted', () => {
    const world = new PlayedWorld();
    journey.toVoteClosed(world);
    const model = foldCycleModel(CYCLE_ID, given(...world.log));
    const view = voteView(model)!;
    expect(view).toMatchObject({ status: 'closed', publishBallots: false });
    expect(view.ballots).toBeUndefined();
    expect(receiptCheck(model, 'receipt-a-0001')).toEqual({ receipt: 'receipt-a-0001', round: 1, counted: true });
    expect(receiptCheck(model, 'receipt-x-0001')).toMatchObject({ counted: false });
  });

  it('given an open vote: a cast ballot is not counted yet', () => {
    const world = new PlayedWorld();
    journey.toVote(world);
    journey.ballot(world, 'a', { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: false } });
    expect(receiptCheck(foldCycleModel(CYCLE_ID, given(...world.log)), 'receipt-a-0001')).toMatchObject({
      counted: false,
    });
  });

  const tally = {
    cycleId: CYCLE_ID,
    at: AT,
    type: 'RecordPaperTally',
    actor: leader,
    present: 4,
    results: {
      'emulation-flag': { a: { approve: 2, reject: 0 } },
      'certificate-of-merit': { b: { approve: 2, reject: 0 }, c: { approve: 0, reject: 2 } },
    },
    minutesRef: 'BB-01',
  } as const;

  it("given a paper tally with blank and spoiled ballots: the minutes' count with both", () => {
    const world = new PlayedWorld();
    journey.toVote(world, 'paper');
    world.run({ ...tally, blank: 1, spoiled: 1 });
    const view = voteView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(view.paperTally).toEqual({ present: 4, blank: 1, spoiled: 1, minutesRef: 'BB-01' });
  });

  it('given a paper tally recorded before blank and spoiled ballots were counted: none of either', () => {
    const world = new PlayedWorld();
    journey.toVote(world, 'paper');
    world.run(tally);
    const events = world.log.map((event) =>
      event.type === 'PaperTallyRecorded'
        ? { ...event, data: (({ blank: _b, spoiled: _s, ...rest }) => rest)(event.data) }
        : event,
    );
    const view = voteView(foldCycleModel(CYCLE_ID, given(...events)))!;
    expect(view.paperTally).toEqual({ present: 4, blank: 0, spoiled: 0, minutesRef: 'BB-01' });
  });
});
