/**
 * Commands of the vote (docs/api.md, "Vote, nomination, decision"): open, cast a ballot, record a paper tally, close.
 */
import { commandController } from '../commands/command-controller.js';
import type { CommandBasis } from '../commands/command-executor.js';
import { commandRoute } from '../commands/command-route.js';
import { CycleParams } from '../cycles/step.dto.js';
import { BallotDto, CloseVoteDto, OpenVoteDto, PaperTallyDto } from './vote.dto.js';

const base = (p: CycleParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: p.cycleId });

export const VOTE_ROUTES = {
  open: commandRoute({
    method: 'POST',
    path: 'steps/vote/open',
    status: 200,
    roles: ['leader'],
    summary: 'the vote is open on its candidates; scores must be locked',
    params: CycleParams,
    body: OpenVoteDto,
    toDomain: ({ params, body }, b) => ({
      type: 'OpenVote',
      ...base(params, b),
      candidates: body.candidates,
      mode: body.mode,
      ...(body.publishBallots !== undefined ? { publishBallots: body.publishBallots } : {}),
    }),
    answer: (outcome) => {
      const data = outcome.events[0]?.data as { candidates?: unknown; round?: number } | undefined;
      return data ? { round: data.round, candidates: data.candidates } : {};
    },
  }),
  close: commandRoute({
    method: 'POST',
    path: 'steps/vote/close',
    status: 200,
    roles: ['leader'],
    summary: 'the vote is closed; answers the result per award and candidate',
    params: CycleParams,
    body: CloseVoteDto,
    toDomain: ({ params }, b) => ({ type: 'CloseVote', ...base(params, b) }),
    answer: (outcome) => {
      // The round's sealed ballots are deposited just before its VoteClosed, in the same append.
      const data = outcome.events.find((e) => e.type === 'VoteClosed')?.data as
        { results?: unknown; participants?: number; members?: number } | undefined;
      return data ? { participants: data.participants, members: data.members, results: data.results } : {};
    },
  }),
  /**
   * The receipt is made here (the domain has no randomness): an id that names nothing of the voter,
   * derived from the command id with the server's secret when an Idempotency-Key is given, so that
   * a retried ballot gets its first receipt back.
   */
  cast: commandRoute({
    method: 'POST',
    path: 'ballots',
    status: 201,
    roles: ['unit'],
    summary: "the unit's one ballot is cast; answers a receipt that names nobody",
    params: CycleParams,
    body: BallotDto,
    toDomain: ({ params, body }, b) => ({
      type: 'CastBallot',
      ...base(params, b),
      unitId: body.unitId,
      receipt: b.stableId('receipt'),
      choices: body.choices,
    }),
    answer: (_outcome, b) => ({ receipt: b.stableId('receipt') }),
  }),
  tally: commandRoute({
    method: 'POST',
    path: 'tally',
    status: 201,
    roles: ['leader'],
    summary: "the paper vote's counts from the minutes are recorded",
    params: CycleParams,
    body: PaperTallyDto,
    toDomain: ({ params, body }, b) => ({
      type: 'RecordPaperTally',
      ...base(params, b),
      present: body.present,
      ...(body.blank !== undefined ? { blank: body.blank } : {}),
      ...(body.spoiled !== undefined ? { spoiled: body.spoiled } : {}),
      results: body.results,
      minutesRef: body.minutesRef,
    }),
  }),
};

/** Matched before the cycle's generic `steps/:step/open`: the module lists it first. */
export const VoteController = commandController({
  name: 'VoteController',
  path: 'cycles/:cycleId',
  tag: 'vote',
  routes: VOTE_ROUTES,
});
