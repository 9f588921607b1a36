/** What-if: the reference year recomputed under other rules, the recorded result beside it. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { readCycleEvents } from '../cycle-events/read-cycle-events.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';
import { whatIf } from './what-if.js';

describe('what-if', () => {
  const t = tempStore();
  let cycleId: string;
  let events: RecordedEvent[];
  beforeAll(async () => {
    const played = await playYear(new CycleDriver(t.store), referencePlan());
    cycleId = played.cycleId;
    events = await readCycleEvents(
      t.store,
      cycleId,
      referencePlan().units.map((u) => u.id),
    );
  });
  afterAll(() => t.dispose());

  it('under the cycle own rules, gives what was recorded, labelled hypothetical', () => {
    const answer = whatIf(cycleId, events, {})!;
    expect(answer.hypothetical).toBe(true);
    expect(answer.label).toMatch(/^Giả định/);
    expect(answer.ranking.map((r) => r.unitId)).toEqual(answer.recordedRanking);
    expect(answer.vote!.results).toEqual(answer.vote!.recordedResults);
  });

  it('a stricter threshold of all members fails candidates the recorded vote passed', () => {
    const recorded = whatIf(cycleId, events, {})!.vote!;
    const strict = whatIf(cycleId, events, { passThreshold: '1/1', of: 'members' }, 'en')!;
    expect(strict.label).toMatch(/^Hypothetical/);
    expect(strict.rules.voteRules).toMatchObject({ passThreshold: '1/1', of: 'members' });
    const passed = (r: typeof recorded.results) =>
      Object.values(r).flatMap((u) =>
        Object.entries(u)
          .filter(([, c]) => c.passed)
          .map(([id]) => id),
      );
    // An Phú passed with every ballot but Chợ Mới's: under "all members" it fails.
    expect(passed(recorded.results)).toContain('an-phu');
    expect(passed(strict.vote!.results)).not.toContain('an-phu');
    for (const units of Object.values(strict.vote!.results)) {
      for (const count of Object.values(units)) expect(count.passed).toBe(count.approve === strict.vote!.members);
    }
    expect(whatIf(cycleId, events, { quorum: '1/1' })!.vote!.quorumReached).toBe(
      recorded.participants === recorded.members,
    );
  });

  it('another tie-break order is applied, and an unknown cycle answers undefined', () => {
    const answer = whatIf(cycleId, events, { tieBreak: ['first-group', 'final-score'] })!;
    expect(answer.rules.tieBreak).toEqual(['first-group', 'final-score']);
    expect(answer.ranking).toHaveLength(referencePlan().units.length);
    expect(whatIf('nope', [], {})).toBeUndefined();
  });
});
