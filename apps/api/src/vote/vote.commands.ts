/** The vote's commands: open, cast a ballot, record a paper tally, close. */
import { CommandHandler } from '@nestjs/cqrs';
import type { DomainCommand } from '#domain';
import type { CommandBasis, CommandOutcome } from '../commands/command-executor.js';
import { ApiCommand, DomainCommandHandler } from '../commands/domain-command.js';
import type { CycleParams } from '../cycles/step.dto.js';
import type { BallotDto, OpenVoteDto, PaperTallyDto } from './vote.dto.js';

export class OpenVoteCommand extends ApiCommand<CycleParams, OpenVoteDto> {}
export class CastBallotCommand extends ApiCommand<CycleParams, BallotDto> {}
export class RecordPaperTallyCommand extends ApiCommand<CycleParams, PaperTallyDto> {}
export class CloseVoteCommand extends ApiCommand<CycleParams> {}

const base = (p: CycleParams, b: CommandBasis) => ({ actor: b.actor, at: b.at, cycleId: p.cycleId });

@CommandHandler(OpenVoteCommand)
export class OpenVoteHandler extends DomainCommandHandler<OpenVoteCommand> {
  protected toDomain({ params, body }: OpenVoteCommand, b: CommandBasis): DomainCommand {
    return { type: 'OpenVote', ...base(params, b), candidates: body.candidates, mode: body.mode };
  }

  protected override extras(_c: OpenVoteCommand, outcome: CommandOutcome): Record<string, unknown> {
    const data = outcome.events[0]?.data as { candidates?: unknown; round?: number } | undefined;
    return data ? { round: data.round, candidates: data.candidates } : {};
  }
}

/**
 * The receipt is made here (the domain has no randomness): an id that names nothing of the voter,
 * derived from the command id with the server's secret when an Idempotency-Key is given, so that
 * a retried ballot gets its first receipt back.
 */
@CommandHandler(CastBallotCommand)
export class CastBallotHandler extends DomainCommandHandler<CastBallotCommand> {
  protected toDomain({ params, body }: CastBallotCommand, b: CommandBasis): DomainCommand {
    return { type: 'CastBallot', ...base(params, b), unitId: body.unitId, receipt: b.stableId('receipt'), choices: body.choices };
  }

  protected override extras(_c: CastBallotCommand, _o: CommandOutcome, b: CommandBasis): Record<string, unknown> {
    return { receipt: b.stableId('receipt') };
  }
}

@CommandHandler(RecordPaperTallyCommand)
export class RecordPaperTallyHandler extends DomainCommandHandler<RecordPaperTallyCommand> {
  protected toDomain({ params, body }: RecordPaperTallyCommand, b: CommandBasis): DomainCommand {
    return { type: 'RecordPaperTally', ...base(params, b), present: body.present, results: body.results, minutesRef: body.minutesRef };
  }
}

@CommandHandler(CloseVoteCommand)
export class CloseVoteHandler extends DomainCommandHandler<CloseVoteCommand> {
  protected toDomain({ params }: CloseVoteCommand, b: CommandBasis): DomainCommand {
    return { type: 'CloseVote', ...base(params, b) };
  }

  protected override extras(_c: CloseVoteCommand, outcome: CommandOutcome): Record<string, unknown> {
    // The round's ballots are deposited just before its VoteClosed, in the same append.
    const data = outcome.events.find((e) => e.type === 'VoteClosed')?.data as { results?: unknown; participants?: number; members?: number } | undefined;
    return data ? { participants: data.participants, members: data.members, results: data.results } : {};
  }
}

export const VOTE_COMMAND_HANDLERS = [OpenVoteHandler, CastBallotHandler, RecordPaperTallyHandler, CloseVoteHandler];
