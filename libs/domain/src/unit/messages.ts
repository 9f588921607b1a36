/**
 * The unit stream's messages (`unit-<cycleId>.<unitId>`): the commands of a unit's submissions and
 * their review, and the events they record. A unit command is added here (its type, the union and
 * the record that routes it to the unit stream), then decided in `decide.ts`, folded in
 * `evolve.ts`, and served by a DTO, a route and an audit-trail line at the edge.
 */
import type { UnitBase } from '../commands.js';
import type { SubmissionKind } from '../cycle/config.js';

// ---------------------------------------------------------------- commands

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

export type UnitCommand =
  | SubmitRegistration
  | SubmitMidYearReport
  | SubmitSelfAssessment
  | AcceptSubmission
  | ReturnSubmission
  | AdjustScore
  | RecordMissingSelfAssessment;

/**
 * Every unit command's type, as the keys of a record over `UnitCommand['type']`: a unit command
 * added to the union and not here does not compile (it would otherwise reach the cycle decider).
 */
export const UNIT_COMMAND_TYPES: Readonly<Record<UnitCommand['type'], true>> = {
  SubmitRegistration: true,
  SubmitMidYearReport: true,
  SubmitSelfAssessment: true,
  AcceptSubmission: true,
  ReturnSubmission: true,
  AdjustScore: true,
  RecordMissingSelfAssessment: true,
};

// ---------------------------------------------------------------- events

/**
 * Common to every submission version. `late`: submitted after the due date in force for this unit
 * (`dueAt`, extensions included). `cycleRevision`: the cycle stream revision the submission was
 * decided against (the step was open there; see the README's race rule).
 */
export type SubmissionFacts = {
  cycleId: string;
  unitId: string;
  version: number;
  submittedAt: string;
  dueAt: string;
  late: boolean;
  cycleRevision: number;
};

export type Target = { criterionId: string; target: number; note?: string };
export type RegistrationSubmitted = {
  type: 'RegistrationSubmitted';
  data: SubmissionFacts & { aimedAward?: string; targets: Target[] };
};

export type Progress = { criterionId: string; actual: number; note?: string };
export type MidYearReportSubmitted = {
  type: 'MidYearReportSubmitted';
  data: SubmissionFacts & { progress: Progress[]; summary?: string };
};

/**
 * `criterionId` names a criterion, a bonus item or a penalty item of the table. A criterion scored
 * from figures also records them: `actual`, `target` (the registered one when there is one) and
 * the `unit` of measure; its `points` are derived from them. `attachments`: the sha256 of each
 * uploaded file given as evidence, so the log proves which file was submitted.
 */
export type ScoreLine = {
  criterionId: string;
  points: number;
  actual?: number;
  target?: number;
  unit?: string;
  evidence?: string;
  attachments?: string[];
};
export type SelfAssessmentSubmitted = {
  type: 'SelfAssessmentSubmitted';
  data: SubmissionFacts & { scores: ScoreLine[] };
};

export type SubmissionAccepted = {
  type: 'SubmissionAccepted';
  data: { cycleId: string; unitId: string; submission: SubmissionKind; version: number; note?: string };
};
/** `correctBy` (as given) / `correctByAt` (resolved): the time the leader gives to correct it. */
export type SubmissionReturned = {
  type: 'SubmissionReturned';
  data: {
    cycleId: string;
    unitId: string;
    submission: SubmissionKind;
    version: number;
    reason: string;
    correctBy?: string;
    correctByAt?: string;
  };
};

/** A reviewer's correction of one line: `from` the points in force, `to` the new points. */
export type ScoreAdjusted = {
  type: 'ScoreAdjusted';
  data: { cycleId: string; unitId: string; criterionId: string; from: number; to: number; reason: string };
};

/**
 * The leader records that a unit has no self-assessment to accept (`version`: the latest version,
 * returned, or 0 for none). Consequence: the unit is scored on reviewers' points only (0 elsewhere)
 * and is not eligible for an award. A later self-assessment supersedes the record.
 */
export type SelfAssessmentMissingRecorded = {
  type: 'SelfAssessmentMissingRecorded';
  data: { cycleId: string; unitId: string; version: number; reason: string };
};

export type UnitEvent =
  | RegistrationSubmitted
  | MidYearReportSubmitted
  | SelfAssessmentSubmitted
  | SubmissionAccepted
  | SubmissionReturned
  | ScoreAdjusted
  | SelfAssessmentMissingRecorded;

/** Every unit event's type, as the keys of a record: an event added to the union and not here does not compile. */
const UNIT_EVENT_TYPE_SET: Readonly<Record<UnitEvent['type'], true>> = {
  RegistrationSubmitted: true,
  MidYearReportSubmitted: true,
  SelfAssessmentSubmitted: true,
  SubmissionAccepted: true,
  SubmissionReturned: true,
  ScoreAdjusted: true,
  SelfAssessmentMissingRecorded: true,
};
export const UNIT_EVENT_TYPES = Object.keys(UNIT_EVENT_TYPE_SET) as readonly UnitEvent['type'][];
