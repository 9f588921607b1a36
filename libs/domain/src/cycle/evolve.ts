import type { CycleEvent } from '../events.js';
import { SCHEDULE_STEPS, SUBMISSION_STEPS, type CycleConfig } from './config.js';
import type { CycleState, OpenedCycleState } from './state.js';

/**
 * Cycles opened before eligibility was configurable replay under the rule they were decided with:
 * no registration required, no minimum.
 */
function withEligibility(config: CycleConfig): CycleConfig {
  return config.eligibility !== undefined ? config : { ...config, eligibility: { registrationRequired: false } };
}

/** Folds one cycle-stream event. Pure: never mutates `state`. */
export function evolveCycle(state: CycleState, event: CycleEvent): CycleState {
  if (event.type === 'CycleOpened') {
    const config = withEligibility(event.data);
    return {
      status: 'open',
      revision: state.revision + 1,
      config,
      steps: Object.fromEntries(
        SUBMISSION_STEPS.map((step) => [step, { status: 'pending', timesClosed: 0 }]),
      ) as OpenedCycleState['steps'],
      dueAt: Object.fromEntries(
        SCHEDULE_STEPS.map((step) => [step, config.schedule[step].dueAt]),
      ) as OpenedCycleState['dueAt'],
      unitDueAt: {},
      vote: { status: 'pending', round: 0 },
      nominations: { status: 'none', version: 0 },
      revoked: [],
    };
  }
  // A stream that does not start with CycleOpened is no cycle: ignore what follows.
  if (state.status === 'none') return { status: 'none', revision: -1 };
  const next: OpenedCycleState = { ...state, revision: state.revision + 1 };
  switch (event.type) {
    case 'UnitDissolved': {
      const { unitId } = event.data;
      // It leaves an open vote's roster (and so its quorum) from then on.
      const vote =
        state.vote.status === 'open'
          ? {
              ...state.vote,
              opened: { ...state.vote.opened, roster: state.vote.opened.roster.filter((id) => id !== unitId) },
            }
          : state.vote;
      return { ...next, vote, dissolved: { ...state.dissolved, [unitId]: event.data } };
    }
    case 'LeaderReplaced': {
      const field = event.data.role === 'leader' ? 'leaderUnitId' : 'deputyUnitId';
      return { ...next, config: { ...state.config, [field]: event.data.to } };
    }
    case 'CycleCancelled':
      return { ...next, status: 'closed', cancelled: event.data };
    case 'StepOpened':
      return {
        ...next,
        steps: { ...state.steps, [event.data.step]: { ...state.steps[event.data.step], status: 'open' } },
      };
    case 'StepClosed': {
      const step = state.steps[event.data.step];
      return {
        ...next,
        steps: { ...state.steps, [event.data.step]: { status: 'closed', timesClosed: step.timesClosed + 1 } },
      };
    }
    case 'StepReopened':
      if (event.data.step === 'vote') return { ...next, vote: { status: 'pending', round: state.vote.round } };
      return {
        ...next,
        steps: { ...state.steps, [event.data.step]: { ...state.steps[event.data.step], status: 'open' } },
      };
    case 'DueDateExtended': {
      const { step, unitId, dueAt } = event.data;
      if (unitId === undefined) return { ...next, dueAt: { ...state.dueAt, [step]: dueAt } };
      return { ...next, unitDueAt: { ...state.unitDueAt, [step]: { ...state.unitDueAt[step], [unitId]: dueAt } } };
    }
    case 'ScoresUnlocked': {
      const { locked: _unlocked, ...rest } = next;
      return { ...rest, vote: { status: 'pending', round: state.vote.round } };
    }
    case 'ScoresLocked':
      return {
        ...next,
        locked: { scores: event.data.scores, ranking: event.data.ranking, unitRevisions: event.data.unitRevisions },
      };
    case 'VoteOpened':
      return {
        ...next,
        vote: {
          status: 'open',
          round: event.data.round,
          opened: event.data,
          voters: [],
          receipts: [],
          ballots: [],
          sealed: [],
        },
      };
    case 'BallotCast':
      if (state.vote.status === 'pending') return next;
      return {
        ...next,
        vote: {
          ...state.vote,
          voters: [...state.vote.voters, event.data.voterUnitId],
          sealed:
            event.data.sealed === undefined
              ? (state.vote.sealed ?? [])
              : [...(state.vote.sealed ?? []), event.data.sealed],
        },
      };
    case 'BallotDeposited':
      if (state.vote.status === 'pending') return next;
      return {
        ...next,
        vote: {
          ...state.vote,
          receipts: [...state.vote.receipts, event.data.receipt],
          ballots: [...state.vote.ballots, event.data.choices],
        },
      };
    case 'PaperTallyRecorded':
      if (state.vote.status === 'pending') return next;
      return { ...next, vote: { ...state.vote, paperTally: event.data } };
    case 'VoteClosed':
      if (state.vote.status === 'pending') return next;
      return { ...next, vote: { ...state.vote, status: 'closed', result: event.data } };
    case 'NominationsSubmitted':
      return {
        ...next,
        nominations: {
          status: 'submitted',
          version: event.data.version,
          nominations: event.data.nominations,
          dossier: event.data.dossier,
        },
      };
    case 'NominationsAccepted':
    case 'NominationsReturned':
      if (state.nominations.status === 'none') return next;
      return {
        ...next,
        nominations: { ...state.nominations, status: event.type === 'NominationsAccepted' ? 'accepted' : 'returned' },
      };
    case 'CouncilReviewRecorded':
      return { ...next, council: event.data };
    case 'AwardDecisionIssued': {
      const grants = [...(state.decision?.grants ?? []), ...event.data.grants];
      const decisions = [
        ...(state.decision?.decisions ?? []),
        { decisionNo: event.data.decisionNo, issuedOn: event.data.issuedOn },
      ];
      const nominated = state.nominations.status === 'none' ? [] : state.nominations.nominations;
      // Closed once every nomination is decided (a decision of the older shape decided them all).
      const allDecided = nominated.every((n) => grants.some((g) => g.unitId === n.unitId && g.award === n.award));
      return {
        ...next,
        status: allDecided ? 'closed' : 'open',
        decision: { decisionNo: event.data.decisionNo, issuedOn: event.data.issuedOn, grants, decisions },
      };
    }
    case 'AwardRevoked':
      return { ...next, revoked: [...state.revoked, { unitId: event.data.unitId, award: event.data.award }] };
  }
}
