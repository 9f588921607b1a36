import { describe, expect, it } from '@jest/globals';
import type { BallotChoices, FinalScore, RecordPaperTally, VoteClosed, VoteOpened } from '../src/index.js';
import {
  candidatePassed,
  defaultCandidates,
  meetsRatio,
  parseRatio,
  quorumReached,
  tallyBallots,
} from '../src/index.js';
import { given } from '../src/testing/given.js';
import { World } from '../src/testing/world.js';
import {
  AT,
  CYCLE_ID,
  journey,
  leader,
  officer,
  memberLeader,
  openCycleCommand,
  outsideLeader,
  province,
} from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const approveAll: BallotChoices = { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: true } };
const cast = (unitId: string, choices: BallotChoices = approveAll, receipt = `receipt-${unitId}-0001`) =>
  ({ ...base, type: 'CastBallot', actor: officer(unitId), unitId, receipt, choices }) as const;
const tally = (overrides: Partial<RecordPaperTally> = {}): RecordPaperTally => ({
  ...base,
  type: 'RecordPaperTally',
  actor: leader,
  present: 4,
  results: {
    'emulation-flag': { a: { approve: 4, reject: 0 } },
    'certificate-of-merit': { b: { approve: 3, reject: 1 }, c: { approve: 2, reject: 2 } },
  },
  minutesRef: 'doc://bien-ban-hop-cum',
  ...overrides,
});

describe('OpenVote', () => {
  it('opens on the default candidates (ranking top units per quota, in award order), roster and rules frozen', () => {
    const [event] = given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: leader })
      .thenTypes(['VoteOpened']) as [VoteOpened];
    expect(event.data).toEqual({
      cycleId: CYCLE_ID,
      round: 1,
      mode: 'electronic',
      candidates: { 'emulation-flag': ['a'], 'certificate-of-merit': ['b', 'c'] },
      roster: ['a', 'b', 'c', 'd'],
      rules: { quorum: '2/3', passThreshold: '7/10', of: 'ballots-cast' },
      tieBreak: ['final-score', 'first-group', 'vote'],
    });
  });

  it('opens on candidates the leader names, in paper mode', () => {
    const [event] = given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: leader, mode: 'paper', candidates: { 'emulation-flag': ['b'] } })
      .thenTypes(['VoteOpened']) as [VoteOpened];
    expect(event.data.candidates).toEqual({ 'emulation-flag': ['b'], 'certificate-of-merit': [] });
    expect(event.data.mode).toBe('paper');
  });

  it('rule: scores must be locked (SCORES_NOT_LOCKED)', () => {
    given(journey.toReview().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: leader })
      .thenRefused('SCORES_NOT_LOCKED');
  });

  it('rule: a unit is a candidate for one award at most (CANDIDATE_NOT_ELIGIBLE)', () => {
    given(journey.toLocked().cycleEvents)
      .when({
        ...base,
        type: 'OpenVote',
        actor: leader,
        candidates: { 'emulation-flag': ['a'], 'certificate-of-merit': ['a'] },
      })
      .thenRefused('CANDIDATE_NOT_ELIGIBLE');
  });

  it('rule: candidates are member units (NOT_A_MEMBER) of configured awards, at least one (VALIDATION_FAILED)', () => {
    const locked = journey.toLocked().cycleEvents;
    given(locked)
      .when({ ...base, type: 'OpenVote', actor: leader, candidates: { 'emulation-flag': ['x'] } })
      .thenRefused('NOT_A_MEMBER');
    given(locked)
      .when({ ...base, type: 'OpenVote', actor: leader, candidates: { 'gold-medal': ['a'] } })
      .thenRefused('VALIDATION_FAILED');
    given(locked)
      .when({ ...base, type: 'OpenVote', actor: leader, candidates: {} })
      .thenRefused('VALIDATION_FAILED');
    given(locked)
      .when({ ...base, type: 'OpenVote', actor: leader, mode: 'show-of-hands' as 'paper' })
      .thenRefused('VALIDATION_FAILED');
  });

  it('rule: the vote opens once per round (STEP_ALREADY_OPEN, STEP_ALREADY_CLOSED)', () => {
    given(journey.toVote().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: leader })
      .thenRefused('STEP_ALREADY_OPEN');
    given(journey.toVoteClosed().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: leader })
      .thenRefused('STEP_ALREADY_CLOSED');
  });

  it('rule: only the cycle leader opens it (FORBIDDEN_ROLE, NOT_CLUSTER_LEADER)', () => {
    given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: province })
      .thenRefused('FORBIDDEN_ROLE');
    given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: memberLeader })
      .thenRefused('NOT_CLUSTER_LEADER');
    // A leader of a unit outside the cycle does not see it at all.
    given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'OpenVote', actor: outsideLeader })
      .thenRefused('CYCLE_NOT_FOUND');
  });

  it('a reopened vote starts a new round with fresh ballots', () => {
    const world = journey.toVoteClosed();
    world.run({ ...base, type: 'ReopenStep', actor: leader, step: 'vote', reason: 'Biên bản họp không hợp lệ' });
    const [opened] = world.run({ ...base, type: 'OpenVote', actor: leader }) as [VoteOpened];
    expect(opened.data.round).toBe(2);
    expect(world.run(cast('a'))).toHaveLength(2);
  });
});

describe('CastBallot', () => {
  it('records who voted and what was voted in two events, never together', () => {
    const [castEvent, deposited] = given(journey.toVote().cycleEvents)
      .when(cast('d'))
      .thenTypes(['BallotCast', 'BallotDeposited']);
    expect(castEvent).toEqual({ type: 'BallotCast', data: { cycleId: CYCLE_ID, round: 1, voterUnitId: 'd' } });
    expect(deposited).toEqual({
      type: 'BallotDeposited',
      data: { cycleId: CYCLE_ID, round: 1, receipt: 'receipt-d-0001', choices: approveAll },
    });
    expect(JSON.stringify(deposited)).not.toContain('"d"');
  });

  it('rule: one ballot per member unit (ALREADY_VOTED)', () => {
    const world = journey.toVote();
    world.run(cast('d'));
    given(world.cycleEvents)
      .when(cast('d', approveAll, 'receipt-d-0002'))
      .thenRefused('ALREADY_VOTED');
  });

  it('rule: none from outside the frozen roster (the cycle is invisible to its officer: CYCLE_NOT_FOUND)', () => {
    given(journey.toVote().cycleEvents).when(cast('x')).thenRefused('CYCLE_NOT_FOUND');
  });

  it('rule: a unit votes only for itself (NOT_YOUR_UNIT), as a unit officer (FORBIDDEN_ROLE)', () => {
    given(journey.toVote().cycleEvents)
      .when({ ...cast('d'), actor: officer('c') })
      .thenRefused('NOT_YOUR_UNIT');
    given(journey.toVote().cycleEvents)
      .when({ ...cast('a'), actor: leader })
      .thenRefused('FORBIDDEN_ROLE');
  });

  it('rule: only while the vote is open (VOTE_NOT_OPEN)', () => {
    given(journey.toLocked().cycleEvents).when(cast('d')).thenRefused('VOTE_NOT_OPEN');
    given(journey.toVoteClosed().cycleEvents)
      .when(cast('d', approveAll, 'receipt-d-0009'))
      .thenRefused('VOTE_NOT_OPEN');
  });

  it('rule: no electronic ballot in a paper vote (VOTE_MODE_MISMATCH)', () => {
    given(journey.toVote(new World(), 'paper').cycleEvents).when(cast('d')).thenRefused('VOTE_MODE_MISMATCH');
  });

  it('rule: a choice for exactly every candidate, and a well-formed receipt (VALIDATION_FAILED)', () => {
    const error = given(journey.toVote().cycleEvents)
      .when(
        cast(
          'd',
          {
            'emulation-flag': { a: true, d: true },
            'certificate-of-merit': { b: 'yes' as unknown as boolean },
            other: {},
          },
          'short',
        ),
      )
      .thenRefused('VALIDATION_FAILED');
    expect(error.errors?.map((problem) => problem.field)).toEqual([
      'receipt',
      'choices.other',
      'choices.emulation-flag.d',
      'choices.certificate-of-merit.b',
      'choices.certificate-of-merit.c',
    ]);
  });

  it('rule: a receipt is used once (DUPLICATE_RECEIPT)', () => {
    const world = journey.toVote();
    world.run(cast('d', approveAll, 'same-receipt-1'));
    given(world.cycleEvents)
      .when(cast('c', approveAll, 'same-receipt-1'))
      .thenRefused('DUPLICATE_RECEIPT');
  });
});

describe('RecordPaperTally', () => {
  it('records the counts of the meeting minutes', () => {
    const [event] = given(journey.toVote(new World(), 'paper').cycleEvents)
      .when(tally())
      .thenTypes(['PaperTallyRecorded']);
    expect(event).toEqual({
      type: 'PaperTallyRecorded',
      data: { cycleId: CYCLE_ID, round: 1, present: 4, results: tally().results, minutesRef: 'doc://bien-ban-hop-cum' },
    });
  });

  it('records blank and spoiled ballots as the minutes count them', () => {
    const counted = tally({
      blank: 1,
      spoiled: 1,
      results: {
        'emulation-flag': { a: { approve: 2, reject: 0 } },
        'certificate-of-merit': { b: { approve: 1, reject: 1 }, c: { approve: 0, reject: 2 } },
      },
    });
    const [event] = given(journey.toVote(new World(), 'paper').cycleEvents)
      .when(counted)
      .thenTypes(['PaperTallyRecorded']);
    expect(event.data).toMatchObject({ present: 4, blank: 1, spoiled: 1, results: counted.results });
  });

  it('rule: blank and spoiled ballots within those handed in, marks within the valid marked ones (VALIDATION_FAILED)', () => {
    const paper = journey.toVote(new World(), 'paper').cycleEvents;
    const fields = (command: RecordPaperTally) =>
      given(paper)
        .when(command)
        .thenRefused('VALIDATION_FAILED')
        .errors?.map((problem) => problem.field);
    expect(fields(tally({ blank: 3, spoiled: 2 }))).toContain('spoiled');
    // 4 handed in, 1 spoiled: a's 4 approvals cannot all be valid marks.
    expect(fields(tally({ spoiled: 1 }))).toEqual([
      'results.emulation-flag.a',
      'results.certificate-of-merit.b',
      'results.certificate-of-merit.c',
    ]);
    expect(fields(tally({ blank: -1, spoiled: 0.5 }))).toEqual(['blank', 'spoiled']);
  });

  it('rule: only in a paper vote (VOTE_MODE_MISMATCH), an open one (VOTE_NOT_OPEN)', () => {
    given(journey.toVote().cycleEvents).when(tally()).thenRefused('VOTE_MODE_MISMATCH');
    given(journey.toLocked().cycleEvents).when(tally()).thenRefused('VOTE_NOT_OPEN');
  });

  it('rule: counts within those present, present within the roster, every candidate counted (VALIDATION_FAILED)', () => {
    const paper = journey.toVote(new World(), 'paper').cycleEvents;
    given(paper)
      .when(tally({ present: 5 }))
      .thenRefused('VALIDATION_FAILED');
    given(paper)
      .when(tally({ present: 3 }))
      .thenRefused('VALIDATION_FAILED');
    given(paper)
      .when(
        tally({
          results: { 'emulation-flag': { a: { approve: 1, reject: 0 }, d: { approve: 1, reject: 0 } }, other: {} },
        }),
      )
      .thenRefused('VALIDATION_FAILED');
    given(paper)
      .when(tally({ minutesRef: '' }))
      .thenRefused('VALIDATION_FAILED');
  });
});

describe('CloseVote', () => {
  it('gives the result per award and candidate: approvals ≥ 70% of ballots cast pass', () => {
    const world = journey.toVote();
    journey.ballot(world, 'a', approveAll);
    journey.ballot(world, 'b', { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: false } });
    journey.ballot(world, 'c', { 'emulation-flag': { a: false }, 'certificate-of-merit': { b: true, c: false } });
    const [closed] = given(world.cycleEvents)
      .when({ ...base, type: 'CloseVote', actor: leader })
      .thenTypes(['VoteClosed']) as [VoteClosed];
    expect(closed.data).toEqual({
      cycleId: CYCLE_ID,
      round: 1,
      members: 4,
      participants: 3,
      results: {
        'emulation-flag': { a: { approve: 2, reject: 1, passed: false } },
        'certificate-of-merit': {
          b: { approve: 3, reject: 0, passed: true },
          c: { approve: 1, reject: 2, passed: false },
        },
      },
    });
  });

  it('closes a paper vote from its tally', () => {
    const world = journey.toVote(new World(), 'paper');
    world.run(tally());
    const [closed] = world.run({ ...base, type: 'CloseVote', actor: leader }) as [VoteClosed];
    expect(closed.data.participants).toBe(4);
    expect(closed.data.results['certificate-of-merit']).toEqual({
      b: { approve: 3, reject: 1, passed: true },
      c: { approve: 2, reject: 2, passed: false },
    });
  });

  it('takes the pass threshold over the valid ballots: spoiled ones left out, blank ones in', () => {
    const closeWith = (counted: RecordPaperTally) => {
      const world = journey.toVote(new World(), 'paper');
      world.run(counted);
      return world.run({ ...base, type: 'CloseVote', actor: leader }) as [VoteClosed];
    };
    // 4 handed in, 2 spoiled: a's 2 approvals are 2 of 2 valid ballots (not 2 of 4).
    const [spoiled] = closeWith(
      tally({
        spoiled: 2,
        results: {
          'emulation-flag': { a: { approve: 2, reject: 0 } },
          'certificate-of-merit': { b: { approve: 1, reject: 1 }, c: { approve: 0, reject: 2 } },
        },
      }),
    );
    expect(spoiled.data).toMatchObject({ participants: 4, validBallots: 2 });
    expect(spoiled.data.results['emulation-flag']?.a).toEqual({ approve: 2, reject: 0, passed: true });
    // 3 handed in, 1 blank: a's 2 approvals are 2 of 3 valid ballots, short of 70%.
    const [blank] = closeWith(
      tally({
        present: 3,
        blank: 1,
        results: {
          'emulation-flag': { a: { approve: 2, reject: 0 } },
          'certificate-of-merit': { b: { approve: 2, reject: 0 }, c: { approve: 0, reject: 2 } },
        },
      }),
    );
    expect(blank.data.validBallots).toBeUndefined();
    expect(blank.data.results['emulation-flag']?.a).toEqual({ approve: 2, reject: 0, passed: false });
  });

  it('rule: the quorum must be reached (QUORUM_NOT_REACHED)', () => {
    const world = journey.toVote();
    journey.ballot(world, 'a', approveAll);
    journey.ballot(world, 'b', approveAll);
    const error = given(world.cycleEvents)
      .when({ ...base, type: 'CloseVote', actor: leader })
      .thenRefused('QUORUM_NOT_REACHED');
    expect(error.kind).toBe('rule');
  });

  it('rule: a paper vote needs its tally (TALLY_MISSING)', () => {
    given(journey.toVote(new World(), 'paper').cycleEvents)
      .when({ ...base, type: 'CloseVote', actor: leader })
      .thenRefused('TALLY_MISSING');
  });

  it('rule: only an open vote closes (VOTE_NOT_OPEN)', () => {
    given(journey.toLocked().cycleEvents)
      .when({ ...base, type: 'CloseVote', actor: leader })
      .thenRefused('VOTE_NOT_OPEN');
  });

  it('the older rule: 90% of all members must approve, whoever took part', () => {
    const world = new World();
    world.run(openCycleCommand({ voteRules: { passThreshold: '90%', of: 'members' } }));
    journey.toVote(world);
    for (const unitId of ['a', 'b', 'c']) journey.ballot(world, unitId, approveAll);
    const [closed] = world.run({ ...base, type: 'CloseVote', actor: leader }) as [VoteClosed];
    // 3 of 3 ballots approve, but 3 of 4 members is below 90%.
    expect(closed.data.results['emulation-flag']).toEqual({ a: { approve: 3, reject: 0, passed: false } });
    expect(candidatePassed(4, 4, 4, { quorum: '2/3', passThreshold: '9/10', of: 'members' })).toBe(true);
  });
});

describe('vote helpers', () => {
  it('parses ratios exactly', () => {
    expect(parseRatio('2/3')).toBe('2/3');
    expect(parseRatio('4/6')).toBe('2/3');
    expect(parseRatio(0.7)).toBe('7/10');
    expect(parseRatio('66.5%')).toBe('133/200');
    expect(parseRatio(1)).toBe('1/1');
    for (const bad of [0, 1.2, -0.5, '3/2', 'half', Number.NaN, null, '0/3']) expect(parseRatio(bad)).toBeNull();
  });

  it('meets a ratio in integers: 4 of 6 meets 2/3, 3 of 6 does not, nothing of 0 does', () => {
    expect(meetsRatio(4, 6, '2/3')).toBe(true);
    expect(meetsRatio(3, 6, '2/3')).toBe(false);
    expect(meetsRatio(0, 0, '1/2')).toBe(false);
    expect(quorumReached(4, 6, { quorum: '2/3', passThreshold: '7/10', of: 'ballots-cast' })).toBe(true);
  });

  it('tallies ballots per award and candidate', () => {
    expect(
      tallyBallots({ f: ['a'], m: ['b'] }, [
        { f: { a: true }, m: { b: false } },
        { f: { a: true }, m: { b: true } },
      ]),
    ).toEqual({
      f: { a: { approve: 2, reject: 0 } },
      m: { b: { approve: 1, reject: 1 } },
    });
  });

  it('default candidates include units tied with the last one taken, and none twice', () => {
    const score = (unitId: string, rank: number) => ({ unitId, rank }) as FinalScore;
    const scores = [score('a', 1), score('b', 1), score('c', 3), score('d', 4), score('e', 4)];
    expect(
      defaultCandidates(scores, [
        { kind: 'flag', quota: 1 },
        { kind: 'merit', quota: 2 },
      ]),
    ).toEqual({ flag: ['a', 'b'], merit: ['c', 'd', 'e'] });
    expect(
      defaultCandidates(
        [score('a', 1)],
        [
          { kind: 'flag', quota: 1 },
          { kind: 'merit', quota: 2 },
        ],
      ),
    ).toEqual({ flag: ['a'], merit: [] });
  });
});
