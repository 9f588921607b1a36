/**
 * The unit aggregate: a unit's submissions in one cycle (every version), their review, and score
 * adjustments. Decided against the folded cycle state (configuration, steps, due dates, lock),
 * appended to the unit's own stream.
 */
import type {
  AcceptSubmission,
  AdjustScore,
  RecordMissingSelfAssessment,
  ReturnSubmission,
  ScoreLineInput,
  SubmitMidYearReport,
  SubmitRegistration,
  SubmitSelfAssessment,
  UnitCommand,
} from './messages.js';
import type {
  ScoreAdjusted,
  ScoreLine,
  SelfAssessmentMissingRecorded,
  SubmissionAccepted,
  SubmissionFacts,
  SubmissionReturned,
  UnitEvent,
} from './messages.js';
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
import { Problems, checkInCycleWindow, cleanText, validate } from '../shared/validate.js';
import {
  STEP_OF_SUBMISSION,
  SUBMISSION_KINDS,
  type Criterion,
  type PointsFormula,
  type SubmissionKind,
  type SubmissionStep,
} from '../cycle/config.js';
import { dueInForce } from '../cycle/due.js';
import { scoreItemIds } from '../cycle/open-cycle.js';
import type { CycleState, OpenedCycleState } from '../cycle/state.js';
import { derivePoints, hasAtMostTwoDecimals } from '../scoring/points.js';
import { resolveDue } from '../time/due-date.js';
import { judgeLateness } from './lateness.js';
import { requireNotDissolved } from '../cycle/units-over-time.js';
import { SUBMISSION_FIELD, type UnitState } from './state.js';
import { stepWords } from '../shared/words.js';

/** Maximum points of every criterion, bonus and penalty item of the cycle's table. */
export function maxPointsById(cycle: OpenedCycleState): Map<string, number> {
  const { criteria } = cycle.config;
  return new Map([
    ...criteria.groups.flatMap((group) =>
      group.criteria.map((criterion) => [criterion.id, criterion.maxPoints] as const),
    ),
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
  requireNotDissolved(cycle, command.unitId);
  const dueAt = dueInForce(cycle, STEP_OF_SUBMISSION[kind], command.unitId);
  return {
    cycle,
    facts: {
      cycleId: command.cycleId,
      unitId: command.unitId,
      version: (unit[SUBMISSION_FIELD[kind]]?.version ?? 0) + 1,
      submittedAt: command.at,
      dueAt,
      late: judgeLateness(command.at, dueAt, unit.correction?.[kind]),
      cycleRevision: cycle.revision,
    },
  };
}

/** Checked last, after the input: a submission is taken only while its step is open. */
function requireStepOpen(cycle: OpenedCycleState, step: SubmissionStep): void {
  if (cycle.steps[step].status !== 'open') {
    throw new DomainError('STEP_NOT_OPEN', {
      vi: `Bước ${stepWords(step).vi} không mở: không thể nộp`,
      en: `The ${stepWords(step).en} step is not open`,
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
      problems.add(
        `${at}.criterionId`,
        'tiêu chí không có trong bảng tiêu chí của đợt thi đua',
        'not an item of the criteria table of this cycle',
      );
    }
    check(line, at);
    problems.optionalText(`${at}.note`, line.note);
  });
  problems.unique(field, ids, 'tiêu chí', 'item');
}

function decideSubmitRegistration(command: SubmitRegistration, cycleState: CycleState, unit: UnitState): UnitEvent[] {
  const { cycle, facts } = submissionFacts(command, cycleState, unit, 'registration');
  validate((problems) => {
    checkCriterionLines(
      problems,
      'targets',
      command.targets,
      baseCriterionIds(cycle),
      (line, at) => void problems.number(`${at}.target`, line.target, { min: 0, max: LIMITS.quantity }),
    );
    if (command.aimedAward !== undefined && !cycle.config.awards.some((award) => award.kind === command.aimedAward)) {
      problems.add('aimedAward', 'danh hiệu không có trong cấu hình của đợt thi đua', 'not an award of this cycle');
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
    checkCriterionLines(
      problems,
      'progress',
      command.progress,
      baseCriterionIds(cycle),
      (line, at) => void problems.number(`${at}.actual`, line.actual, { min: -LIMITS.quantity, max: LIMITS.quantity }),
    );
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
    problems.add(field, 'tối đa hai chữ số thập phân', 'at most two decimals');
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

const SHA256 = /^[0-9a-f]{64}$/;
const MAX_ATTACHMENTS_PER_LINE = 20;

/** The figures-scored criteria of the table: id → criterion (with its formula). */
function formulaCriteria(cycle: OpenedCycleState): Map<string, Criterion & { formula: PointsFormula }> {
  return new Map(
    cycle.config.criteria.groups
      .flatMap((group) => group.criteria)
      .filter((criterion): criterion is Criterion & { formula: PointsFormula } => criterion.formula !== undefined)
      .map((criterion) => [criterion.id, criterion]),
  );
}

/**
 * A line as recorded: a self-scored line keeps its points; a line of a criterion scored from
 * figures records them and the derived points. The target is the one the unit registered when it
 * did (the pact), else the line's own (the plan it was given).
 */
function scoreLine(
  line: ScoreLineInput,
  at: string,
  problems: Problems,
  formulas: Map<string, Criterion & { formula: PointsFormula }>,
  registered: Map<string, number>,
): ScoreLine | undefined {
  const evidence = {
    ...(line.evidence !== undefined ? { evidence: cleanText(line.evidence) } : {}),
    ...(line.attachments !== undefined && line.attachments.length > 0
      ? { attachments: [...new Set(line.attachments)] }
      : {}),
  };
  const criterion = formulas.get(line.criterionId);
  if (!criterion) {
    for (const field of ['actual', 'target', 'unit'] as const) {
      if (line[field] !== undefined)
        problems.add(
          `${at}.${field}`,
          'chỉ tiêu chí chấm theo số liệu mới nhận số liệu; hãy nhập điểm',
          'figures are for criteria scored from figures; give points',
        );
    }
    return checkPoints(problems, `${at}.points`, line.points)
      ? { criterionId: line.criterionId, points: line.points, ...evidence }
      : undefined;
  }
  const actualValid = problems.number(`${at}.actual`, line.actual, { min: 0 });
  if (criterion.unit !== undefined && (typeof line.unit !== 'string' || cleanText(line.unit) !== criterion.unit)) {
    problems.add(
      `${at}.unit`,
      `đơn vị tính phải là "${criterion.unit}"`,
      `the unit of measure must be "${criterion.unit}"`,
    );
  }
  const pact = registered.get(line.criterionId);
  if (line.target !== undefined && pact !== undefined && line.target !== pact) {
    problems.add(`${at}.target`, `khác chỉ tiêu đã đăng ký (${pact})`, `differs from the registered target (${pact})`);
  }
  const target = pact ?? line.target;
  if (target === undefined)
    problems.add(
      `${at}.target`,
      'bắt buộc khi đơn vị chưa đăng ký chỉ tiêu này',
      'required when the unit registered no target for it',
    );
  else if (pact === undefined) problems.number(`${at}.target`, target, { min: 0 });
  if (!actualValid || typeof target !== 'number' || !Number.isFinite(target)) return undefined;
  const points = derivePoints(line.actual!, target, criterion.maxPoints, criterion.formula);
  if (line.points !== undefined && line.points !== points) {
    problems.add(
      `${at}.points`,
      `điểm được tính từ số liệu là ${points}: không nhập điểm khác`,
      `the points derived from the figures are ${points}: give no other`,
    );
  }
  const unit = criterion.unit !== undefined ? { unit: criterion.unit } : {};
  return { criterionId: line.criterionId, points, actual: line.actual!, target, ...unit, ...evidence };
}

function decideSubmitSelfAssessment(
  command: SubmitSelfAssessment,
  cycleState: CycleState,
  unit: UnitState,
): UnitEvent[] {
  const { cycle, facts } = submissionFacts(command, cycleState, unit, 'self-assessment');
  const maxima = maxPointsById(cycle);
  const formulas = formulaCriteria(cycle);
  const registered = new Map((unit.registration?.targets ?? []).map((target) => [target.criterionId, target.target]));
  const scores: ScoreLine[] = [];
  validate((problems) => {
    checkCriterionLines(
      problems,
      'scores',
      command.scores,
      new Set(scoreItemIds(cycle.config.criteria)),
      (line, at) => {
        problems.optionalText(`${at}.evidence`, line.evidence);
        if (line.attachments !== undefined) {
          if (!Array.isArray(line.attachments) || line.attachments.length > MAX_ATTACHMENTS_PER_LINE) {
            problems.add(
              `${at}.attachments`,
              `phải là một danh sách tối đa ${MAX_ATTACHMENTS_PER_LINE} mã sha256`,
              `must be a list of at most ${MAX_ATTACHMENTS_PER_LINE} sha256 hashes`,
            );
          } else {
            line.attachments.forEach((sha, i) => {
              if (typeof sha !== 'string' || !SHA256.test(sha))
                problems.add(
                  `${at}.attachments.${i}`,
                  'phải là 64 ký tự hex thường',
                  'must be 64 lowercase hex characters',
                );
            });
          }
        }
        const recorded = scoreLine(line as ScoreLineInput, at, problems, formulas, registered);
        if (recorded) scores.push(recorded);
      },
    );
  });
  for (const line of scores) {
    const max = maxima.get(line.criterionId)!;
    if (line.points > max) throw pointsExceedMax(line.criterionId, line.points, max);
  }
  requireStepOpen(cycle, 'self-assessment');
  return [{ type: 'SelfAssessmentSubmitted', data: { ...facts, scores } }];
}

function decideRecordMissingSelfAssessment(
  command: RecordMissingSelfAssessment,
  cycleState: CycleState,
  unit: UnitState,
): SelfAssessmentMissingRecorded[] {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(cycleState);
  requireLeaderOf(command.actor, cycle.config);
  requireMember(cycle.config, command.unitId);
  requireNotClosed(cycle);
  const reason = requireReason(command.reason);
  if (cycle.locked) throw new DomainError('SCORES_LOCKED');
  if (cycle.steps['self-assessment'].status === 'pending') {
    throw new DomainError('STEP_OUT_OF_ORDER', {
      vi: 'Chỉ ghi nhận đơn vị không nộp bản tự chấm điểm sau khi bước tự chấm điểm đã mở',
      en: 'A missing self-assessment is recorded only once the self-assessment step has opened',
    });
  }
  const latest = unit.selfAssessment;
  if (latest?.status === 'submitted' || latest?.status === 'accepted') {
    throw new DomainError('SELF_ASSESSMENT_PRESENT', {
      vi: `Đơn vị đã nộp bản tự chấm điểm (phiên bản ${latest.version}, ${latest.status === 'accepted' ? 'đã chấp nhận' : 'đang chờ xem xét'})`,
      en: `The unit has a self-assessment (version ${latest.version}, ${latest.status})`,
    });
  }
  const version = latest?.version ?? 0;
  if (unit.selfAssessmentMissing?.version === version)
    throw new DomainError('SELF_ASSESSMENT_MISSING_ALREADY_RECORDED');
  return [
    {
      type: 'SelfAssessmentMissingRecorded',
      data: { cycleId: command.cycleId, unitId: command.unitId, version, reason },
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
      errors: [
        {
          field: 'submission',
          message: `phải là một trong ${SUBMISSION_KINDS.join(', ')}`,
          messageEn: `must be one of ${SUBMISSION_KINDS.join(', ')}`,
        },
      ],
    });
  }
  if (command.version !== undefined)
    validate((problems) => problems.number('version', command.version, { integer: true, min: 1, max: LIMITS.version }));
  const reason = command.type === 'ReturnSubmission' ? requireReason(command.reason) : undefined;
  let correctByAt: string | undefined;
  if (command.type === 'ReturnSubmission' && command.correctBy !== undefined) {
    validate((problems) => {
      correctByAt =
        (typeof command.correctBy === 'string' && resolveDue(command.correctBy, cycle.config.timeZone)) || undefined;
      if (correctByAt === undefined)
        problems.add(
          'correctBy',
          'phải là một ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601',
          'must be a date (YYYY-MM-DD) or an ISO 8601 date-time',
        );
      else checkInCycleWindow(problems, 'correctBy', correctByAt, cycle.config.year, cycle.config.timeZone);
    });
  }
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

  const base = {
    cycleId: command.cycleId,
    unitId: command.unitId,
    submission: command.submission,
    version: latest.version,
  };
  if (command.type === 'ReturnSubmission') {
    const correction = correctByAt !== undefined ? { correctBy: command.correctBy!, correctByAt } : {};
    return [{ type: 'SubmissionReturned', data: { ...base, reason: reason!, ...correction } }];
  }
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
      problems.add(
        'criterionId',
        'tiêu chí không có trong bảng tiêu chí của đợt thi đua',
        'not an item of the criteria table of this cycle',
      );
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
      errors: [{ field: 'points', message: 'trùng với điểm đang áp dụng', messageEn: 'equal to the points in force' }],
    });
  }
  return [
    {
      type: 'ScoreAdjusted',
      data: {
        cycleId: command.cycleId,
        unitId: command.unitId,
        criterionId: command.criterionId,
        from,
        to: command.points,
        reason,
      },
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
    case 'RecordMissingSelfAssessment':
      return decideRecordMissingSelfAssessment(command, cycle, unit);
  }
}
