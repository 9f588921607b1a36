/**
 * The one way a command reaches the log: load the streams the decider needs, fold them, decide,
 * append to the written stream with the revision read (optimistic concurrency), retry a few times
 * when another writer got there first. Idempotent: a command whose id is already in the written
 * stream is answered from those events, and nothing is appended.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  BALLOT_BOX_ACTOR,
  cycleStreamName,
  decide,
  EVENT_SCHEMA_VERSION,
  foldCycle,
  foldUnit,
  initialCycleState,
  initialUnitState,
  streamPlan,
  unitStreamName,
  type CommandActor,
  type CycleEvent,
  type DomainCommand,
  type DomainEvent,
  type UnitEvent,
  type UnitState,
} from '#domain';
import { WrongExpectedRevisionError } from '#event-store';
import type { EventStore, JsonObject, NewEvent, RecordedEvent } from '#event-store';
import type { AppConfig } from '../config.js';
import { ProblemError } from '../problems/problem.js';
import type { Clock } from '../shell/clock.js';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../shell/tokens.js';
import type { CommandContext } from './command-context.js';
import { FoldedStreams, type Fold, type FoldedStream } from './folded-streams.js';
import { commandIdFor, derivedUuid, KeyedLock } from './idempotency.js';

/** What a command handler gets back: enough to answer `{ position, revision, ... }`. */
export interface CommandOutcome {
  /** Global position of the last event of this command (or of the stream, when nothing was appended). */
  position: number;
  /** Revision of the written stream after the command. */
  revision: number;
  /** The events this command recorded (on a replay: those recorded the first time). */
  events: RecordedEvent[];
  replayed: boolean;
}

/** What a handler needs to build its domain command: the actor, the shell's clock, stable ids. */
export interface CommandBasis {
  actor: CommandActor;
  at: string;
  commandId: string;
  /** An id of this command for `purpose`: the same for every call on this basis, and across retries of one Idempotency-Key. */
  stableId(purpose: string): string;
}

const MAX_ATTEMPTS = 5;

@Injectable()
export class CommandExecutor {
  private readonly logger = new Logger('CommandExecutor');
  private readonly locks = new KeyedLock();
  private readonly folded: FoldedStreams;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.folded = new FoldedStreams(store);
  }

  /** The basis of a command sent in `ctx`; `stableId` answers the same on a replay of the same key. */
  basis(ctx: CommandContext): CommandBasis {
    const secret = this.config.auth.jwtSecret;
    const commandId = commandIdFor(secret, ctx.caller.userId, ctx.idempotencyKey);
    const keyed = ctx.idempotencyKey !== undefined;
    const ids = new Map<string, string>();
    return {
      actor: {
        userId: ctx.caller.userId,
        roles: ctx.caller.roles,
        ...(ctx.caller.unitId ? { unitId: ctx.caller.unitId } : {}),
        ...(ctx.caller.provinceId ? { provinceId: ctx.caller.provinceId } : {}),
      },
      at: this.clock.now().toISOString(),
      commandId,
      stableId: (purpose) => {
        let id = ids.get(purpose);
        if (id === undefined) ids.set(purpose, (id = keyed ? derivedUuid(secret, `${purpose}\u0000${commandId}`) : randomUUID()));
        return id;
      },
    };
  }

  async execute(ctx: CommandContext, build: (basis: CommandBasis) => DomainCommand): Promise<CommandOutcome> {
    const lockKey = ctx.idempotencyKey === undefined ? undefined : `${ctx.caller.userId}\u0000${ctx.idempotencyKey}`;
    return this.locks.run(lockKey, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const basis = this.basis(ctx);
          return await this.attempt(ctx, basis, plainJson(build(basis)));
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
          this.logger.debug({ streamId: error.streamId, attempt }, 'concurrent append, retrying');
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
        }
      }
    });
  }

  private async attempt(ctx: CommandContext, basis: CommandBasis, command: DomainCommand): Promise<CommandOutcome> {
    const plan = streamPlan(command);
    const cycleStream = cycleStreamName(command.cycleId);
    const cycleFolded = await this.folded.load(cycleStream, initialCycleState, foldCycleEvents);
    const cycle = cycleFolded.state;
    const unitIds =
      plan.readUnits === 'none' ? [] : plan.readUnits === 'all' ? (cycle.status === 'none' ? [] : cycle.config.units.map((u) => u.id)) : [plan.readUnits.unitId];
    const unitFolded = await Promise.all(
      unitIds.map((unitId) => this.folded.load(unitStreamName(command.cycleId, unitId), initialUnitState, foldUnitEvents)),
    );
    const units: Record<string, UnitState> = {};
    unitIds.forEach((unitId, i) => (units[unitId] = unitFolded[i]!.state));
    const written: FoldedStream<unknown> = plan.write === cycleStream ? cycleFolded : unitFolded[unitIds.indexOf((command as { unitId: string }).unitId)]!;

    const commandId = basis.commandId;
    const earlier = ctx.idempotencyKey === undefined ? undefined : written.byCommand.get(commandId);
    if (earlier && earlier.length > 0) {
      if (earlier[0]!.metadata.requestHash !== ctx.requestHash) throw ProblemError.of('IDEMPOTENCY_KEY_REUSED');
      const last = earlier[earlier.length - 1]!;
      return { position: last.position, revision: last.revision, events: earlier, replayed: true };
    }

    const decided = decide(command, { cycle, units });
    const current = written.last;
    if (decided.length === 0) {
      return { position: current?.position ?? 0, revision: current?.revision ?? -1, events: [], replayed: false };
    }
    const envelopes = decided.map((event) => this.envelope(event, ctx, commandId, basis.at));
    const result = await this.store.append(plan.write, envelopes, current ? current.revision : 'no-stream');
    this.folded.appended(plan.write, written, result.events, (plan.write === cycleStream ? foldCycleEvents : foldUnitEvents) as Fold<unknown>);
    return { position: result.position, revision: result.revision, events: result.events, replayed: false };
  }

  private envelope(event: DomainEvent, ctx: CommandContext, commandId: string, occurredAt: string): NewEvent {
    if (event.type === 'BallotDeposited') return this.sealedBallot(event, occurredAt);
    return {
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        eventId: randomUUID(),
        commandId,
        correlationId: ctx.correlationId || commandId,
        causationId: commandId,
        actor: { userId: ctx.caller.userId, role: ctx.actingRole, ...(ctx.caller.unitId ? { unitId: ctx.caller.unitId } : {}) },
        occurredAt,
        schemaVersion: EVENT_SCHEMA_VERSION,
        requestHash: ctx.requestHash,
      },
    };
  }

  /**
   * A ballot's content: the ballot box is its actor, its ids are fresh and tied to nothing of the
   * voter's request, and its instant is coarsened to the minute (the voter's `BallotCast` keeps
   * the exact one), so no field of its envelope points back to who voted it.
   */
  private sealedBallot(event: DomainEvent, occurredAt: string): NewEvent {
    const minute = new Date(Math.floor(Date.parse(occurredAt) / 60_000) * 60_000 - (Date.parse(occurredAt) % 60_000 === 0 ? 1 : 0));
    const id = randomUUID();
    return {
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        eventId: randomUUID(),
        commandId: id,
        correlationId: randomUUID(),
        causationId: id,
        actor: { ...BALLOT_BOX_ACTOR },
        occurredAt: minute.toISOString(),
        schemaVersion: EVENT_SCHEMA_VERSION,
      },
    };
  }
}

const foldCycleEvents: Fold<ReturnType<typeof initialCycleState>> = (state, events) => foldCycle(events.map(domainEvent<CycleEvent>), state);
const foldUnitEvents: Fold<UnitState> = (state, events) => foldUnit(events.map(domainEvent<UnitEvent>), state);

function domainEvent<E extends DomainEvent>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as unknown as E;
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
      if (item !== undefined) Object.defineProperty(out, key, { value: plainJson(item), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return value;
}
