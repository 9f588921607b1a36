/**
 * The one way a command reaches the log: load the streams the decider needs (`streamPlan`), fold
 * them, decide, append to the written stream with the revision read (optimistic concurrency), and
 * try again, a few times, when another writer got there first. The HTTP app and every test driver
 * call this, so what the log holds is made the same way everywhere.
 */
import { randomUUID } from 'node:crypto';
import {
  cycleStreamName,
  decide,
  foldCycle,
  foldUnit,
  initialCycleState,
  initialUnitState,
  streamPlan,
  unitStreamName,
  type CycleEvent,
  type CycleState,
  type DomainCommand,
  type DomainEvent,
  type UnitEvent,
  type UnitState,
} from '#domain';
import { WrongExpectedRevisionError } from '#event-store';
import type { EventStore, RecordedEvent } from '#event-store';
import { FoldedStreams, type Fold, type FoldedStream } from './folded-streams.js';
import { toNewEvents } from './to-new-events.js';
import type { BallotBox } from './ballot-box.js';

/** What the caller knows of a command besides the command itself. */
export interface CommandContext {
  /** Default: a fresh id. Derived from an `Idempotency-Key` by the HTTP app, so a retry carries the same. */
  commandId?: string;
  /** The role the actor acts in (a token may carry several). Default: the actor's first role. */
  role?: string;
  /** Default: the command id. */
  correlationId?: string;
  requestHash?: string;
  /**
   * The command id names one request (an `Idempotency-Key`): if events bearing it are already in the
   * written stream, they answer the command and nothing is appended.
   */
  idempotent?: boolean;
}

export interface HandleOptions {
  /** Folded streams kept between commands (by default each command folds its streams from scratch). */
  streams?: FoldedStreams;
  /** Told of each concurrent append that is retried. */
  onRetry?: (error: WrongExpectedRevisionError, attempt: number) => void;
  /**
   * Seals ballots when cast and opens the round's at the close, so that deposits are appended all
   * together at the close (`BallotBox`; the API always gives one). Without it a ballot's deposit
   * follows its BallotCast at once (the deciders' plain behaviour, used by test drivers).
   */
  ballotBox?: BallotBox;
}

export interface CommandOutcome {
  /** Global position of the last event of this command (or of the stream, when nothing was appended). */
  position: number;
  /** Revision of the written stream after the command. */
  revision: number;
  /** The events this command recorded (on a replay: those recorded the first time). */
  events: RecordedEvent[];
  replayed: boolean;
}

/** An `Idempotency-Key` already answered a request with another body (by its hash). */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was recorded for another request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

const MAX_ATTEMPTS = 5;

export async function handleCommand(
  store: EventStore,
  command: DomainCommand,
  context: CommandContext = {},
  options: HandleOptions = {},
): Promise<CommandOutcome> {
  const streams = options.streams ?? new FoldedStreams(store);
  const full = { ...context, commandId: context.commandId ?? randomUUID() };
  for (let attempt = 1; ; attempt++) {
    try {
      return await handleOnce(store, streams, command, full, options.ballotBox);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

async function handleOnce(
  store: EventStore,
  streams: FoldedStreams,
  given: DomainCommand,
  context: CommandContext & { commandId: string },
  ballotBox: BallotBox | undefined,
): Promise<CommandOutcome> {
  const plan = streamPlan(given);
  const cycleStream = cycleStreamName(given.cycleId);
  const cycleFolded = await streams.load(cycleStream, initialCycleState, foldCycleEvents);
  const cycle = cycleFolded.state;
  // A ballot sealed when cast, the round's ballots opened at the close (ballot-box.ts).
  const command = ballotBox ? ballotBox.prepare(given, cycle) : given;
  const unitIds =
    plan.readUnits === 'none'
      ? []
      : plan.readUnits === 'all'
        ? cycle.status === 'none'
          ? []
          : cycle.config.units.map((u) => u.id)
        : [plan.readUnits.unitId];
  const unitFolded = await Promise.all(
    unitIds.map((unitId) => streams.load(unitStreamName(command.cycleId, unitId), initialUnitState, foldUnitEvents)),
  );
  const units: Record<string, UnitState> = {};
  unitIds.forEach((unitId, i) => (units[unitId] = unitFolded[i]!.state));
  const written: FoldedStream<unknown> = plan.write === cycleStream ? cycleFolded : unitFolded[unitIds.length - 1]!;

  const earlier = context.idempotent ? written.byCommand.get(context.commandId) : undefined;
  if (earlier && earlier.length > 0) {
    if (earlier[0]!.metadata.requestHash !== context.requestHash)
      throw new IdempotencyKeyReusedError(context.commandId);
    const last = earlier[earlier.length - 1]!;
    return { position: last.position, revision: last.revision, events: earlier, replayed: true };
  }

  const decided = decide(command, { cycle, units });
  const current = written.last;
  if (decided.length === 0) {
    return { position: current?.position ?? 0, revision: current?.revision ?? -1, events: [], replayed: false };
  }
  const { actor } = command;
  const envelopes = toNewEvents(decided, {
    commandId: context.commandId,
    actor: {
      userId: actor.userId,
      role: context.role ?? actor.roles[0] ?? 'unknown',
      ...(actor.unitId ? { unitId: actor.unitId } : {}),
    },
    occurredAt: command.at,
    ...(context.correlationId !== undefined ? { correlationId: context.correlationId } : {}),
    ...(context.requestHash !== undefined ? { requestHash: context.requestHash } : {}),
    ...(command.recordedLater !== undefined
      ? {
          recordedLater: {
            recordedAt: command.recordedLater.recordedAt,
            recordedBy: actor.userId,
            source: command.recordedLater.source,
          },
        }
      : {}),
  });
  const result = await store.append(plan.write, envelopes, current ? current.revision : 'no-stream');
  const fold = (plan.write === cycleStream ? foldCycleEvents : foldUnitEvents) as Fold<unknown>;
  streams.appended(plan.write, written, result.events, fold);
  return { position: result.position, revision: result.revision, events: result.events, replayed: false };
}

/** A recorded event as the domain's folds and deciders see it. */
export function domainEvent<E extends DomainEvent = DomainEvent>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as unknown as E;
}

const foldCycleEvents: Fold<CycleState> = (state, events) => foldCycle(events.map(domainEvent<CycleEvent>), state);
const foldUnitEvents: Fold<UnitState> = (state, events) => foldUnit(events.map(domainEvent<UnitEvent>), state);
