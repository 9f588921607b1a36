/** The cycle aggregate's decide: one function per command, dispatched on its type. */
import type { CycleCommand } from '../commands.js';
import type { CycleEvent } from '../events.js';
import { decideLockScores, decideUnlockScores } from '../scoring/lock.js';
import type { UnitState } from '../unit/state.js';
import { decideCastBallot, decideCloseVote, decideOpenVote, decideRecordPaperTally } from '../vote/decide.js';
import {
  decideIssueAwardDecision,
  decideRecordCouncilReview,
  decideReviewNominations,
  decideRevokeAward,
  decideSubmitNominations,
} from '../nomination/decide.js';
import { decideOpenCycle } from './open-cycle.js';
import { decideCancelCycle, decideDissolveUnit, decideReplaceLeader } from './units-over-time.js';
import type { CycleState } from './state.js';
import { decideCloseStep, decideExtendDueDate, decideOpenStep, decideReopenStep } from './steps.js';

/**
 * Decides a cycle command. `units` (every member unit's folded stream) is read by LockScores only;
 * `streamPlan(command).readUnits` says when a handler must load it.
 */
export function decideCycle(
  command: CycleCommand,
  state: CycleState,
  units: Record<string, UnitState | undefined> = {},
): CycleEvent[] {
  switch (command.type) {
    case 'OpenCycle':
      return decideOpenCycle(command, state);
    case 'DissolveUnit':
      return decideDissolveUnit(command, state);
    case 'ReplaceLeader':
      return decideReplaceLeader(command, state);
    case 'CancelCycle':
      return decideCancelCycle(command, state);
    case 'OpenStep':
      return decideOpenStep(command, state);
    case 'CloseStep':
      return decideCloseStep(command, state);
    case 'ReopenStep':
      return decideReopenStep(command, state);
    case 'ExtendDueDate':
      return decideExtendDueDate(command, state);
    case 'LockScores':
      return decideLockScores(command, state, units);
    case 'UnlockScores':
      return decideUnlockScores(command, state);
    case 'OpenVote':
      return decideOpenVote(command, state);
    case 'CastBallot':
      return decideCastBallot(command, state);
    case 'RecordPaperTally':
      return decideRecordPaperTally(command, state);
    case 'CloseVote':
      return decideCloseVote(command, state);
    case 'SubmitNominations':
      return decideSubmitNominations(command, state);
    case 'AcceptNominations':
    case 'ReturnNominations':
      return decideReviewNominations(command, state);
    case 'RecordCouncilReview':
      return decideRecordCouncilReview(command, state);
    case 'IssueAwardDecision':
      return decideIssueAwardDecision(command, state);
    case 'RevokeAward':
      return decideRevokeAward(command, state);
  }
}
