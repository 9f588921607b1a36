/** The vote as a pure view: given the events, then what anyone may see of it (no store, no runner). */
import { describe, expect, it } from '@jest/globals';
import { CYCLE_ID, journey } from '#domain/testing';
import { foldCycleModel } from '../cycle-model/cycle-model.js';
import { given, PlayedWorld } from '../testing/given-events.js';
import { voteView } from './vote-view.js';

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

  it('given the close: the results and every ballot without its voter', () => {
    const world = new PlayedWorld();
    journey.toVoteClosed(world);
    const view = voteView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(view).toMatchObject({ status: 'closed', participants: ['a', 'b', 'c', 'd'] });
    expect(view.results?.['emulation-flag']?.['a']).toMatchObject({ approve: 4, reject: 0 });
    expect(view.ballots).toHaveLength(4);
    for (const ballot of view.ballots!) expect(Object.keys(ballot).sort()).toEqual(['choices', 'receipt']);
  });
});
