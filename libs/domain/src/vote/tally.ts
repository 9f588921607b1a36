import type { VoteRules } from '../cycle/config.js';
import type { BallotChoices, CandidateCount, CandidateResult, VoteOpened } from '../events.js';
import { meetsRatio } from './ratio.js';

export type Counts = Record<string, Record<string, CandidateCount>>;

/** Approvals and rejections per award and candidate over electronic ballots. */
export function tallyBallots(candidates: Record<string, string[]>, ballots: readonly BallotChoices[]): Counts {
  const counts: Counts = {};
  for (const [award, units] of Object.entries(candidates)) {
    counts[award] = {};
    for (const unitId of units) {
      let approve = 0;
      let reject = 0;
      for (const ballot of ballots) {
        const choice = ballot[award]?.[unitId];
        if (choice === true) approve += 1;
        else if (choice === false) reject += 1;
      }
      counts[award]![unitId] = { approve, reject };
    }
  }
  return counts;
}

export function quorumReached(participants: number, members: number, rules: VoteRules): boolean {
  return meetsRatio(participants, members, rules.quorum);
}

/** A candidate passes with approvals ≥ threshold × (valid ballots cast, or every member unit). */
export function candidatePassed(approve: number, validBallots: number, members: number, rules: VoteRules): boolean {
  return meetsRatio(approve, rules.of === 'members' ? members : validBallots, rules.passThreshold);
}

/**
 * The result per award and candidate of a closed vote. `validBallots`: the ballots the threshold
 * of "ballots cast" is taken over (a paper vote's spoiled ones left out); every ballot by default.
 */
export function voteResults(
  opened: Pick<VoteOpened['data'], 'candidates' | 'roster' | 'rules'>,
  counts: Counts,
  participants: number,
  validBallots: number = participants,
): Record<string, Record<string, CandidateResult>> {
  const results: Record<string, Record<string, CandidateResult>> = {};
  for (const [award, units] of Object.entries(opened.candidates)) {
    results[award] = {};
    for (const unitId of units) {
      const count = counts[award]?.[unitId] ?? { approve: 0, reject: 0 };
      results[award]![unitId] = {
        ...count,
        passed: candidatePassed(count.approve, validBallots, opened.roster.length, opened.rules),
      };
    }
  }
  return results;
}
