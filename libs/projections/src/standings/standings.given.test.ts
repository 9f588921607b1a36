/** The standings as a pure view: given the events, then the rows (no store, no runner). */
import { describe, expect, it } from '@jest/globals';
import { CYCLE_ID, journey } from '#domain/testing';
import { foldCycleModel } from '../cycle-model/cycle-model.js';
import { given, PlayedWorld } from '../testing/given-events.js';
import { standingsView } from './standings.js';

const rowsOf = (world: PlayedWorld) =>
  standingsView(foldCycleModel(CYCLE_ID, given(...world.log)))!.rows.map((r) => [
    r.unitId,
    r.rank,
    r.provisionalScore,
    r.finalScore,
  ]);

describe('standings, given events', () => {
  it('given self-assessments before the lock: a provisional ranking, no final score', () => {
    const world = new PlayedWorld();
    journey.toReview(world);
    const standings = standingsView(foldCycleModel(CYCLE_ID, given(...world.log)))!;
    expect(standings.locked).toBe(false);
    expect(rowsOf(world)).toEqual([
      ['a', 1, 29, null],
      ['b', 2, 27, null],
      ['c', 3, 26, null],
      ['d', 4, 24, null],
    ]);
  });

  it('given ScoresLocked: the locked ranking with final scores', () => {
    const world = new PlayedWorld();
    journey.toLocked(world);
    expect(standingsView(foldCycleModel(CYCLE_ID, given(...world.log)))!.locked).toBe(true);
    expect(rowsOf(world)).toEqual([
      ['a', 1, 29, 29],
      ['b', 2, 27, 27],
      ['c', 3, 26, 26],
      ['d', 4, 24, 24],
    ]);
  });
});
