/**
 * The configuration of a cycle, as recorded in `CycleOpened`: every number that differs by
 * province and year lives here (docs/domain.md, "Rules that shape the design").
 */

/** The steps of the schedule, in order. */
export const SCHEDULE_STEPS = [
  'registration',
  'mid-year-review',
  'self-assessment',
  'vote',
  'nomination',
  'decision',
] as const;
export type ScheduleStep = (typeof SCHEDULE_STEPS)[number];

/** The steps that units submit in, opened and closed by the leader with OpenStep / CloseStep. */
export const SUBMISSION_STEPS = ['registration', 'mid-year-review', 'self-assessment'] as const;
export type SubmissionStep = (typeof SUBMISSION_STEPS)[number];

/** What a unit submits, and the step it belongs to. */
export const SUBMISSION_KINDS = ['registration', 'mid-year-report', 'self-assessment'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const STEP_OF_SUBMISSION: Readonly<Record<SubmissionKind, SubmissionStep>> = {
  registration: 'registration',
  'mid-year-report': 'mid-year-review',
  'self-assessment': 'self-assessment',
};

/** Steps that can be reopened with a reason (the vote: a new round). */
export const REOPENABLE_STEPS = ['registration', 'mid-year-review', 'self-assessment', 'vote'] as const;
export type ReopenableStep = (typeof REOPENABLE_STEPS)[number];

export type MemberUnit = { id: string; name: string };

export type CriterionKind = 'quantitative' | 'qualitative';
/**
 * How a quantitative criterion turns its year-end figure into points: proportionally to the rate
 * actual / target (or target / actual when lower is better, e.g. a poverty rate), the maximum
 * reached at `fullAt` (1 = 100% of the target; 1.2 = 120%) and never exceeded.
 */
export type PointsFormula = { direction: 'higher-is-better' | 'lower-is-better'; fullAt: number };
export const FORMULA_DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;

/**
 * `unit`: the unit of measure of a quantitative criterion's figures ("tỷ đồng", "%").
 * `formula`: a quantitative criterion with a formula is scored from figures, not self-scored.
 * `disqualifyingBelow`: fewer points than this make the unit ineligible for awards (điểm liệt).
 */
export type Criterion = {
  id: string;
  title: string;
  maxPoints: number;
  kind: CriterionKind;
  unit?: string;
  formula?: PointsFormula;
  disqualifyingBelow?: number;
};
export type CriteriaGroup = { id: string; title: string; criteria: Criterion[] };
/**
 * A bonus or penalty item: points within [0, maxPoints], added or subtracted. A penalty item
 * marked `disqualifying` (a serious violation: không xét) makes any unit with points on it ineligible.
 */
export type ScoreItem = { id: string; title: string; maxPoints: number; disqualifying?: boolean };
export type CriteriaTable = { groups: CriteriaGroup[]; bonus: ScoreItem[]; penalty: ScoreItem[] };

export type AwardQuota = { kind: string; quota: number };

/**
 * A ratio as an exact fraction "n/d" (integers, reduced), e.g. "2/3" or "7/10": comparisons are
 * done in integers, so 4 of 6 meets a 2/3 quorum exactly.
 */
export type Ratio = string;

/** `of`: whether the pass threshold counts ballots cast or every member unit. */
export type VoteRules = { quorum: Ratio; passThreshold: Ratio; of: 'ballots-cast' | 'members' };

export const TIE_BREAKERS = ['final-score', 'first-group', 'vote'] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export type NotificationSettings = {
  /** ISO 8601 durations before a due date, e.g. ["P7D","P3D","P1D"]. */
  reminders: string[];
  /** Local time of day of the reminders, "HH:mm". */
  at: string;
  /** ISO 8601 duration after a due date when a missing submission is escalated. */
  escalateAfter: string;
  /**
   * Days off besides Saturdays and Sundays (Tết, national holidays, "YYYY-MM-DD"): a whole-day
   * reminder that would fall on a day off goes out on the working day before, an escalation on
   * the working day after. Absent in cycles opened before it existed: none.
   */
  holidays?: string[];
};

/** A due date as given (a date = the end of that day locally, or an ISO date-time) and resolved. */
export type DueDate = { given: string; dueAt: string };
export type Schedule = Record<ScheduleStep, DueDate>;

export const DEFAULT_AWARDS: readonly AwardQuota[] = [
  { kind: 'emulation-flag', quota: 1 },
  { kind: 'certificate-of-merit', quota: 2 },
];
export const DEFAULT_VOTE_RULES: VoteRules = { quorum: '2/3', passThreshold: '7/10', of: 'ballots-cast' };
export const DEFAULT_TIE_BREAK: readonly TieBreaker[] = ['final-score', 'first-group', 'vote'];
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DEFAULT_NOTIFICATIONS: NotificationSettings = {
  reminders: ['P7D', 'P3D', 'P1D'],
  at: '08:00',
  escalateAfter: 'P1D',
};

/**
 * Who may be proposed for an award, whatever its rank. `registrationRequired`: registering was a
 * condition for an award until the 2022 law removed it from 1 January 2024 (default: required for
 * years before 2024). `minimumTotal`: the least final score an eligible unit needs, if any.
 */
export type Eligibility = { registrationRequired: boolean; minimumTotal?: number };
export const REGISTRATION_OPTIONAL_FROM_YEAR = 2024;

/** The whole configuration, with every default applied: the `data` of `CycleOpened`. */
export type CycleConfig = {
  cycleId: string;
  clusterId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  units: MemberUnit[];
  leaderUnitId: string;
  deputyUnitId?: string;
  criteria: CriteriaTable;
  awards: AwardQuota[];
  voteRules: VoteRules;
  tieBreak: TieBreaker[];
  timeZone: string;
  schedule: Schedule;
  notifications: NotificationSettings;
  eligibility: Eligibility;
  /** Set when the cycle is a past year recorded after the fact from paper (the opening's document). */
  recordedFromPaper?: { source: string };
};
