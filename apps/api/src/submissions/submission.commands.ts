/** A unit's submissions, their review and score adjustments; plus locking the scores. */
import { CommandHandler } from '@nestjs/cqrs';
import type { DomainCommand } from '#domain';
import type { CommandBasis, CommandOutcome } from '../commands/command-executor.js';
import { ApiCommand, DomainCommandHandler } from '../commands/domain-command.js';
import type { CycleParams } from '../cycles/step.dto.js';
import type {
  AcceptSubmissionDto,
  MidYearReportDto,
  RegistrationDto,
  ReturnSubmissionDto,
  ScoreAdjustmentDto,
  SelfAssessmentDto,
  SubmissionParams,
  UnitParams,
} from './submission.dto.js';

export class SubmitRegistrationCommand extends ApiCommand<UnitParams, RegistrationDto> {}
export class SubmitMidYearReportCommand extends ApiCommand<UnitParams, MidYearReportDto> {}
export class SubmitSelfAssessmentCommand extends ApiCommand<UnitParams, SelfAssessmentDto> {}
export class AcceptSubmissionCommand extends ApiCommand<SubmissionParams, AcceptSubmissionDto> {}
export class ReturnSubmissionCommand extends ApiCommand<SubmissionParams, ReturnSubmissionDto> {}
export class AdjustScoreCommand extends ApiCommand<UnitParams, ScoreAdjustmentDto> {}
export class LockScoresCommand extends ApiCommand<CycleParams> {}

const unitBase = (p: UnitParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: p.cycleId, unitId: p.unitId });

/** A submission answers the version it recorded, and whether it came late. */
abstract class SubmissionHandler<C extends ApiCommand<UnitParams, unknown>> extends DomainCommandHandler<C> {
  protected override extras(_c: C, outcome: CommandOutcome): Record<string, unknown> {
    const data = outcome.events[0]?.data as { version?: number; late?: boolean } | undefined;
    return data ? { version: data.version, late: data.late } : {};
  }
}

@CommandHandler(SubmitRegistrationCommand)
export class SubmitRegistrationHandler extends SubmissionHandler<SubmitRegistrationCommand> {
  protected toDomain({ params, body }: SubmitRegistrationCommand, b: CommandBasis): DomainCommand {
    return { type: 'SubmitRegistration', ...unitBase(params, b), aimedAward: body.aimedAward, targets: body.targets };
  }
}

@CommandHandler(SubmitMidYearReportCommand)
export class SubmitMidYearReportHandler extends SubmissionHandler<SubmitMidYearReportCommand> {
  protected toDomain({ params, body }: SubmitMidYearReportCommand, b: CommandBasis): DomainCommand {
    return { type: 'SubmitMidYearReport', ...unitBase(params, b), progress: body.progress, summary: body.summary };
  }
}

@CommandHandler(SubmitSelfAssessmentCommand)
export class SubmitSelfAssessmentHandler extends SubmissionHandler<SubmitSelfAssessmentCommand> {
  protected toDomain({ params, body }: SubmitSelfAssessmentCommand, b: CommandBasis): DomainCommand {
    return { type: 'SubmitSelfAssessment', ...unitBase(params, b), scores: body.scores };
  }
}

@CommandHandler(AcceptSubmissionCommand)
export class AcceptSubmissionHandler extends DomainCommandHandler<AcceptSubmissionCommand> {
  protected toDomain({ params, body }: AcceptSubmissionCommand, b: CommandBasis): DomainCommand {
    return { type: 'AcceptSubmission', ...unitBase(params, b), submission: params.submission, version: body.version, note: body.note };
  }
}

@CommandHandler(ReturnSubmissionCommand)
export class ReturnSubmissionHandler extends DomainCommandHandler<ReturnSubmissionCommand> {
  protected toDomain({ params, body }: ReturnSubmissionCommand, b: CommandBasis): DomainCommand {
    return { type: 'ReturnSubmission', ...unitBase(params, b), submission: params.submission, version: body.version, reason: body.reason };
  }
}

@CommandHandler(AdjustScoreCommand)
export class AdjustScoreHandler extends DomainCommandHandler<AdjustScoreCommand> {
  protected toDomain({ params, body }: AdjustScoreCommand, b: CommandBasis): DomainCommand {
    return { type: 'AdjustScore', ...unitBase(params, b), criterionId: body.criterionId, points: body.points, reason: body.reason };
  }
}

@CommandHandler(LockScoresCommand)
export class LockScoresHandler extends DomainCommandHandler<LockScoresCommand> {
  protected toDomain({ params }: LockScoresCommand, b: CommandBasis): DomainCommand {
    return { type: 'LockScores', actor: b.actor, at: b.at, cycleId: params.cycleId };
  }

  protected override extras(_c: LockScoresCommand, outcome: CommandOutcome): Record<string, unknown> {
    const data = outcome.events[0]?.data as { ranking?: string[] } | undefined;
    return data?.ranking ? { ranking: data.ranking } : {};
  }
}

export const SUBMISSION_COMMAND_HANDLERS = [
  SubmitRegistrationHandler,
  SubmitMidYearReportHandler,
  SubmitSelfAssessmentHandler,
  AcceptSubmissionHandler,
  ReturnSubmissionHandler,
  AdjustScoreHandler,
  LockScoresHandler,
];
