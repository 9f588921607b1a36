/**
 * The configuration of a cycle, as recorded in `CycleOpened`: every number that differs by
 * province and year lives here (docs/domain.md, "Rules that shape the design").
 */

/** The steps of the schedule, in order. */
export const SCHEDULE_STEPS = ['registration', 'mid-year-review', 'self-assessment', 'vote', 'nomination', 'decision'] as const;
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
export type Criterion = { id: string; title: string; maxPoints: number; kind: CriterionKind; unit?: string };
export type CriteriaGroup = { id: string; title: string; criteria: Criterion[] };
/** A bonus or penalty item: points within [0, maxPoints], added or subtracted. */
export type ScoreItem = { id: string; title: string; maxPoints: number };
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
};
