/**
 * The command catalog. Every command carries the acting user (`actor`) and the moment (`at`, an
 * ISO 8601 instant): the domain has no clock. Ids (cycle, unit, ballot receipt) come in too:
 * the domain has no randomness.
 */
import type { CommandActor } from './shared/actor.js';
import type {
  AwardQuota,
  CriteriaTable,
  MemberUnit,
  NotificationSettings,
  ReopenableStep,
  ScheduleStep,
  SubmissionKind,
  SubmissionStep,
  TieBreaker,
} from './cycle/config.js';
import type {
  BallotChoices,
  CandidateCount,
  DossierItem,
  Grant,
  Nomination,
  Progress,
  ScoreLine,
  Target,
  VoteMode,
} from './events.js';

type Base<Type extends string> = { type: Type; actor: CommandActor; at: string; cycleId: string };

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
};

export type OpenStep = Base<'OpenStep'> & { step: SubmissionStep };
export type CloseStep = Base<'CloseStep'> & { step: SubmissionStep; summary?: string };
export type ReopenStep = Base<'ReopenStep'> & { step: ReopenableStep; reason: string };
export type ExtendDueDate = Base<'ExtendDueDate'> & { step: ScheduleStep; due: string; unitId?: string; reason: string };

type UnitBase<Type extends string> = Base<Type> & { unitId: string };
export type SubmitRegistration = UnitBase<'SubmitRegistration'> & { aimedAward?: string; targets: Target[] };
export type SubmitMidYearReport = UnitBase<'SubmitMidYearReport'> & { progress: Progress[]; summary?: string };
export type SubmitSelfAssessment = UnitBase<'SubmitSelfAssessment'> & { scores: ScoreLine[] };
/** `version`: the version the reviewer saw; if omitted, the latest. */
export type AcceptSubmission = UnitBase<'AcceptSubmission'> & { submission: SubmissionKind; version?: number; note?: string };
export type ReturnSubmission = UnitBase<'ReturnSubmission'> & { submission: SubmissionKind; version?: number; reason: string };
export type AdjustScore = UnitBase<'AdjustScore'> & { criterionId: string; points: number; reason: string };

/** Reads every unit stream: the handler passes their revisions, recorded in ScoresLocked. */
export type LockScores = Base<'LockScores'>;

/** `candidates` per award kind; default: `defaultCandidates` of the locked ranking. */
export type OpenVote = Base<'OpenVote'> & { candidates?: Record<string, string[]>; mode?: VoteMode };
/**
 * `receipt`: an unguessable id made by the caller (the ballot's receipt for the voter). `sealed`:
 * the ballot (receipt and choices) sealed by the shell's ballot box; when given, the ballot is
 * deposited at the close (see `BallotCast`), otherwise at once, next to its `BallotCast`.
 */
export type CastBallot = UnitBase<'CastBallot'> & { receipt: string; choices: BallotChoices; sealed?: string };
export type RecordPaperTally = Base<'RecordPaperTally'> & {
  present: number;
  results: Record<string, Record<string, CandidateCount>>;
  minutesRef: string;
};
/** `ballots`: the round's sealed ballots as the shell's ballot box opened them (any order). */
export type CloseVote = Base<'CloseVote'> & { ballots?: { receipt: string; choices: BallotChoices }[] };

export type SubmitNominations = Base<'SubmitNominations'> & { nominations: Nomination[]; dossier: DossierItem[] };
export type AcceptNominations = Base<'AcceptNominations'> & { note?: string };
export type ReturnNominations = Base<'ReturnNominations'> & { reason: string };
export type IssueAwardDecision = Base<'IssueAwardDecision'> & {
  decisionNo: string;
  issuedOn: string;
  signer: string;
  grants: Grant[];
};
export type RevokeAward = Base<'RevokeAward'> & { unitId: string; award: string; reason: string; decisionNo: string };

export type CycleCommand =
  | OpenCycle
  | OpenStep
  | CloseStep
  | ReopenStep
  | ExtendDueDate
  | LockScores
  | OpenVote
  | CastBallot
  | RecordPaperTally
  | CloseVote
  | SubmitNominations
  | AcceptNominations
  | ReturnNominations
  | IssueAwardDecision
  | RevokeAward;

export type UnitCommand =
  | SubmitRegistration
  | SubmitMidYearReport
  | SubmitSelfAssessment
  | AcceptSubmission
  | ReturnSubmission
  | AdjustScore;

export type DomainCommand = CycleCommand | UnitCommand;
export type DomainCommandType = DomainCommand['type'];

export const UNIT_COMMAND_TYPES = [
  'SubmitRegistration',
  'SubmitMidYearReport',
  'SubmitSelfAssessment',
  'AcceptSubmission',
  'ReturnSubmission',
  'AdjustScore',
] as const satisfies readonly UnitCommand['type'][];

export function isUnitCommand(command: DomainCommand): command is UnitCommand {
  return (UNIT_COMMAND_TYPES as readonly string[]).includes(command.type);
}
