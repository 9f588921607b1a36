import type { CandidateResult, StepStatus, VoteMode, VoteRules } from '#domain';
import type { CycleModel, SealedBallot } from '../cycle-model/cycle-model.js';
import { openedCycle } from '../cycle-status/cycle-status.js';

/**
 * What `GET /cycles/{cycleId}/vote` shows. Who took part is public; what a unit voted never is:
 * no count is shown while the vote is open (counts moving after each ballot would pair them),
 * and after it closes the ballots are listed without voters, ordered by the sha256 of their
 * receipt (a deterministic shuffle), so each voter can find their own by its receipt.
 */
export type VoteView = {
  cycleId: string;
  status: StepStatus;
  round: number;
  mode?: VoteMode;
  candidates?: Record<string, string[]>;
  rules?: VoteRules;
  roster: { unitId: string; unitName: string }[];
  /** Units that cast a ballot in this round, in roster order. */
  participants: string[];
  members: number;
  /** After the vote closes: per award and candidate. */
  results?: Record<string, Record<string, CandidateResult>>;
  /** After an electronic vote closes, when it was opened to publish them: every ballot, without its voter. */
  ballots?: SealedBallot[];
  /** Whether the round lists its ballots after the close (a rule chosen when it opened). */
  publishBallots: boolean;
  /**
   * For a paper vote: what the minutes recorded (blank and spoiled: 0 in tallies recorded before they were counted).
   */
  paperTally?: { present: number; blank: number; spoiled: number; minutesRef: string };
};

export function voteView(model: CycleModel | undefined): VoteView | undefined {
  const cycle = openedCycle(model);
  if (!model || !cycle) return undefined;
  const { vote, config } = cycle;
  const roster = vote.status === 'pending' ? config.units.map((u) => u.id) : vote.opened.roster;
  const names = new Map(config.units.map((u) => [u.id, u.name]));
  const voted = new Set(vote.status === 'pending' ? [] : vote.voters);
  const view: VoteView = {
    cycleId: model.cycleId,
    status: vote.status,
    round: vote.round,
    roster: roster.map((unitId) => ({ unitId, unitName: names.get(unitId) ?? unitId })),
    participants: roster.filter((unitId) => voted.has(unitId)),
    members: roster.length,
    publishBallots: vote.status !== 'pending' && vote.opened.publishBallots === true,
  };
  if (vote.status === 'pending') return view;
  view.mode = vote.opened.mode;
  view.candidates = vote.opened.candidates;
  view.rules = vote.opened.rules;
  if (vote.paperTally) {
    const { present, blank = 0, spoiled = 0, minutesRef } = vote.paperTally;
    view.paperTally = { present, blank, spoiled, minutesRef };
  }
  if (vote.status === 'closed' && vote.result) {
    view.results = vote.result.results;
    if (vote.opened.mode === 'electronic' && vote.opened.publishBallots) view.ballots = model.ballots;
  }
  return view;
}

/**
 * `GET /cycles/{cycleId}/vote/receipts/{receipt}`: whether the ballot of that receipt was counted
 * in the round's close, and nothing else (not its choices: receipt-freeness). Before the close,
 * sealed ballots are not open yet: nothing is counted.
 */
export type ReceiptCheck = { receipt: string; round: number; counted: boolean };

export function receiptCheck(model: CycleModel | undefined, receipt: string): ReceiptCheck | undefined {
  const cycle = openedCycle(model);
  if (!model || !cycle) return undefined;
  const { vote } = cycle;
  const closed = vote.status === 'closed' && vote.result !== undefined;
  return {
    receipt,
    round: vote.round,
    counted: closed && model.ballots.some((ballot) => ballot.receipt === receipt),
  };
}
