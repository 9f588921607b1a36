/**
 * The HTTP side of a command: the basis a route builds its domain command on (actor, the shell's
 * clock, ids stable across retries of one `Idempotency-Key`), then `handleCommand` of
 * `#command-handling`, the one path to the log. Concurrent duplicates of one key wait for the
 * first, then replay it.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  BallotBox,
  FoldedStreams,
  handleCommand,
  IdempotencyKeyReusedError,
  type CommandOutcome,
} from '#command-handling';
import type { CommandActor, DomainCommand } from '#domain';
import type { EventStore } from '#event-store';
import type { AppConfig } from '#config';
import { ProblemError } from '../problems/problem.js';
import type { Clock } from '../shell/clock.js';
import type { IdentityStore } from '../identity/identity-store.port.js';
import { APP_CONFIG, CLOCK, EVENT_STORE, IDENTITY_STORE } from '../shell/tokens.js';
import type { CommandContext } from './command-context.js';
import { commandIdFor, derivedUuid, KeyedLock } from './idempotency.js';

export type { CommandOutcome } from '#command-handling';

/** What a route needs to build its domain command: the actor, the shell's clock, stable ids. */
export interface CommandBasis {
  actor: CommandActor;
  at: string;
  /** A past year recorded from paper: `at` is the original date; this, when and from what it is recorded. */
  recordedLater?: { recordedAt: string; source: string };
  commandId: string;
  /**
   * An id of this command for `purpose`: the same for every call on this basis, and across retries of one
   * Idempotency-Key.
   */
  stableId(purpose: string): string;
}

@Injectable()
export class CommandExecutor {
  private readonly logger = new Logger('CommandExecutor');
  private readonly locks = new KeyedLock();
  private readonly streams: FoldedStreams;
  private readonly ballotBox: BallotBox;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY_STORE) private readonly keys: IdentityStore,
  ) {
    this.streams = new FoldedStreams(store);
    this.ballotBox = new BallotBox(config.auth.jwtSecret);
  }

  /** The basis of a command sent in `ctx`; `stableId` answers the same on a replay of the same key. */
  basis(ctx: CommandContext): CommandBasis {
    const secret = this.config.auth.jwtSecret;
    const commandId = commandIdFor(secret, ctx.caller.userId, ctx.idempotencyKey);
    const keyed = ctx.idempotencyKey !== undefined;
    const ids = new Map<string, string>();
    const { userId, roles, unitId, provinceId } = ctx.caller;
    const now = this.clock.now().toISOString();
    return {
      actor: { userId, roles, ...(unitId ? { unitId } : {}), ...(provinceId ? { provinceId } : {}) },
      at: ctx.recordedLater?.originalAt ?? now,
      ...(ctx.recordedLater ? { recordedLater: { recordedAt: now, source: ctx.recordedLater.source } } : {}),
      commandId,
      stableId: (purpose) => {
        let id = ids.get(purpose);
        if (id === undefined) {
          id = keyed ? derivedUuid(secret, `${purpose}\u0000${commandId}`) : randomUUID();
          ids.set(purpose, id);
        }
        return id;
      },
    };
  }

  async execute(ctx: CommandContext, basis: CommandBasis, command: DomainCommand): Promise<CommandOutcome> {
    const lockKey = ctx.idempotencyKey === undefined ? undefined : `${ctx.caller.userId}\u0000${ctx.idempotencyKey}`;
    return this.locks.run(lockKey, async () => {
      // A key names one request of its caller, whatever route or cycle it is sent to: the stream
      // alone would not see the same key used on another stream.
      if (ctx.idempotencyKey !== undefined) {
        const recorded = await this.keys.reserveCommand(basis.commandId, ctx.requestHash, this.clock.now().getTime());
        if (recorded !== ctx.requestHash) throw ProblemError.of('IDEMPOTENCY_KEY_REUSED');
      }
      try {
        return await handleCommand(
          this.store,
          plainJson(command),
          {
            commandId: basis.commandId,
            role: ctx.actingRole,
            correlationId: ctx.correlationId,
            requestHash: ctx.requestHash,
            idempotent: ctx.idempotencyKey !== undefined,
          },
          {
            streams: this.streams,
            ballotBox: this.ballotBox,
            onRetry: (error, attempt) =>
              this.logger.debug({ streamId: error.streamId, attempt }, 'concurrent append, retrying'),
          },
        );
      } catch (error) {
        if (error instanceof IdempotencyKeyReusedError) throw ProblemError.of('IDEMPOTENCY_KEY_REUSED');
        throw error;
      }
    });
  }
}

/**
 * The command as plain JSON: DTO instances become plain objects and absent optional fields
 * (undefined own properties of class instances) disappear, as the domain's events expect.
 */
function plainJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => plainJson(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined)
        Object.defineProperty(out, key, {
          value: plainJson(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out as T;
  }
  return value;
}
