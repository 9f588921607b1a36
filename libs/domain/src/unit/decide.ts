/**
 * The unit aggregate: a unit's submissions in one cycle (every version), their review, and score
 * adjustments. Decided against the folded cycle state (configuration, steps, due dates, lock),
 * appended to the unit's own stream.
 */
import type {
  AcceptSubmission,
  AdjustScore,
  ReturnSubmission,
  SubmitMidYearReport,
  SubmitRegistration,
  SubmitSelfAssessment,
  UnitCommand,
} from '../commands.js';
import type {
  ScoreAdjusted,
  SubmissionAccepted,
  SubmissionFacts,
  SubmissionReturned,
  UnitEvent,
} from '../events.js';
import { DomainError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import {
  requireCycle,
  requireInstant,
  requireLeaderOf,
  requireMember,
  requireNotClosed,
  requireOwnUnit,
  requireReason,
  requireRole,
} from '../shared/guards.js';
import { Problems, cleanText, validate } from '../shared/validate.js';
import { STEP_OF_SUBMISSION, SUBMISSION_KINDS, type SubmissionKind, type SubmissionStep } from '../cycle/config.js';
import { dueInForce } from '../cycle/due.js';
import { scoreItemIds } from '../cycle/open-cycle.js';
import type { CycleState, OpenedCycleState } from '../cycle/state.js';
import { hasAtMostTwoDecimals } from '../scoring/points.js';
import { isLate } from '../time/due-date.js';
import { SUBMISSION_FIELD, type UnitState } from './state.js';

/** Maximum points of every criterion, bonus and penalty item of the cycle's table. */
export function maxPointsById(cycle: OpenedCycleState): Map<string, number> {
  const { criteria } = cycle.config;
  return new Map([
    ...criteria.groups.flatMap((group) => group.criteria.map((criterion) => [criterion.id, criterion.maxPoints] as const)),
    ...criteria.bonus.map((item) => [item.id, item.maxPoints] as const),
    ...criteria.penalty.map((item) => [item.id, item.maxPoints] as const),
  ]);
}

function baseCriterionIds(cycle: OpenedCycleState): Set<string> {
  return new Set(cycle.config.criteria.groups.flatMap((group) => group.criteria.map((criterion) => criterion.id)));
}

/** The unit officer's preamble of a submission; returns the facts common to every version. */
function submissionFacts(
  command: SubmitRegistration | SubmitMidYearReport | SubmitSelfAssessment,
  cycleState: CycleState,
  unit: UnitState,
  kind: SubmissionKind,
): { cycle: OpenedCycleState; facts: SubmissionFacts } {
  requireRole(command.actor, ['unit']);
  requireInstant(command.at);
  const cycle = requireCycle(cycleState);
  requireOwnUnit(command.actor, command.unitId);
  requireMember(cycle.config, command.unitId);
  requireNotClosed(cycle);
  return {
    cycle,
    facts: {
      cycleId: command.cycleId,
      unitId: command.unitId,
      version: (unit[SUBMISSION_FIELD[kind]]?.version ?? 0) + 1,
      submittedAt: command.at,
      dueAt: dueInForce(cycle, STEP_OF_SUBMISSION[kind], command.unitId),
      late: isLate(command.at, dueInForce(cycle, STEP_OF_SUBMISSION[kind], command.unitId)),
      cycleRevision: cycle.revision,
    },
  };
}

/** Checked last, after the input: a submission is taken only while its step is open. */
function requireStepOpen(cycle: OpenedCycleState, step: SubmissionStep): void {
  if (cycle.steps[step].status !== 'open') {
    throw new DomainError('STEP_NOT_OPEN', {
      vi: `Bước "${step}" không mở: không thể nộp`,
      en: `Step "${step}" is not open`,
    });
  }
}

function checkCriterionLines(
  problems: Problems,
  field: string,
  lines: unknown,
  known: Set<string>,
  check: (line: Record<string, unknown>, at: string) => void,
): void {
  if (!problems.array(field, lines, { max: LIMITS.lines })) return;
  const ids: unknown[] = [];
  lines.forEach((line, index) => {
    const at = `${field}[${index}]`;
    if (!problems.object(at, line)) return;
    ids.push(line.criterionId);
    if (typeof line.criterionId !== 'string' || !known.has(line.criterionId)) {
      problems.add(`${at}.criterionId`, 'tiêu chí không có trong bảng tiêu chí của đợt thi đua');
    }
    check(line, at);
    problems.optionalText(`${at}.note`, line.note);
  });
  problems.unique(field, ids, 'tiêu chí');
}

function decideSubmitRegistration(command: SubmitRegistration, cycleState: CycleState, unit: UnitState): UnitEvent[] {
  const { cycle, facts } = submissionFacts(command, cycleState, unit, 'registration');
  validate((problems) => {
    checkCriterionLines(problems, 'targets', command.targets, baseCriterionIds(cycle), (line, at) => void problems.number(`${at}.target`, line.target, { min: 0, max: LIMITS.quantity }));
    if (command.aimedAward !== undefined && !cycle.config.awards.some((award) => award.kind === command.aimedAward)) {
      problems.add('aimedAward', 'danh hiệu không có trong cấu hình của đợt thi đua');
    }
  });
  requireStepOpen(cycle, 'registration');
  return [
    {
      type: 'RegistrationSubmitted',
      data: {
        ...facts,
        ...(command.aimedAward !== undefined ? { aimedAward: command.aimedAward } : {}),
        targets: command.targets.map((line) => ({
          criterionId: line.criterionId,
          target: line.target,
          ...(line.note !== undefined ? { note: cleanText(line.note) } : {}),
        })),
      },
    },
  ];
}

function decideSubmitMidYearReport(command: SubmitMidYearReport, cycleState: CycleState, unit: UnitState): UnitEvent[] {
  const { cycle, facts } = submissionFacts(command, cycleState, unit, 'mid-year-report');
  validate((problems) => {
    checkCriterionLines(problems, 'progress', command.progress, baseCriterionIds(cycle), (line, at) => void problems.number(`${at}.actual`, line.actual, { min: -LIMITS.quantity, max: LIMITS.quantity }));
    problems.optionalText('summary', command.summary);
  });
  requireStepOpen(cycle, 'mid-year-review');
  return [
    {
      type: 'MidYearReportSubmitted',
      data: {
        ...facts,
        progress: command.progress.map((line) => ({
          criterionId: line.criterionId,
          actual: line.actual,
          ...(line.note !== undefined ? { note: cleanText(line.note) } : {}),
        })),
        ...(command.summary !== undefined ? { summary: cleanText(command.summary) } : {}),
      },
    },
  ];
}

function checkPoints(problems: Problems, field: string, points: unknown): points is number {
  if (!problems.number(field, points, { min: 0 })) return false;
  if (!hasAtMostTwoDecimals(points)) {
    problems.add(field, 'tối đa hai chữ số thập phân');
    return false;
  }
  return true;
}

function pointsExceedMax(criterionId: string, points: number, max: number): DomainError {
  return new DomainError('POINTS_EXCEED_MAX', {
    vi: `Điểm của tiêu chí ${criterionId} (${points}) vượt quá điểm tối đa ${max}`,
    en: `Points of ${criterionId} (${points}) exceed the maximum ${max}`,
  });
}

function decideSubmitSelfAssessment(command: SubmitSelfAssessment, cycleState: CycleState, unit: UnitState): UnitEvent[] {
  const { cycle, facts } = submissionFacts(command, cycleState, unit, 'self-assessment');
  const maxima = maxPointsById(cycle);
  validate((problems) => {
    checkCriterionLines(problems, 'scores', command.scores, new Set(scoreItemIds(cycle.config.criteria)), (line, at) => {
      checkPoints(problems, `${at}.points`, line.points);
      problems.optionalText(`${at}.evidence`, line.evidence);
    });
  });
  for (const line of command.scores) {
    const max = maxima.get(line.criterionId)!;
    if (line.points > max) throw pointsExceedMax(line.criterionId, line.points, max);
  }
  requireStepOpen(cycle, 'self-assessment');
  return [
    {
      type: 'SelfAssessmentSubmitted',
      data: {
        ...facts,
        scores: command.scores.map((line) => ({
          criterionId: line.criterionId,
          points: line.points,
          ...(line.evidence !== undefined ? { evidence: cleanText(line.evidence) } : {}),
        })),
      },
    },
  ];
}

function decideReview(
  command: AcceptSubmission | ReturnSubmission,
  cycleState: CycleState,
  unit: UnitState,
): Array<SubmissionAccepted | SubmissionReturned> {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(cycleState);
  requireLeaderOf(command.actor, cycle.config);
  requireMember(cycle.config, command.unitId);
  requireNotClosed(cycle);
  if (!(SUBMISSION_KINDS as readonly unknown[]).includes(command.submission)) {
    throw new DomainError('VALIDATION_FAILED', {
      errors: [{ field: 'submission', message: `phải là một trong ${SUBMISSION_KINDS.join(', ')}` }],
    });
  }
  if (command.version !== undefined) validate((problems) => problems.number('version', command.version, { integer: true, min: 1, max: LIMITS.version }));
  const reason = command.type === 'ReturnSubmission' ? requireReason(command.reason) : undefined;
  if (command.type === 'AcceptSubmission') validate((problems) => problems.optionalText('note', command.note));

  const latest = unit[SUBMISSION_FIELD[command.submission]];
  if (!latest) throw new DomainError('SUBMISSION_NOT_FOUND');
  if (command.version !== undefined && command.version !== latest.version) {
    throw new DomainError('SUBMISSION_VERSION_STALE', {
      vi: `Phiên bản ${command.version} không còn là phiên bản mới nhất (${latest.version})`,
      en: `Version ${command.version} is not the latest (${latest.version})`,
    });
  }
  if (latest.status !== 'submitted') throw new DomainError('SUBMISSION_ALREADY_REVIEWED');
  requireStepOpen(cycle, STEP_OF_SUBMISSION[command.submission]);

  const base = { cycleId: command.cycleId, unitId: command.unitId, submission: command.submission, version: latest.version };
  if (command.type === 'ReturnSubmission') return [{ type: 'SubmissionReturned', data: { ...base, reason: reason! } }];
  return [
    {
      type: 'SubmissionAccepted',
      data: { ...base, ...(command.note !== undefined ? { note: cleanText(command.note) } : {}) },
    },
  ];
}

function decideAdjustScore(command: AdjustScore, cycleState: CycleState, unit: UnitState): ScoreAdjusted[] {
  requireRole(command.actor, ['leader', 'province']);
  requireInstant(command.at);
  const cycle = requireCycle(cycleState);
  requireLeaderOf(command.actor, cycle.config, ['province']);
  requireMember(cycle.config, command.unitId);
  requireNotClosed(cycle);
  const maxima = maxPointsById(cycle);
  validate((problems) => {
    if (typeof command.criterionId !== 'string' || !maxima.has(command.criterionId)) {
      problems.add('criterionId', 'tiêu chí không có trong bảng tiêu chí của đợt thi đua');
    }
    checkPoints(problems, 'points', command.points);
  });
  const reason = requireReason(command.reason);
  const max = maxima.get(command.criterionId)!;
  if (command.points > max) throw pointsExceedMax(command.criterionId, command.points, max);
  if (cycle.locked) throw new DomainError('SCORES_LOCKED');
  if (cycle.steps['self-assessment'].status === 'pending') {
    throw new DomainError('STEP_OUT_OF_ORDER', {
      vi: 'Chỉ điều chỉnh điểm sau khi bước tự chấm điểm đã mở',
      en: 'Scores are adjusted only once the self-assessment step has opened',
    });
  }
  const from = unit.points[command.criterionId] ?? 0;
  if (from === command.points) {
    throw new DomainError('VALIDATION_FAILED', {
      vi: `Điểm mới trùng với điểm đang áp dụng (${from})`,
      en: `The new points equal the points in force (${from})`,
      errors: [{ field: 'points', message: 'trùng với điểm đang áp dụng' }],
    });
  }
  return [
    {
      type: 'ScoreAdjusted',
      data: { cycleId: command.cycleId, unitId: command.unitId, criterionId: command.criterionId, from, to: command.points, reason },
    },
  ];
}

/** Decides a unit command against the cycle state and the unit's own state. */
export function decideUnit(command: UnitCommand, unit: UnitState, cycle: CycleState): UnitEvent[] {
  switch (command.type) {
    case 'SubmitRegistration':
      return decideSubmitRegistration(command, cycle, unit);
    case 'SubmitMidYearReport':
      return decideSubmitMidYearReport(command, cycle, unit);
    case 'SubmitSelfAssessment':
      return decideSubmitSelfAssessment(command, cycle, unit);
    case 'AcceptSubmission':
    case 'ReturnSubmission':
      return decideReview(command, cycle, unit);
    case 'AdjustScore':
      return decideAdjustScore(command, cycle, unit);
  }
}
