/**
 * The read side of thidua: read models fed from the event store's subscription, checkpointed and
 * rebuildable, and the queries of the HTTP API's GET routes. The HTTP app uses `ReadModels`.
 */
export { ReadModels } from './read-models.js';
export type { ReadModelsOptions, StandingsAt } from './read-models.js';
export type { RebuildResult } from './runner/projection-runner.js';
export type {
  CycleFilter,
  CycleStatusView,
  CycleSummary,
  StepView,
  UnitStatusView,
  UnitStepState,
  UnitSubmissionView,
} from './cycle-status/cycle-status.js';
export type { Standings, StandingsRow } from './standings/standings.js';
export type { AuditEntry } from './audit-trail/audit-trail.js';
export type { AuditedEvent, SealedBallotEvent } from './cycle-events/read-cycle-events.js';
export type { CycleVerification } from './verify/verify-cycle.js';
export type { VoteView } from './vote/vote-view.js';
export type { ReturnNote, SealedBallot } from './cycle-model/cycle-model.js';
export type { UnitDeadline } from './deadlines/unit-deadlines.js';
export { foldUnitSubmissions } from './submissions/unit-submissions.js';
export type {
  MidYearReportVersion,
  RegistrationVersion,
  ScoreAdjustment,
  SelfAssessmentVersion,
  SubmissionReview,
  UnitSubmissions,
} from './submissions/unit-submissions.js';

// The building blocks, for tests, tools and other read sides.
export { ProjectionRunner } from './runner/projection-runner.js';
export type { ProjectionRunnerOptions } from './runner/projection-runner.js';
export type { KeyedProjection } from './runner/keyed-projection.js';
export {
  assembleCycleModel,
  cycleProjection,
  evolveCyclePartition,
  evolveUnitPartition,
  foldCycleModel,
  unitProjection,
} from './cycle-model/cycle-model.js';
export type { CycleModel, CyclePartition, UnitPartition } from './cycle-model/cycle-model.js';
export { cycleStatusView } from './cycle-status/cycle-status.js';
export { CYCLE_PAGE, decodeCycleCursor, encodeCycleCursor } from './cycle-status/cycle-index.js';
export type { CyclePage, CycleQuery } from './cycle-status/cycle-index.js';
export { standingsView } from './standings/standings.js';
export { foldAuditTrail, initialAuditTrail } from './audit-trail/audit-trail.js';
export { auditedEvents, readCycleEvents } from './cycle-events/read-cycle-events.js';
export { notificationStreamsProjection } from './cycle-events/notification-streams.js';
export { verifyCycleEvents } from './verify/verify-cycle.js';
export { receiptCheck, voteView, type ReceiptCheck } from './vote/vote-view.js';
export { unitDeadlines } from './deadlines/unit-deadlines.js';
export { awardName, points, stepName } from './shared/vietnamese.js';
export { whatIf } from './what-if/what-if.js';
export type { WhatIfAnswer, WhatIfRules } from './what-if/what-if.js';
