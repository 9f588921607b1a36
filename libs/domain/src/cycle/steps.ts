/** Steps: opened and closed in order by the leader, reopened with a reason, due dates extended. */
import type { CloseStep, ExtendDueDate, OpenStep, ReopenStep } from '../commands.js';
import type { DueDateExtended, StepClosed, StepOpened, StepReopened } from '../events.js';
import { DomainError } from '../shared/errors.js';
import {
  requireCycle,
  requireInstant,
  requireLeaderOf,
  requireMember,
  requireNotClosed,
  requireReason,
  requireRole,
} from '../shared/guards.js';
import { checkInCycleWindow, cleanText, validate } from '../shared/validate.js';
import { compareInstants, resolveDue } from '../time/due-date.js';
import {
  REOPENABLE_STEPS,
  SCHEDULE_STEPS,
  SUBMISSION_STEPS,
  type ScheduleStep,
  type SubmissionStep,
} from './config.js';
import { dueInForce } from './due.js';
import { localTime, stepWords } from '../shared/words.js';
import type { CycleState, OpenedCycleState } from './state.js';

function requireSubmissionStep(step: unknown): asserts step is SubmissionStep {
  if (!(SUBMISSION_STEPS as readonly unknown[]).includes(step)) {
    throw new DomainError('VALIDATION_FAILED', {
      vi: `Bước ${stepWords(String(step)).vi} không mở/đóng được bằng lệnh này (bước bỏ phiếu dùng lệnh mở/đóng bỏ phiếu)`,
      en: `The ${stepWords(String(step)).en} step is not opened or closed by this command`,
      errors: [
        {
          field: 'step',
          message: `phải là một trong ${SUBMISSION_STEPS.join(', ')}`,
          messageEn: `must be one of ${SUBMISSION_STEPS.join(', ')}`,
        },
      ],
    });
  }
}

/** The leader's preamble shared by step commands. */
function leaderOnOpenCycle(command: OpenStep | CloseStep, state: CycleState): OpenedCycleState {
  requireRole(command.actor, ['leader']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config);
  requireNotClosed(cycle);
  requireSubmissionStep(command.step);
  return cycle;
}

export function decideOpenStep(command: OpenStep, state: CycleState): StepOpened[] {
  const cycle = leaderOnOpenCycle(command, state);
  const step = cycle.steps[command.step];
  if (step.status === 'open') throw new DomainError('STEP_ALREADY_OPEN');
  if (step.status === 'closed') throw new DomainError('STEP_ALREADY_CLOSED');
  const index = SUBMISSION_STEPS.indexOf(command.step);
  const previous = SUBMISSION_STEPS[index - 1];
  if (previous !== undefined && cycle.steps[previous].timesClosed === 0) {
    throw new DomainError('STEP_OUT_OF_ORDER', {
      vi: `Phải đóng bước ${stepWords(previous).vi} trước khi mở bước ${stepWords(command.step).vi}`,
      en: `Close the ${stepWords(previous).en} step before opening the ${stepWords(command.step).en} step`,
    });
  }
  return [{ type: 'StepOpened', data: { cycleId: command.cycleId, step: command.step } }];
}

export function decideCloseStep(command: CloseStep, state: CycleState): StepClosed[] {
  const cycle = leaderOnOpenCycle(command, state);
  if (cycle.steps[command.step].status !== 'open') throw new DomainError('STEP_NOT_OPEN');
  validate((problems) => problems.optionalText('summary', command.summary));
  return [
    {
      type: 'StepClosed',
      data: {
        cycleId: command.cycleId,
        step: command.step,
        ...(command.summary !== undefined ? { summary: cleanText(command.summary) } : {}),
      },
    },
  ];
}

export function decideReopenStep(command: ReopenStep, state: CycleState): StepReopened[] {
  requireRole(command.actor, ['leader', 'province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config, ['province']);
  requireNotClosed(cycle);
  if (!(REOPENABLE_STEPS as readonly unknown[]).includes(command.step)) {
    throw new DomainError('VALIDATION_FAILED', {
      errors: [
        {
          field: 'step',
          message: `phải là một trong ${REOPENABLE_STEPS.join(', ')}`,
          messageEn: `must be one of ${REOPENABLE_STEPS.join(', ')}`,
        },
      ],
    });
  }
  const reason = requireReason(command.reason);
  if (command.step === 'vote') {
    if (cycle.vote.status !== 'closed') throw new DomainError('STEP_NOT_CLOSED');
    if (cycle.nominations.status === 'submitted') throw new DomainError('NOMINATIONS_PENDING');
    if (cycle.nominations.status === 'accepted') throw new DomainError('NOMINATIONS_ALREADY_ACCEPTED');
  } else {
    if (cycle.steps[command.step].status !== 'closed') throw new DomainError('STEP_NOT_CLOSED');
    if (command.step === 'self-assessment' && cycle.locked) throw new DomainError('SCORES_LOCKED');
  }
  return [{ type: 'StepReopened', data: { cycleId: command.cycleId, step: command.step, reason } }];
}

export function decideExtendDueDate(command: ExtendDueDate, state: CycleState): DueDateExtended[] {
  requireRole(command.actor, ['leader', 'province']);
  requireInstant(command.at);
  const cycle = requireCycle(state);
  requireLeaderOf(command.actor, cycle.config, ['province']);
  requireNotClosed(cycle);
  let dueAt: string | null = null;
  validate((problems) => {
    if (!(SCHEDULE_STEPS as readonly unknown[]).includes(command.step)) {
      problems.add(
        'step',
        `phải là một trong ${SCHEDULE_STEPS.join(', ')}`,
        `must be one of ${SCHEDULE_STEPS.join(', ')}`,
      );
    } else if (command.unitId !== undefined && !(SUBMISSION_STEPS as readonly string[]).includes(command.step)) {
      problems.add(
        'unitId',
        'chỉ gia hạn riêng cho một đơn vị ở các bước đơn vị nộp hồ sơ',
        'a unit extension only for the steps units submit in',
      );
    }
    dueAt = typeof command.due === 'string' ? resolveDue(command.due, cycle.config.timeZone) : null;
    if (dueAt === null)
      problems.add(
        'due',
        'phải là một ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601',
        'must be a date (YYYY-MM-DD) or an ISO 8601 date-time',
      );
    else checkInCycleWindow(problems, 'due', dueAt, cycle.config.year, cycle.config.timeZone);
  });
  const reason = requireReason(command.reason);
  if (command.unitId !== undefined) requireMember(cycle.config, command.unitId);
  const step = command.step as ScheduleStep;
  const current = dueInForce(cycle, step, command.unitId);
  if (compareInstants(dueAt!, current) <= 0) {
    throw new DomainError('DUE_NOT_LATER', {
      vi: `Hạn mới phải sau hạn đang áp dụng (${localTime(current, cycle.config.timeZone).vi})`,
      en: `The new due date must be later than the one in force (${localTime(current, cycle.config.timeZone).en})`,
    });
  }
  return [
    {
      type: 'DueDateExtended',
      data: {
        cycleId: command.cycleId,
        step,
        ...(command.unitId !== undefined ? { unitId: command.unitId } : {}),
        due: command.due,
        dueAt: dueAt!,
        reason,
      },
    },
  ];
}
