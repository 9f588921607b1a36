import type { UnitEvent } from './messages.js';
import { SUBMISSION_FIELD, type UnitState } from './state.js';

/** Folds one unit-stream event. Pure: never mutates `state`. */
export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  const next: UnitState = { ...state, revision: state.revision + 1 };
  switch (event.type) {
    case 'RegistrationSubmitted':
      return { ...next, registration: { ...event.data, status: 'submitted' } };
    case 'MidYearReportSubmitted':
      return { ...next, midYearReport: { ...event.data, status: 'submitted' } };
    case 'SelfAssessmentSubmitted': {
      const { selfAssessmentMissing: _superseded, ...rest } = next;
      return {
        ...rest,
        selfAssessment: { ...event.data, status: 'submitted' },
        points: {
          ...Object.fromEntries(event.data.scores.map((line) => [line.criterionId, line.points])),
          ...state.adjusted,
        },
      };
    }
    case 'SelfAssessmentMissingRecorded':
      return {
        ...next,
        selfAssessmentMissing: { version: event.data.version, reason: event.data.reason },
        points: { ...state.adjusted },
      };
    case 'SubmissionAccepted':
    case 'SubmissionReturned': {
      const field = SUBMISSION_FIELD[event.data.submission];
      const latest = state[field];
      if (!latest || latest.version !== event.data.version) return next;
      const status = event.type === 'SubmissionAccepted' ? 'accepted' : 'returned';
      const correctByAt = event.type === 'SubmissionReturned' && !latest.late ? event.data.correctByAt : undefined;
      if (correctByAt !== undefined) {
        return {
          ...next,
          [field]: { ...latest, status },
          correction: { ...state.correction, [event.data.submission]: correctByAt },
        };
      }
      return { ...next, [field]: { ...latest, status } };
    }
    case 'ScoreAdjusted': {
      const { criterionId, to } = event.data;
      return {
        ...next,
        points: { ...state.points, [criterionId]: to },
        adjusted: { ...state.adjusted, [criterionId]: to },
      };
    }
  }
}
