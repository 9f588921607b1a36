import { describe, expect, it } from '@jest/globals';
import type { CycleOpened } from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import { AT, CYCLE_ID, journey, leader, openCycleCommand } from '../src/testing/small-cycle.js';

/** Recorded (long after every instant of the small cycle) from a paper record of 2020. */
const later = (source = 'Biên bản họp số 01/BB-CTĐ') => ({ recordedAt: '2099-12-02T03:00:00.000Z', source });
const ORIGINAL = '2020-02-20T02:00:00.000Z';

describe('a past year recorded from paper', () => {
  it('opens a cycle marked as recorded from paper, with the document it comes from', () => {
    const events = given()
      .when(openCycleCommand({ at: ORIGINAL, recordedLater: later(' Kế hoạch số 12/KH ') }))
      .thenTypes(['CycleOpened']);
    expect((events[0] as CycleOpened).data.recordedFromPaper).toEqual({ source: 'Kế hoạch số 12/KH' });
  });

  it('takes the paper cycle’s commands at their original date', () => {
    const world = journey.open(new World(), { at: ORIGINAL, recordedLater: later() });
    given(world.cycleEvents)
      .when({
        type: 'OpenStep',
        cycleId: CYCLE_ID,
        actor: leader,
        at: ORIGINAL,
        step: 'registration',
        recordedLater: later(),
      })
      .thenTypes(['StepOpened']);
  });

  it('rule: nothing is back-dated into a cycle that runs live (CYCLE_NOT_FROM_PAPER)', () => {
    const live = journey.open(new World());
    given(live.cycleEvents)
      .when({
        type: 'OpenStep',
        cycleId: CYCLE_ID,
        actor: leader,
        at: AT,
        step: 'registration',
        recordedLater: later(),
      })
      .thenRefused('CYCLE_NOT_FROM_PAPER');
  });

  it('rule: a paper cycle takes only commands recorded with their date and document (CYCLE_FROM_PAPER)', () => {
    const paper = journey.open(new World(), { at: ORIGINAL, recordedLater: later() });
    given(paper.cycleEvents)
      .when({ type: 'OpenStep', cycleId: CYCLE_ID, actor: leader, at: AT, step: 'registration' })
      .thenRefused('CYCLE_FROM_PAPER');
  });

  it('rule: the original date is not after the moment of recording (ORIGINAL_DATE_IN_FUTURE), and the document is named', () => {
    given()
      .when(openCycleCommand({ at: '2100-01-01T00:00:00.000Z', recordedLater: later() }))
      .thenRefused('ORIGINAL_DATE_IN_FUTURE');
    given()
      .when(openCycleCommand({ at: ORIGINAL, recordedLater: later('  ') }))
      .thenRefused('VALIDATION_FAILED');
  });
});
