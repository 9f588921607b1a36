/**
 * The shapes of the API's answers that the pages read. The OpenAPI document types every route,
 * parameter and body (schema.d.ts) but describes answers in prose only, so these mirror the read
 * models of libs/projections.
 */
export interface Me {
  sub: string;
  name: string;
  roles: string[];
  unitId?: string;
  provinceId?: string;
}

export interface Criterion {
  id: string;
  title: string;
  maxPoints: number;
  kind?: string;
  unit?: string;
  /** A quantitative criterion scored from figures (its points are derived). */
  formula?: { direction: string; fullAt: number };
}

export interface CycleConfig {
  cycleId: string;
  clusterId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  timeZone: string;
  units: { id: string; name: string }[];
  leaderUnitId: string;
  deputyUnitId?: string;
  criteria: {
    groups: { id: string; title: string; criteria: Criterion[] }[];
    bonus: Criterion[];
    penalty: Criterion[];
  };
  awards: { kind: string; quota: number }[];
  voteRules: { quorum: string; passThreshold: string | number; of: string };
  /** A past year recorded from paper, and the document it is recorded from. */
  recordedFromPaper?: { source: string };
}

export type UnitState = 'missing' | 'submitted' | 'late' | 'returned' | 'accepted';

/** Why, when and by whom (role) a submission or the nominations went back (shown to those it concerns). */
export interface ReturnNote {
  reason: string;
  at: string;
  role: string;
  correctByAt?: string;
}

export interface UnitSubmissionView {
  state: UnitState;
  late: boolean;
  versions: number;
  submittedAt?: string;
  dueAt: string;
  returned?: ReturnNote;
}

export interface CycleStatus {
  cycleId: string;
  status: 'open' | 'closed';
  position: number;
  config: CycleConfig;
  steps: { step: string; status: 'pending' | 'open' | 'closed'; dueAt: string; unitDueAt: Record<string, string> }[];
  currentStep: string | null;
  units: { unitId: string; unitName: string; steps: Record<string, UnitSubmissionView>; voted: boolean }[];
  scoresLocked: boolean;
  vote: { status: string; round: number; mode?: string; members: number; participants: number };
  nominations: { status: 'none' | 'submitted' | 'accepted' | 'returned'; version: number; returned?: ReturnNote };
  decision?: { decisionNo: string; issuedOn: string };
}

export interface CycleSummary {
  cycleId: string;
  clusterName: string;
  provinceId: string;
  year: number;
  status: 'open' | 'closed';
  currentStep: string | null;
  leaderUnitId: string;
  deputyUnitId?: string;
  unitCount: number;
  position: number;
}

export interface VoteResult {
  approve: number;
  reject: number;
  passed: boolean;
}

export interface StandingsRow {
  rank: number;
  unitId: string;
  unitName: string;
  registered: boolean;
  aimedAward: string | null;
  selfScore: number | null;
  provisionalScore?: number | null;
  finalScore: number | null;
  vote: Record<string, VoteResult> | null;
  nominated: string[];
  awarded: string[];
  late: string[];
}

export interface Standings {
  cycleId: string;
  locked: boolean;
  position: number;
  rows: StandingsRow[];
}

export interface VoteView {
  status: string;
  round: number;
  roster: { unitId: string; unitName: string }[];
  participants: string[];
  members: number;
  mode?: string;
  candidates: Record<string, string[]>;
  results?: Record<string, Record<string, VoteResult>>;
  /** Whether the round lists every ballot with its receipt after the close (chosen when it opened). */
  publishBallots: boolean;
  /** Only when publishBallots and the vote is closed. */
  ballots?: { receipt: string; choices: Record<string, Record<string, boolean>> }[];
  /** A paper vote: what the minutes recorded. */
  paperTally?: { present: number; blank: number; spoiled: number; minutesRef: string };
}

/** Whether the ballot of a receipt was in the round's count, and nothing else. */
export interface ReceiptCheck {
  receipt: string;
  round: number;
  counted: boolean;
}

export interface AuditEntry {
  position: number;
  at: string;
  actor: { userId: string; role: string; unitId?: string };
  action: string;
  summary: string;
  reason?: string;
  commandId: string;
  correlationId: string;
}

export interface RawEvent {
  type: string;
  position?: number;
  streamName?: string;
  data: unknown;
  metadata?: Record<string, unknown>;
  hash?: string;
  previousHash?: string;
  [key: string]: unknown;
}

export interface UnitDeadline {
  cycleId: string;
  clusterName: string;
  year: number;
  step: string;
  stepStatus: string;
  dueAt: string;
  extended: boolean;
  submitted: boolean;
  overdue: boolean;
}

export interface InboxItem {
  notificationId: string;
  cycleId: string;
  step: string;
  kind: 'reminder' | 'escalation';
  subject: string;
  message: string;
  dueAt: string;
  sentAt: string;
}

/** What every command answers. */
export interface CommandAnswer {
  position: number;
  revision?: number;
  cycleId?: string;
  receipt?: string;
}

/** The leader's answer to one version of a submission. */
export interface SubmissionReview {
  outcome: 'accepted' | 'returned';
  at: string;
  role: string;
  reason?: string;
  note?: string;
  correctByAt?: string;
}

export interface SubmittedVersion {
  version: number;
  submittedAt: string;
  dueAt: string;
  late: boolean;
  review?: SubmissionReview;
  aimedAward?: string;
  targets?: { criterionId: string; target: number; note?: string }[];
  progress?: { criterionId: string; actual: number; note?: string }[];
  summary?: string;
  scores?: {
    criterionId: string;
    points: number;
    actual?: number;
    target?: number;
    unit?: string;
    evidence?: string;
    attachments?: string[];
  }[];
}

export type SubmissionKind = 'registration' | 'mid-year-report' | 'self-assessment';

/** `GET /cycles/{cycleId}/units/{unitId}/submissions`: every version, oldest first, and the adjustments. */
export interface UnitSubmissions {
  cycleId: string;
  unitId: string;
  position: number;
  registration: SubmittedVersion[];
  'mid-year-report': SubmittedVersion[];
  'self-assessment': SubmittedVersion[];
  adjustments: { criterionId: string; from: number; to: number; reason: string; at: string; role: string }[];
  selfAssessmentMissing?: { version: number; reason: string; at: string };
}
