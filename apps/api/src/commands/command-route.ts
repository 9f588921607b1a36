/**
 * A command route is one entry: where it is served, who may call it, the body and path parameters
 * it validates, and `toDomain`, typed by them, that makes the domain's command. One `@nestjs/cqrs`
 * command (`RunCommand`) carries any route's request to one handler, which lets the executor
 * decide and append and answers `{ position, revision, ...answer }`.
 */
import { Inject, type Type } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DomainCommand, Role } from '#domain';
import type { CommandContext } from './command-context.js';
import { CommandExecutor, type CommandBasis, type CommandOutcome } from './command-executor.js';
import { requireUploaded } from '../attachments/require-uploaded.js';
import type { AttachmentStore } from '../attachments/attachment-store.js';
import { ATTACHMENT_STORE } from '../shell/tokens.js';
import { CommandMetrics } from '#metrics';
import { commandResultOf } from '../metrics/command-result.js';

export type AttachmentReference = { field: string; sha256: string };

export interface CommandRequest<Params, Body> {
  params: Params;
  body: Body;
}

export interface CommandRoute<Params extends object = object, Body extends object = object> {
  method: 'POST' | 'PUT';
  /** Below the controller's path. */
  path: string;
  /** 201 when the command creates something, else 200. */
  status: 200 | 201;
  roles: Role[];
  /** What the route does, for the OpenAPI document. */
  summary: string;
  /** The path parameters' class (validated); none: `{}`. */
  params?: Type<Params>;
  /** The body's class (validated, unknown fields refused). */
  body: Type<Body>;
  toDomain(request: CommandRequest<Params, Body>, basis: CommandBasis): DomainCommand;
  /**
   * The attachments the command references (field and sha256): each must have been uploaded, or
   * the command is refused (422 UNKNOWN_ATTACHMENT) before anything is decided.
   */
  attachments?(request: CommandRequest<Params, Body>): AttachmentReference[];
  /** Fields of the answer besides position and revision, from the recorded events (so a replay answers the same). */
  answer?(outcome: CommandOutcome, basis: CommandBasis, request: CommandRequest<Params, Body>): Record<string, unknown>;
}

/** A route with its types inferred from its classes: `toDomain` sees the validated body's type. */
export function commandRoute<Params extends object, Body extends object>(
  route: CommandRoute<Params, Body>,
): CommandRoute {
  return route as unknown as CommandRoute;
}

export interface CommandAnswer {
  body: { position: number; revision: number } & Record<string, unknown>;
  /** True when an `Idempotency-Key` replay was answered from the log. */
  replayed: boolean;
}

export class RunCommand extends Command<CommandAnswer> {
  constructor(
    readonly ctx: CommandContext,
    readonly route: CommandRoute,
    readonly request: CommandRequest<object, object>,
  ) {
    super();
  }
}

@CommandHandler(RunCommand)
export class RunCommandHandler implements ICommandHandler<RunCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStore,
    @Inject(CommandMetrics) private readonly metrics: CommandMetrics,
  ) {}

  /** Every command route's one path: counted here once, by type and outcome, with its latency. */
  async execute({ ctx, route, request }: RunCommand): Promise<CommandAnswer> {
    const timer = this.metrics.start();
    let type: string | undefined;
    try {
      // The domain command first (no I/O), so that a refused attachment is counted under its type.
      const basis = this.executor.basis(ctx);
      const command = route.toDomain(request, basis);
      type = command.type;
      await requireUploaded(this.attachments, route.attachments?.(request) ?? []);
      const outcome = await this.executor.execute(
        ctx,
        basis,
        basis.recordedLater ? { ...command, recordedLater: basis.recordedLater } : command,
      );
      const answer: CommandAnswer = {
        body: { position: outcome.position, revision: outcome.revision, ...route.answer?.(outcome, basis, request) },
        replayed: outcome.replayed,
      };
      timer.done(type, { outcome: 'ok' });
      return answer;
    } catch (error) {
      timer.done(type, commandResultOf(error));
      throw error;
    }
  }
}
