/** A unit's state in one cycle, folded from its unit stream. */
import type { SubmissionKind } from '../cycle/config.js';
import type { MidYearReportSubmitted, RegistrationSubmitted, SelfAssessmentSubmitted } from './messages.js';

export type SubmissionStatus = 'submitted' | 'accepted' | 'returned';

/** The latest version of a submission and its review status (older versions stay in the stream). */
export type Latest<Data> = Data & { status: SubmissionStatus };

export type UnitState = {
  /** Revision of the last event folded (-1: empty stream). */
  revision: number;
  registration?: Latest<RegistrationSubmitted['data']>;
  midYearReport?: Latest<MidYearReportSubmitted['data']>;
  selfAssessment?: Latest<SelfAssessmentSubmitted['data']>;
  /**
   * Points in force per criterion, bonus or penalty id: a reviewer's adjustment of a line where
   * there is one, else the line of the latest self-assessment (a new version replaces its lines).
   */
  points: Record<string, number>;
  /**
   * The reviewers' points per line. They stand over any later self-assessment: the unit is the
   * party assessed and cannot undo a verification by resubmitting; a reviewer changes them.
   */
  adjusted?: Record<string, number>;
  /**
   * Per submission: the time the leader gave to correct a version that was on time when returned
   * (a correction by then is not late: lateness is judged on the first on-time version).
   */
  correction?: Partial<Record<SubmissionKind, string>>;
  /** The leader's record that the unit has no self-assessment to accept (see the event). */
  selfAssessmentMissing?: { version: number; reason: string };
};

export function initialUnitState(): UnitState {
  return { revision: -1, points: {} };
}

export const SUBMISSION_FIELD: Readonly<Record<SubmissionKind, 'registration' | 'midYearReport' | 'selfAssessment'>> = {
  registration: 'registration',
  'mid-year-report': 'midYearReport',
  'self-assessment': 'selfAssessment',
};
