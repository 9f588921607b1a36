/**
 * A unit's submissions, their review and score adjustments, and locking the scores (docs/api.md, "A unit's
 * submissions").
 */
import { commandController } from '../commands/command-controller.js';
import type { CommandBasis, CommandOutcome } from '../commands/command-executor.js';
import { commandRoute } from '../commands/command-route.js';
import { CycleParams, EmptyDto } from '../cycles/step.dto.js';
import {
  AcceptSubmissionDto,
  MidYearReportDto,
  ReasonDto,
  RegistrationDto,
  ReturnSubmissionDto,
  ScoreAdjustmentDto,
  SelfAssessmentDto,
  SubmissionParams,
  UnitParams,
} from './submission.dto.js';

const unitBase = (p: UnitParams, b: CommandBasis) => ({
  actor: b.actor,
  at: b.at,
  cycleId: p.cycleId,
  unitId: p.unitId,
});

/** A submission answers the version it recorded, and whether it came late. */
const versionAndLate = (outcome: CommandOutcome) => {
  const data = outcome.events[0]?.data as { version?: number; late?: boolean } | undefined;
  return data ? { version: data.version, late: data.late } : {};
};

export const SUBMISSION_ROUTES = {
  register: commandRoute({
    method: 'PUT',
    path: 'units/:unitId/registration',
    status: 200,
    roles: ['unit'],
    summary: 'a new version of the registration; answers version and late',
    params: UnitParams,
    body: RegistrationDto,
    toDomain: ({ params, body }, b) => ({
      type: 'SubmitRegistration',
      ...unitBase(params, b),
      aimedAward: body.aimedAward,
      targets: body.targets,
    }),
    answer: versionAndLate,
  }),
  reportMidYear: commandRoute({
    method: 'PUT',
    path: 'units/:unitId/mid-year-report',
    status: 200,
    roles: ['unit'],
    summary: 'a new version of the mid-year report; answers version and late',
    params: UnitParams,
    body: MidYearReportDto,
    toDomain: ({ params, body }, b) => ({
      type: 'SubmitMidYearReport',
      ...unitBase(params, b),
      progress: body.progress,
      summary: body.summary,
    }),
    answer: versionAndLate,
  }),
  selfAssess: commandRoute({
    method: 'PUT',
    path: 'units/:unitId/self-assessment',
    status: 200,
    roles: ['unit'],
    summary: 'a new version of the self-assessment; answers version and late',
    params: UnitParams,
    body: SelfAssessmentDto,
    toDomain: ({ params, body }, b) => ({ type: 'SubmitSelfAssessment', ...unitBase(params, b), scores: body.scores }),
    attachments: ({ body }) =>
      body.scores.flatMap((line, i) =>
        (line.attachments ?? []).map((sha256, j) => ({ field: `scores.${i}.attachments.${j}`, sha256 })),
      ),
    answer: versionAndLate,
  }),
  adjust: commandRoute({
    method: 'POST',
    path: 'units/:unitId/score-adjustments',
    status: 201,
    roles: ['leader', 'province'],
    summary: 'the points of one line are adjusted, with the reason',
    params: UnitParams,
    body: ScoreAdjustmentDto,
    toDomain: ({ params, body }, b) => ({
      type: 'AdjustScore',
      ...unitBase(params, b),
      criterionId: body.criterionId,
      points: body.points,
      reason: body.reason,
    }),
  }),
  accept: commandRoute({
    method: 'POST',
    path: 'units/:unitId/:submission/accept',
    status: 200,
    roles: ['leader'],
    summary: 'the submission is accepted',
    params: SubmissionParams,
    body: AcceptSubmissionDto,
    toDomain: ({ params, body }, b) => ({
      type: 'AcceptSubmission',
      ...unitBase(params, b),
      submission: params.submission,
      version: body.version,
      note: body.note,
    }),
  }),
  giveBack: commandRoute({
    method: 'POST',
    path: 'units/:unitId/:submission/return',
    status: 200,
    roles: ['leader'],
    summary: 'the submission is returned for correction, with the reason',
    params: SubmissionParams,
    body: ReturnSubmissionDto,
    toDomain: ({ params, body }, b) => ({
      type: 'ReturnSubmission',
      ...unitBase(params, b),
      submission: params.submission,
      version: body.version,
      reason: body.reason,
      correctBy: body.correctBy,
    }),
  }),
  recordMissing: commandRoute({
    method: 'POST',
    path: 'units/:unitId/self-assessment/missing',
    status: 201,
    roles: ['leader'],
    summary:
      "the unit is recorded as not having submitted its self-assessment, with the reason (scored on reviewers' points, not eligible)",
    params: UnitParams,
    body: ReasonDto,
    toDomain: ({ params, body }, b) => ({
      type: 'RecordMissingSelfAssessment',
      ...unitBase(params, b),
      reason: body.reason,
    }),
  }),
  unlock: commandRoute({
    method: 'POST',
    path: 'scores/unlock',
    status: 200,
    roles: ['leader'],
    summary: 'the scores are unlocked for correction, with the reason; the vote that followed is void',
    params: CycleParams,
    body: ReasonDto,
    toDomain: ({ params, body }, b) => ({
      type: 'UnlockScores',
      actor: b.actor,
      at: b.at,
      cycleId: params.cycleId,
      reason: body.reason,
    }),
  }),
  lock: commandRoute({
    method: 'POST',
    path: 'scores/lock',
    status: 200,
    roles: ['leader'],
    summary: 'final scores and ranking are fixed',
    params: CycleParams,
    body: EmptyDto,
    toDomain: ({ params }, b) => ({ type: 'LockScores', actor: b.actor, at: b.at, cycleId: params.cycleId }),
    answer: (outcome) => {
      const data = outcome.events[0]?.data as { ranking?: string[] } | undefined;
      return data?.ranking ? { ranking: data.ranking } : {};
    },
  }),
};

export const SubmissionsController = commandController({
  name: 'SubmissionsController',
  path: 'cycles/:cycleId',
  tag: 'submissions',
  routes: SUBMISSION_ROUTES,
});
