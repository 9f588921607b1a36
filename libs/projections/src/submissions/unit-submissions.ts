/**
 * `GET /cycles/{cycleId}/units/{unitId}/submissions`: every version a unit submitted, with its
 * content and its review, and the reviewers' score adjustments. The materialized unit model keeps
 * only the latest version's status (content would double what is held and checkpointed), so this
 * is folded on demand from the unit's own stream: one stream, a few dozen events.
 */
import type { RecordedEvent } from '#event-store';
import type { MidYearReportSubmitted, RegistrationSubmitted, SelfAssessmentSubmitted, UnitEvent } from '#domain';
import { asDomainEvent, domainStreamOf } from '../shared/domain-event.js';

/** The leader's answer to one version: accepted (with its note) or returned (with its reason). */
export type SubmissionReview = {
  outcome: 'accepted' | 'returned';
  /** The envelope's occurredAt. */
  at: string;
  /** The role the reviewer acted in. */
  role: string;
  reason?: string;
  note?: string;
  correctByAt?: string;
};

type Facts = { version: number; submittedAt: string; dueAt: string; late: boolean; review?: SubmissionReview };
export type RegistrationVersion = Facts & Pick<RegistrationSubmitted['data'], 'aimedAward' | 'targets'>;
export type MidYearReportVersion = Facts & Pick<MidYearReportSubmitted['data'], 'progress' | 'summary'>;
export type SelfAssessmentVersion = Facts & Pick<SelfAssessmentSubmitted['data'], 'scores'>;

/** A reviewer's correction of one line's points. */
export type ScoreAdjustment = {
  criterionId: string;
  from: number;
  to: number;
  reason: string;
  at: string;
  role: string;
};

export type UnitSubmissions = {
  cycleId: string;
  unitId: string;
  /** Position of the last event folded (0: the unit has submitted nothing). */
  position: number;
  /** Oldest version first. */
  registration: RegistrationVersion[];
  'mid-year-report': MidYearReportVersion[];
  'self-assessment': SelfAssessmentVersion[];
  adjustments: ScoreAdjustment[];
  /** The leader's record that the unit has no self-assessment to accept, while it stands. */
  selfAssessmentMissing?: { version: number; reason: string; at: string };
};

/** Folds the events of one unit's stream in one cycle (events of other streams are skipped). */
export function foldUnitSubmissions(cycleId: string, unitId: string, events: Iterable<RecordedEvent>): UnitSubmissions {
  const out: UnitSubmissions = {
    cycleId,
    unitId,
    position: 0,
    registration: [],
    'mid-year-report': [],
    'self-assessment': [],
    adjustments: [],
  };
  for (const stored of events) {
    const stream = domainStreamOf(stored);
    if (stream?.kind !== 'unit' || stream.cycleId !== cycleId || stream.unitId !== unitId) continue;
    const event = asDomainEvent(stored) as unknown as UnitEvent;
    const at = stored.metadata.occurredAt;
    const role = stored.metadata.actor.role;
    out.position = stored.position;
    switch (event.type) {
      case 'RegistrationSubmitted': {
        const { aimedAward, targets } = event.data;
        out.registration.push({ ...facts(event.data), ...(aimedAward !== undefined ? { aimedAward } : {}), targets });
        break;
      }
      case 'MidYearReportSubmitted': {
        const { progress, summary } = event.data;
        out['mid-year-report'].push({ ...facts(event.data), progress, ...(summary !== undefined ? { summary } : {}) });
        break;
      }
      case 'SelfAssessmentSubmitted':
        out['self-assessment'].push({ ...facts(event.data), scores: event.data.scores });
        delete out.selfAssessmentMissing;
        break;
      case 'SubmissionAccepted': {
        const { note } = event.data;
        review(out, event.data, { outcome: 'accepted', at, role, ...(note !== undefined ? { note } : {}) });
        break;
      }
      case 'SubmissionReturned': {
        const { reason, correctByAt } = event.data;
        review(out, event.data, {
          outcome: 'returned',
          at,
          role,
          reason,
          ...(correctByAt !== undefined ? { correctByAt } : {}),
        });
        break;
      }
      case 'ScoreAdjusted': {
        const { criterionId, from, to, reason } = event.data;
        out.adjustments.push({ criterionId, from, to, reason, at, role });
        break;
      }
      case 'SelfAssessmentMissingRecorded':
        out.selfAssessmentMissing = { version: event.data.version, reason: event.data.reason, at };
        break;
    }
  }
  return out;
}

function facts(data: { version: number; submittedAt: string; dueAt: string; late: boolean }): Facts {
  const { version, submittedAt, dueAt, late } = data;
  return { version, submittedAt, dueAt, late };
}

/** The review lands on the version it names (the latest review of a version stands). */
function review(
  out: UnitSubmissions,
  data: { submission: 'registration' | 'mid-year-report' | 'self-assessment'; version: number },
  answer: SubmissionReview,
): void {
  const version = (out[data.submission] as Facts[]).find((v) => v.version === data.version);
  if (version) version.review = answer;
}
