/**
 * The command catalog. Every command carries the acting user (`actor`) and the moment (`at`, an
 * ISO 8601 instant): the domain has no clock. Ids (cycle, unit, ballot receipt) come in too:
 * the domain has no randomness. The cycle stream's commands are declared here; a unit stream's
 * with their events in `unit/messages.ts`.
 */
import type { CommandActor } from './shared/actor.js';
import type {
  AwardQuota,
  CriteriaTable,
  Eligibility,
  MemberUnit,
  NotificationSettings,
  ReopenableStep,
  ScheduleStep,
  SubmissionStep,
  TieBreaker,
} from './cycle/config.js';
import type { BallotChoices, CandidateCount, DossierItem, Grant, Nomination, VoteMode } from './events.js';
import type { RecordedLater } from './cycle/recorded-later.js';
import { UNIT_COMMAND_TYPES, type UnitCommand } from './unit/messages.js';

/**
 * `at`: when it happens; for a past year recorded from paper, the original date of the paper
 * record, with `recordedLater` saying when and from which document it is recorded.
 */
export type Base<Type extends string> = {
  type: Type;
  actor: CommandActor;
  at: string;
  cycleId: string;
  recordedLater?: RecordedLater;
};

/** A command about one unit of the cycle (its own stream's, or a ballot it casts). */
export type UnitBase<Type extends string> = Base<Type> & { unitId: string };

/** Vote rules as a client may give them: ratios as a number (0.7), "n/d" ("2/3") or "n%" ("70%"). */
export type VoteRulesInput = {
  quorum?: number | string;
  passThreshold?: number | string;
  of?: 'ballots-cast' | 'members';
};

/** `cycleId`: by convention `defaultCycleId(clusterId, year)`. Omitted settings take the defaults. */
export type OpenCycle = Base<'OpenCycle'> & {
  clusterId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  units: MemberUnit[];
  leaderUnitId: string;
  deputyUnitId?: string;
  criteria: CriteriaTable;
  awards?: AwardQuota[];
  voteRules?: VoteRulesInput;
  tieBreak?: TieBreaker[];
  /** Each a date ("2020-02-28" = the end of that day in the cycle's time zone) or an ISO date-time. */
  schedule: Record<ScheduleStep, string>;
  notifications?: Partial<NotificationSettings>;
  timeZone?: string;
  /** Default: registration required for years before 2024, no minimum total. */
  eligibility?: Partial<Eligibility>;
};

export type DissolveUnit = Base<'DissolveUnit'> & {
  unitId: string;
  how: 'dissolved' | 'merged';
  mergedInto?: string;
  decisionNo: string;
  effectiveOn: string;
  reason: string;
};
export type ReplaceLeader = Base<'ReplaceLeader'> & { role: 'leader' | 'deputy'; unitId: string; reason: string };
export type CancelCycle = Base<'CancelCycle'> & { reason: string; decisionNo?: string };

export type OpenStep = Base<'OpenStep'> & { step: SubmissionStep };
export type CloseStep = Base<'CloseStep'> & { step: SubmissionStep; summary?: string };
export type ReopenStep = Base<'ReopenStep'> & { step: ReopenableStep; reason: string };
export type ExtendDueDate = Base<'ExtendDueDate'> & {
  step: ScheduleStep;
  due: string;
  unitId?: string;
  reason: string;
};

/** Reads every unit stream: the handler passes their revisions, recorded in ScoresLocked. */
export type LockScores = Base<'LockScores'>;
/** The leader unlocks the scores to correct them (e.g. the province returned the dossier): the vote is void. */
export type UnlockScores = Base<'UnlockScores'> & { reason: string };

/** `candidates` per award kind; default: `defaultCandidates` of the locked ranking. */
/**
 * `publishBallots`: a rule of this round, chosen when it opens: after the close, every ballot is
 * listed with its receipt. Off by default (receipt-freeness): a voter could otherwise prove to
 * someone how they voted; each voter still checks with the receipt that their ballot was counted.
 */
export type OpenVote = Base<'OpenVote'> & {
  candidates?: Record<string, string[]>;
  mode?: VoteMode;
  publishBallots?: boolean;
};
/**
 * `receipt`: an unguessable id made by the caller (the ballot's receipt for the voter). `sealed`:
 * the ballot (receipt and choices) sealed by the shell's ballot box; when given, the ballot is
 * deposited at the close (see `BallotCast`), otherwise at once, next to its `BallotCast`.
 */
export type CastBallot = UnitBase<'CastBallot'> & { receipt: string; choices: BallotChoices; sealed?: string };
/**
 * `present`: ballots handed in (they count for the quorum); of them `spoiled` are invalid (phiếu
 * không hợp lệ) and `blank` valid but marking nobody (phiếu trắng). The pass threshold of "ballots
 * cast" is taken over the valid ones: present − spoiled.
 */
export type RecordPaperTally = Base<'RecordPaperTally'> & {
  present: number;
  blank?: number;
  spoiled?: number;
  results: Record<string, Record<string, CandidateCount>>;
  minutesRef: string;
};
/** `ballots`: the round's sealed ballots as the shell's ballot box opened them (any order). */
export type CloseVote = Base<'CloseVote'> & { ballots?: { receipt: string; choices: BallotChoices }[] };

export type SubmitNominations = Base<'SubmitNominations'> & { nominations: Nomination[]; dossier: DossierItem[] };
export type AcceptNominations = Base<'AcceptNominations'> & { note?: string };
export type ReturnNominations = Base<'ReturnNominations'> & { reason: string };
/** The province records the council's review of the accepted dossier: a result for every nomination. */
export type RecordCouncilReview = Base<'RecordCouncilReview'> & {
  meetingOn: string;
  minutesRef: string;
  results: Array<{ unitId: string; award: string; approve: number; reject: number; passed: boolean }>;
};
/** Decides some or all of the nominations not yet decided; the last decision closes the cycle. */
export type IssueAwardDecision = Base<'IssueAwardDecision'> & {
  decisionNo: string;
  issuedOn: string;
  signer: string;
  signerTitle: string;
  grants: Grant[];
};
export type RevokeAward = Base<'RevokeAward'> & {
  unitId: string;
  award: string;
  reason: string;
  legalGround: string;
  decisionNo: string;
  issuedOn: string;
  /** Prize money paid with the award, to be recovered (VND); omitted when none was paid. */
  prizeMoneyVnd?: number;
};

export type CycleCommand =
  | OpenCycle
  | DissolveUnit
  | ReplaceLeader
  | CancelCycle
  | OpenStep
  | CloseStep
  | ReopenStep
  | ExtendDueDate
  | LockScores
  | UnlockScores
  | OpenVote
  | CastBallot
  | RecordPaperTally
  | CloseVote
  | SubmitNominations
  | AcceptNominations
  | ReturnNominations
  | RecordCouncilReview
  | IssueAwardDecision
  | RevokeAward;

export type DomainCommand = CycleCommand | UnitCommand;
export type DomainCommandType = DomainCommand['type'];

export function isUnitCommand(command: DomainCommand): command is UnitCommand {
  return Object.hasOwn(UNIT_COMMAND_TYPES, command.type);
}
