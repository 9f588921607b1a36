/**
 * The shape of every command handler of the API (one per command, on @nestjs/cqrs' CommandBus):
 * the message carries the request (context, path parameters, validated body); the handler maps it
 * to the domain's command, lets the executor decide and append, and says what to answer besides
 * `{ position, revision }`.
 */
import { Inject } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { DomainCommand } from '#domain';
import type { CommandContext } from './command-context.js';
import { CommandExecutor, type CommandBasis, type CommandOutcome } from './command-executor.js';

export abstract class ApiCommand<Params = Record<string, string>, Body = unknown> extends Command<CommandAnswer> {
  constructor(
    readonly ctx: CommandContext,
    readonly params: Params,
    readonly body: Body,
  ) {
    super();
  }
}

export interface CommandAnswer {
  body: { position: number; revision: number } & Record<string, unknown>;
  /** True when an `Idempotency-Key` replay was answered from the log. */
  replayed: boolean;
}

export abstract class DomainCommandHandler<C extends ApiCommand<any, any>> {
  constructor(@Inject(CommandExecutor) private readonly executor: CommandExecutor) {}

  /** The domain command for this request. */
  protected abstract toDomain(command: C, basis: CommandBasis): DomainCommand;

  /** Fields of the answer besides position and revision, from the recorded events (so a replay answers the same). */
  protected extras(_command: C, _outcome: CommandOutcome, _basis: CommandBasis): Record<string, unknown> {
    return {};
  }

  async execute(command: C): Promise<CommandAnswer> {
    let basis: CommandBasis | undefined;
    const outcome = await this.executor.execute(command.ctx, (b) => {
      basis = b;
      return this.toDomain(command, b);
    });
    return {
      body: { position: outcome.position, revision: outcome.revision, ...this.extras(command, outcome, basis!) },
      replayed: outcome.replayed,
    };
  }
}
