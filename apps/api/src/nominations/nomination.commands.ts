/** Nominations to the province, their review, the award decision and revocations. */
import { CommandHandler } from '@nestjs/cqrs';
import type { DomainCommand } from '#domain';
import type { CommandBasis, CommandOutcome } from '../commands/command-executor.js';
import { ApiCommand, DomainCommandHandler } from '../commands/domain-command.js';
import type { CycleParams } from '../cycles/step.dto.js';
import type { AcceptNominationsDto, AwardDecisionDto, AwardParams, ReturnNominationsDto, RevokeAwardDto, SubmitNominationsDto } from './nomination.dto.js';

export class SubmitNominationsCommand extends ApiCommand<CycleParams, SubmitNominationsDto> {}
export class AcceptNominationsCommand extends ApiCommand<CycleParams, AcceptNominationsDto> {}
export class ReturnNominationsCommand extends ApiCommand<CycleParams, ReturnNominationsDto> {}
export class IssueAwardDecisionCommand extends ApiCommand<CycleParams, AwardDecisionDto> {}
export class RevokeAwardCommand extends ApiCommand<AwardParams, RevokeAwardDto> {}

const base = (p: CycleParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: p.cycleId });

@CommandHandler(SubmitNominationsCommand)
export class SubmitNominationsHandler extends DomainCommandHandler<SubmitNominationsCommand> {
  protected toDomain({ params, body }: SubmitNominationsCommand, b: CommandBasis): DomainCommand {
    return { type: 'SubmitNominations', ...base(params, b), nominations: body.nominations, dossier: body.dossier };
  }

  protected override extras(_c: SubmitNominationsCommand, outcome: CommandOutcome): Record<string, unknown> {
    const data = outcome.events[0]?.data as { version?: number } | undefined;
    return data ? { version: data.version } : {};
  }
}

@CommandHandler(AcceptNominationsCommand)
export class AcceptNominationsHandler extends DomainCommandHandler<AcceptNominationsCommand> {
  protected toDomain({ params, body }: AcceptNominationsCommand, b: CommandBasis): DomainCommand {
    return { type: 'AcceptNominations', ...base(params, b), note: body.note };
  }
}

@CommandHandler(ReturnNominationsCommand)
export class ReturnNominationsHandler extends DomainCommandHandler<ReturnNominationsCommand> {
  protected toDomain({ params, body }: ReturnNominationsCommand, b: CommandBasis): DomainCommand {
    return { type: 'ReturnNominations', ...base(params, b), reason: body.reason };
  }
}

@CommandHandler(IssueAwardDecisionCommand)
export class IssueAwardDecisionHandler extends DomainCommandHandler<IssueAwardDecisionCommand> {
  protected toDomain({ params, body }: IssueAwardDecisionCommand, b: CommandBasis): DomainCommand {
    return { type: 'IssueAwardDecision', ...base(params, b), decisionNo: body.decisionNo, issuedOn: body.issuedOn, signer: body.signer, grants: body.grants };
  }
}

@CommandHandler(RevokeAwardCommand)
export class RevokeAwardHandler extends DomainCommandHandler<RevokeAwardCommand> {
  protected toDomain({ params, body }: RevokeAwardCommand, b: CommandBasis): DomainCommand {
    return { type: 'RevokeAward', ...base(params, b), unitId: params.unitId, award: params.award, reason: body.reason, decisionNo: body.decisionNo };
  }
}

export const NOMINATION_COMMAND_HANDLERS = [
  SubmitNominationsHandler,
  AcceptNominationsHandler,
  ReturnNominationsHandler,
  IssueAwardDecisionHandler,
  RevokeAwardHandler,
];
