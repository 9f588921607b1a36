/**
 * The command catalog. Every command carries the acting user (`actor`) and the moment (`at`, an
 * ISO 8601 instant): the domain has no clock. Ids (cycle, unit, ballot receipt) come in too:
 * the domain has no randomness.
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
  Target,
  VoteMode,
} from './events.js';
import type { RecordedLater } from './cycle/recorded-later.js';

/**
 * `at`: when it happens; for a past year recorded from paper, the original date of the paper
 * record, with `recordedLater` saying when and from which document it is recorded.
 */
type Base<Type extends string> = {
  type: Type;
  actor: CommandActor;
  at: string;
  cycleId: string;
  recordedLater?: RecordedLater;
};

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

type UnitBase<Type extends string> = Base<Type> & { unitId: string };
export type SubmitRegistration = UnitBase<'SubmitRegistration'> & { aimedAward?: string; targets: Target[] };
export type SubmitMidYearReport = UnitBase<'SubmitMidYearReport'> & { progress: Progress[]; summary?: string };
/**
 * A line of a self-assessment as the unit sends it: `points` for a self-scored item; for a
 * criterion scored from figures, `actual` (the year-end figure), its `unit` of measure and, when
 * the unit registered no target for it, the `target` (plan); its points are derived.
 */
export type ScoreLineInput = {
  criterionId: string;
  points?: number;
  actual?: number;
  target?: number;
  unit?: string;
  evidence?: string;
  /** The sha256 of each uploaded file given as evidence (see `POST /attachments`). */
  attachments?: string[];
};
export type SubmitSelfAssessment = UnitBase<'SubmitSelfAssessment'> & { scores: ScoreLineInput[] };
/** `version`: the version the reviewer saw; if omitted, the latest. */
export type AcceptSubmission = UnitBase<'AcceptSubmission'> & {
  submission: SubmissionKind;
  version?: number;
  note?: string;
};
/** `correctBy`: the time given to correct it (a date = the end of that day, or a date-time). */
export type ReturnSubmission = UnitBase<'ReturnSubmission'> & {
  submission: SubmissionKind;
  version?: number;
  reason: string;
  correctBy?: string;
};
export type AdjustScore = UnitBase<'AdjustScore'> & { criterionId: string; points: number; reason: string };
/** The leader records that a unit has no self-assessment to accept (none, or the latest returned). */
export type RecordMissingSelfAssessment = UnitBase<'RecordMissingSelfAssessment'> & { reason: string };

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

export type UnitCommand =
  | SubmitRegistration
  | SubmitMidYearReport
  | SubmitSelfAssessment
  | AcceptSubmission
  | ReturnSubmission
  | AdjustScore
  | RecordMissingSelfAssessment;

export type DomainCommand = CycleCommand | UnitCommand;
export type DomainCommandType = DomainCommand['type'];

/**
 * Every unit command's type, as the keys of a record over `UnitCommand['type']`: a unit command
 * added to the union and not here does not compile (it would otherwise reach the cycle decider).
 */
const UNIT_COMMAND_TYPES: Readonly<Record<UnitCommand['type'], true>> = {
  SubmitRegistration: true,
  SubmitMidYearReport: true,
  SubmitSelfAssessment: true,
  AcceptSubmission: true,
  ReturnSubmission: true,
  AdjustScore: true,
  RecordMissingSelfAssessment: true,
};

export function isUnitCommand(command: DomainCommand): command is UnitCommand {
  return Object.hasOwn(UNIT_COMMAND_TYPES, command.type);
}
