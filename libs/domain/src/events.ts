/**
 * The event catalog: every fact the domain records. Data are plain JSON (no Date, no class, no
 * undefined: optional fields are omitted). Instants are ISO 8601 UTC strings.
 *
 * Cycle stream (`cycle-<cycleId>`): configuration, steps, extensions, score lock, vote, ballots,
 * nominations, decision, revocations: declared here. Unit stream (`unit-<cycleId>.<unitId>`): that
 * unit's submissions (every version), their review, and score adjustments: declared with the unit's
 * commands in `unit/messages.ts`.
 */
import type { CycleConfig, ReopenableStep, ScheduleStep, SubmissionStep } from './cycle/config.js';
import { UNIT_EVENT_TYPES, type UnitEvent } from './unit/messages.js';

// ---------------------------------------------------------------- cycle stream

export type CycleOpened = { type: 'CycleOpened'; data: CycleConfig };

export type StepOpened = { type: 'StepOpened'; data: { cycleId: string; step: SubmissionStep } };

export type StepClosed = { type: 'StepClosed'; data: { cycleId: string; step: SubmissionStep; summary?: string } };

/** For 'vote', reopening discards the closed round's result: a new VoteOpened starts the next round. */
export type StepReopened = { type: 'StepReopened'; data: { cycleId: string; step: ReopenableStep; reason: string } };

/** Without `unitId` the step's due date moves for every unit; with it, for that unit only. */
export type DueDateExtended = {
  type: 'DueDateExtended';
  data: { cycleId: string; step: ScheduleStep; unitId?: string; due: string; dueAt: string; reason: string };
};

/** One row of the locked standings. Points are numbers with at most two decimals. */
export type FinalScore = {
  unitId: string;
  rank: number;
  base: number;
  bonus: number;
  penalty: number;
  final: number;
  /** Base points per criteria group id. */
  groups: Record<string, number>;
  registered: boolean;
  selfAssessed: boolean;
  /** Whether the unit may be proposed for an award; if not, `ineligible` says why. */
  eligible: boolean;
  ineligible?: Ineligibility[];
};

/**
 * Why a unit may not be proposed for an award, whatever its points: a criterion below its
 * disqualifying points (điểm liệt), points on a disqualifying penalty item (không xét), a final
 * score below the minimum, no registration where the cycle requires one, or no self-assessment.
 */
export type Ineligibility =
  | { rule: 'disqualifying-criterion'; itemId: string; points: number; below: number }
  | { rule: 'disqualifying-penalty'; itemId: string; points: number }
  | { rule: 'below-minimum-total'; final: number; minimum: number }
  | { rule: 'registration-missing' }
  | { rule: 'self-assessment-missing'; reason: string }
  | { rule: 'unit-dissolved'; how: 'dissolved' | 'merged' };

/**
 * The lock fixes the standings. `unitRevisions` are the unit streams' revisions the lock read
 * (-1 = empty stream): anything appended to a unit stream after them is not part of the lock.
 */
export type ScoresLocked = {
  type: 'ScoresLocked';
  data: { cycleId: string; scores: FinalScore[]; ranking: string[]; unitRevisions: Record<string, number> };
};

/**
 * The scores are open again to correction. The vote that followed the lock (`voidedRound`, if one
 * was opened) is void: it must be run again on the standings of the next lock.
 */
export type ScoresUnlocked = {
  type: 'ScoresUnlocked';
  data: { cycleId: string; reason: string; voidedRound?: number };
};

export type VoteMode = 'electronic' | 'paper';

/**
 * Candidates per award kind, roster (member units, frozen), and the rules fixed when the vote
 * opens: quorum, pass threshold, and the tie rule (`tieBreak`, for the nomination among tied units).
 */
export type VoteOpened = {
  type: 'VoteOpened';
  data: {
    cycleId: string;
    round: number;
    mode: VoteMode;
    candidates: Record<string, string[]>;
    roster: string[];
    rules: CycleConfig['voteRules'];
    tieBreak: CycleConfig['tieBreak'];
    /** Present (true) when the round's ballots are listed after the close; see `OpenVote`. */
    publishBallots?: true;
  };
};

/**
 * Who voted, never what. `sealed`: the ballot box's sealed copy of this voter's ballot, opaque to
 * the domain (the shell encrypts it and opens it at the close); with it, the ballot's
 * `BallotDeposited` is appended only when the vote closes, among all the round's ballots in
 * receipt order, so that its place in the log says nothing of who cast it.
 */
export type BallotCast = {
  type: 'BallotCast';
  data: { cycleId: string; round: number; voterUnitId: string; sealed?: string };
};

/** Choices per award kind and candidate: what was voted, never who. Envelope actor: the ballot box. */
export type BallotChoices = Record<string, Record<string, boolean>>;
export type BallotDeposited = {
  type: 'BallotDeposited';
  data: { cycleId: string; round: number; receipt: string; choices: BallotChoices };
};

export type CandidateCount = { approve: number; reject: number };
/** A paper vote's counts from the meeting's minutes; a later tally of the same round replaces it. */
export type PaperTallyRecorded = {
  type: 'PaperTallyRecorded';
  data: {
    cycleId: string;
    round: number;
    present: number;
    /** Absent in tallies recorded before blank and spoiled ballots were counted: none. */
    blank?: number;
    spoiled?: number;
    results: Record<string, Record<string, CandidateCount>>;
    minutesRef: string;
  };
};

export type CandidateResult = CandidateCount & { passed: boolean };
export type VoteClosed = {
  type: 'VoteClosed';
  data: {
    cycleId: string;
    round: number;
    members: number;
    participants: number;
    /** A paper vote with spoiled ballots: the valid ones, over which the pass threshold was taken. */
    validBallots?: number;
    results: Record<string, Record<string, CandidateResult>>;
  };
};

export type Nomination = { unitId: string; award: string };
export type DossierItem = { kind: string; ref: string; sha256?: string };
export type NominationsSubmitted = {
  type: 'NominationsSubmitted';
  data: { cycleId: string; version: number; nominations: Nomination[]; dossier: DossierItem[] };
};
export type NominationsAccepted = {
  type: 'NominationsAccepted';
  data: { cycleId: string; version: number; note?: string };
};
export type NominationsReturned = {
  type: 'NominationsReturned';
  data: { cycleId: string; version: number; reason: string };
};

/**
 * The provincial council's (Hội đồng TĐKT tỉnh) review of the accepted dossier: its own tally per
 * nomination and whether it passed. The decision grants only what the council passed.
 */
export type CouncilResult = Nomination & { approve: number; reject: number; passed: boolean };
export type CouncilReviewRecorded = {
  type: 'CouncilReviewRecorded';
  data: { cycleId: string; version: number; meetingOn: string; minutesRef: string; results: CouncilResult[] };
};

/**
 * A nomination decided: granted (as proposed, or as `grantedAs`, a lower form, with the reason) or
 * refused (with the reason). `award` is always the award proposed.
 */
export type Grant = { unitId: string; award: string; granted: boolean; grantedAs?: string; reason?: string };
/**
 * A decision on some of the accepted nominations (the flag and the certificate may come in separate
 * decisions); the one that decides the last of them closes the cycle. `issuedOn` is a date;
 * `signerTitle` e.g. "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (older events have none).
 */
export type AwardDecisionIssued = {
  type: 'AwardDecisionIssued';
  data: {
    cycleId: string;
    decisionNo: string;
    issuedOn: string;
    signer: string;
    signerTitle?: string;
    grants: Grant[];
  };
};
/**
 * Revocation by a decision (`decisionNo`, `issuedOn`) on a legal ground: the award (its artefact,
 * the flag or the certificate) and any prize money are to be recovered (`prizeMoneyVnd`, if paid).
 */
export type AwardRevoked = {
  type: 'AwardRevoked';
  data: {
    cycleId: string;
    unitId: string;
    award: string;
    reason: string;
    decisionNo: string;
    legalGround?: string;
    issuedOn?: string;
    recovery?: { award: true; prizeMoneyVnd?: number };
  };
};

/**
 * Since the 2025 reform a member unit can be dissolved or merged into another during the year, by
 * a decision: from then on it leaves the quorum and the vote's roster; its history stays readable.
 */
export type UnitDissolved = {
  type: 'UnitDissolved';
  data: {
    cycleId: string;
    unitId: string;
    how: 'dissolved' | 'merged';
    mergedInto?: string;
    decisionNo: string;
    effectiveOn: string;
    reason: string;
  };
};
/** The leader or deputy unit replaced mid-year, with the reason. */
export type LeaderReplaced = {
  type: 'LeaderReplaced';
  data: { cycleId: string; role: 'leader' | 'deputy'; from?: string; to: string; reason: string };
};
/** The cycle cancelled with the reason (and the decision, if any): it closes with no award. */
export type CycleCancelled = { type: 'CycleCancelled'; data: { cycleId: string; reason: string; decisionNo?: string } };

export type CycleEvent =
  | CycleOpened
  | UnitDissolved
  | LeaderReplaced
  | CycleCancelled
  | StepOpened
  | StepClosed
  | StepReopened
  | DueDateExtended
  | ScoresLocked
  | ScoresUnlocked
  | VoteOpened
  | BallotCast
  | BallotDeposited
  | PaperTallyRecorded
  | VoteClosed
  | NominationsSubmitted
  | NominationsAccepted
  | NominationsReturned
  | CouncilReviewRecorded
  | AwardDecisionIssued
  | AwardRevoked;

// ---------------------------------------------------------------- unit stream

export type DomainEvent = CycleEvent | UnitEvent;
export type DomainEventType = DomainEvent['type'];

export const CYCLE_EVENT_TYPES = [
  'CycleOpened',
  'UnitDissolved',
  'LeaderReplaced',
  'CycleCancelled',
  'StepOpened',
  'StepClosed',
  'StepReopened',
  'DueDateExtended',
  'ScoresLocked',
  'ScoresUnlocked',
  'VoteOpened',
  'BallotCast',
  'BallotDeposited',
  'PaperTallyRecorded',
  'VoteClosed',
  'NominationsSubmitted',
  'NominationsAccepted',
  'NominationsReturned',
  'CouncilReviewRecorded',
  'AwardDecisionIssued',
  'AwardRevoked',
] as const satisfies readonly CycleEvent['type'][];

export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [...CYCLE_EVENT_TYPES, ...UNIT_EVENT_TYPES];

export function isCycleEvent(event: DomainEvent): event is CycleEvent {
  return (CYCLE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The schema version of every event of this catalog (the envelope's `schemaVersion`). */
export const EVENT_SCHEMA_VERSION = 1;
