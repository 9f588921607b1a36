/**
 * Sealed ballots: a ballot cast with `sealed` is recorded as its BallotCast only; its deposit is
 * appended at the close, with every other sealed ballot of the round, in receipt order.
 */
import { describe, expect, it } from '@jest/globals';
import type { BallotChoices, BallotDeposited, CloseVote, VoteClosed } from '../src/index.js';
import { given } from '../src/testing/world.js';
import { AT, CYCLE_ID, journey, leader, officer } from '../src/testing/small-cycle.js';

const base = { cycleId: CYCLE_ID, at: AT } as const;
const yes: BallotChoices = { 'emulation-flag': { a: true }, 'certificate-of-merit': { b: true, c: true } };
const no: BallotChoices = { 'emulation-flag': { a: false }, 'certificate-of-merit': { b: false, c: true } };
const sealedCast = (unitId: string, receipt: string, choices: BallotChoices) =>
  ({
    ...base,
    type: 'CastBallot',
    actor: officer(unitId),
    unitId,
    receipt,
    choices,
    sealed: `opaque-${receipt}`,
  }) as const;
const close = (ballots: CloseVote['ballots']): CloseVote => ({
  ...base,
  type: 'CloseVote',
  actor: leader,
  ...(ballots ? { ballots } : {}),
});

function castThree() {
  const world = journey.toVote();
  world.run(sealedCast('a', 'zz-receipt-a', yes));
  world.run(sealedCast('b', 'mm-receipt-b', no));
  world.run(sealedCast('c', 'aa-receipt-c', yes));
  return world;
}
const opened = [
  { receipt: 'zz-receipt-a', choices: yes },
  { receipt: 'mm-receipt-b', choices: no },
  { receipt: 'aa-receipt-c', choices: yes },
];

describe('the ballot box (sealed ballots)', () => {
  it('a sealed ballot is recorded as who voted and the sealed copy, nothing else', () => {
    given(journey.toVote().cycleEvents)
      .when(sealedCast('a', 'zz-receipt-a', yes))
      .then([
        { type: 'BallotCast', data: { cycleId: CYCLE_ID, round: 1, voterUnitId: 'a', sealed: 'opaque-zz-receipt-a' } },
      ]);
  });

  it('the close deposits every opened ballot in receipt order, then tallies them', () => {
    const events = given(castThree().cycleEvents)
      .when(close([...opened].reverse()))
      .thenTypes(['BallotDeposited', 'BallotDeposited', 'BallotDeposited', 'VoteClosed']);
    const deposits = events.slice(0, 3) as BallotDeposited[];
    expect(deposits.map((d) => d.data.receipt)).toEqual(['aa-receipt-c', 'mm-receipt-b', 'zz-receipt-a']);
    const closed = events[3] as VoteClosed;
    expect(closed.data.participants).toBe(3);
    expect(closed.data.results['emulation-flag']).toEqual({ a: { approve: 2, reject: 1, passed: false } });
    expect(closed.data.results['certificate-of-merit']!['c']).toEqual({ approve: 3, reject: 0, passed: true });
  });

  it('rule: one opened ballot per sealed one, each a valid ballot (VALIDATION_FAILED)', () => {
    const cast = castThree().cycleEvents;
    given(cast).when(close(undefined)).thenRefused('VALIDATION_FAILED');
    given(cast)
      .when(close(opened.slice(0, 2)))
      .thenRefused('VALIDATION_FAILED');
    const bad = given(cast)
      .when(close([...opened.slice(0, 2), { receipt: 'aa-receipt-c', choices: { 'emulation-flag': { x: true } } }]))
      .thenRefused('VALIDATION_FAILED');
    expect(bad.errors?.map((e) => e.field)).toContain('ballots[2].choices.emulation-flag.x');
  });

  it('rule: receipts are unique in the round (DUPLICATE_RECEIPT)', () => {
    given(castThree().cycleEvents)
      .when(close([...opened.slice(0, 2), { receipt: 'zz-receipt-a', choices: yes }]))
      .thenRefused('DUPLICATE_RECEIPT');
  });
});
