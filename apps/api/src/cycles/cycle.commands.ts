/** The cycle's commands: open a cycle, open/close/reopen a step, extend a due date. */
import { CommandHandler } from '@nestjs/cqrs';
import { defaultCycleId, type DomainCommand } from '#domain';
import type { CommandBasis } from '../commands/command-executor.js';
import { ApiCommand, DomainCommandHandler } from '../commands/domain-command.js';
import type { OpenCycleDto } from './open-cycle.dto.js';
import type { CloseStepDto, CycleParams, ExtendDueDateDto, ReopenStepDto, ReopenableStepParams, ScheduleStepParams, SubmissionStepParams } from './step.dto.js';

export class OpenCycleCommand extends ApiCommand<Record<string, never>, OpenCycleDto> {}
export class OpenStepCommand extends ApiCommand<SubmissionStepParams> {}
export class CloseStepCommand extends ApiCommand<SubmissionStepParams, CloseStepDto> {}
export class ReopenStepCommand extends ApiCommand<ReopenableStepParams, ReopenStepDto> {}
export class ExtendDueDateCommand extends ApiCommand<ScheduleStepParams, ExtendDueDateDto> {}

const base = (params: CycleParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: params.cycleId });

@CommandHandler(OpenCycleCommand)
export class OpenCycleHandler extends DomainCommandHandler<OpenCycleCommand> {
  protected toDomain({ body }: OpenCycleCommand, b: CommandBasis): DomainCommand {
    const { cycleId, criteria, ...rest } = body;
    const item = (c: { id: string; title: string; maxPoints: number }) => ({ id: c.id, title: c.title, maxPoints: c.maxPoints });
    return {
      type: 'OpenCycle',
      actor: b.actor,
      at: b.at,
      ...rest,
      cycleId: cycleId ?? defaultCycleId(body.clusterId, body.year),
      criteria: {
        groups: criteria.groups.map((g) => ({
          id: g.id,
          title: g.title,
          criteria: g.criteria.map((c) => ({ ...item(c), kind: c.kind ?? 'qualitative', ...(c.unit ? { unit: c.unit } : {}) })),
        })),
        bonus: (criteria.bonus ?? []).map(item),
        penalty: (criteria.penalty ?? []).map(item),
      },
      units: body.units.map((u) => ({ id: u.id, name: u.name })),
      awards: body.awards?.map((a) => ({ kind: a.kind, quota: a.quota })),
      schedule: { ...body.schedule },
    } as DomainCommand;
  }

  protected override extras({ body }: OpenCycleCommand): Record<string, unknown> {
    return { cycleId: body.cycleId ?? defaultCycleId(body.clusterId, body.year) };
  }
}

@CommandHandler(OpenStepCommand)
export class OpenStepHandler extends DomainCommandHandler<OpenStepCommand> {
  protected toDomain({ params }: OpenStepCommand, b: CommandBasis): DomainCommand {
    return { type: 'OpenStep', ...base(params, b), step: params.step };
  }
}

@CommandHandler(CloseStepCommand)
export class CloseStepHandler extends DomainCommandHandler<CloseStepCommand> {
  protected toDomain({ params, body }: CloseStepCommand, b: CommandBasis): DomainCommand {
    return { type: 'CloseStep', ...base(params, b), step: params.step, ...(body.summary !== undefined ? { summary: body.summary } : {}) };
  }
}

@CommandHandler(ReopenStepCommand)
export class ReopenStepHandler extends DomainCommandHandler<ReopenStepCommand> {
  protected toDomain({ params, body }: ReopenStepCommand, b: CommandBasis): DomainCommand {
    return { type: 'ReopenStep', ...base(params, b), step: params.step, reason: body.reason };
  }
}

@CommandHandler(ExtendDueDateCommand)
export class ExtendDueDateHandler extends DomainCommandHandler<ExtendDueDateCommand> {
  protected toDomain({ params, body }: ExtendDueDateCommand, b: CommandBasis): DomainCommand {
    return {
      type: 'ExtendDueDate',
      ...base(params, b),
      step: params.step,
      due: body.due,
      reason: body.reason,
      ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
    };
  }
}

export const CYCLE_COMMAND_HANDLERS = [OpenCycleHandler, OpenStepHandler, CloseStepHandler, ReopenStepHandler, ExtendDueDateHandler];
