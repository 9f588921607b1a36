/**
 * The queries of the API (one handler each, on @nestjs/cqrs' QueryBus), answered by the
 * projections lib after the read-your-writes wait. Who may read what is checked here where the
 * answer depends on the cycle (a leader reads the audit trail of the cycles its unit leads).
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, leadsCycle } from '#domain';
import type {
  AuditEntry,
  AuditedEvent,
  CycleStatusView,
  CycleSummary,
  CycleVerification,
  ReadModels,
  Standings,
  UnitDeadline,
  VoteView,
} from '#projections';
import type { Caller } from '../auth/caller.js';
import type { Clock } from '../shell/clock.js';
import { CLOCK, EVENT_STORE, TRANSPARENCY_LOG } from '../shell/tokens.js';
import type { EventStore } from '#event-store';
import { readCycleLog, type TransparencyLog, type TreeAudit } from '#transparency';
import { awaitPosition, found, READ_MODELS } from './read-side.js';

abstract class ReadQuery<T> extends Query<T> {
  constructor(readonly minPosition: number | undefined) {
    super();
  }
}

export class ListCyclesQuery extends ReadQuery<{ items: CycleSummary[] }> {
  constructor(minPosition: number | undefined, readonly filter: { year?: number; clusterId?: string }) {
    super(minPosition);
  }
}
export class GetCycleQuery extends ReadQuery<CycleStatusView> {
  constructor(minPosition: number | undefined, readonly cycleId: string) {
    super(minPosition);
  }
}
export class GetStandingsQuery extends ReadQuery<Standings> {
  constructor(minPosition: number | undefined, readonly cycleId: string, readonly at: { asOf?: string; atPosition?: number }) {
    super(minPosition);
  }
}
export class GetAuditTrailQuery extends ReadQuery<{ cycleId: string; entries: AuditEntry[] }> {
  constructor(minPosition: number | undefined, readonly cycleId: string, readonly caller: Caller, readonly role: string) {
    super(minPosition);
  }
}
export class GetCycleEventsQuery extends ReadQuery<{ cycleId: string; events: AuditedEvent[] }> {
  constructor(minPosition: number | undefined, readonly cycleId: string) {
    super(minPosition);
  }
}
export class VerifyCycleQuery extends ReadQuery<CycleVerification & { tree: TreeAudit }> {
  constructor(minPosition: number | undefined, readonly cycleId: string) {
    super(minPosition);
  }
}
export class GetVoteQuery extends ReadQuery<VoteView> {
  constructor(minPosition: number | undefined, readonly cycleId: string) {
    super(minPosition);
  }
}
export class GetUnitDeadlinesQuery extends ReadQuery<{ unitId: string; deadlines: UnitDeadline[] }> {
  constructor(minPosition: number | undefined, readonly unitId: string, readonly caller: Caller, readonly role: string) {
    super(minPosition);
  }
}

abstract class ReadHandler {
  constructor(@Inject(READ_MODELS) protected readonly readModels: ReadModels) {}
}

@QueryHandler(ListCyclesQuery)
export class ListCyclesHandler extends ReadHandler implements IQueryHandler<ListCyclesQuery> {
  async execute(q: ListCyclesQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    return { items: await this.readModels.listCycles(q.filter) };
  }
}

@QueryHandler(GetCycleQuery)
export class GetCycleHandler extends ReadHandler implements IQueryHandler<GetCycleQuery> {
  async execute(q: GetCycleQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    return found(await this.readModels.cycle(q.cycleId));
  }
}

@QueryHandler(GetStandingsQuery)
export class GetStandingsHandler extends ReadHandler implements IQueryHandler<GetStandingsQuery> {
  async execute(q: GetStandingsQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    return found(await this.readModels.standings(q.cycleId, q.at));
  }
}

@QueryHandler(GetAuditTrailQuery)
export class GetAuditTrailHandler extends ReadHandler implements IQueryHandler<GetAuditTrailQuery> {
  async execute(q: GetAuditTrailQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    const cycle = found(await this.readModels.cycle(q.cycleId));
    if (q.role === 'leader' && !leadsCycle({ userId: q.caller.userId, roles: q.caller.roles, unitId: q.caller.unitId }, cycle.config)) {
      throw new DomainError('NOT_CLUSTER_LEADER');
    }
    return { cycleId: q.cycleId, entries: found(await this.readModels.auditTrail(q.cycleId)) };
  }
}

@QueryHandler(GetCycleEventsQuery)
export class GetCycleEventsHandler extends ReadHandler implements IQueryHandler<GetCycleEventsQuery> {
  async execute(q: GetCycleEventsQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    return { cycleId: q.cycleId, events: found(await this.readModels.cycleEvents(q.cycleId)) };
  }
}

/**
 * The hash chains of the cycle's streams, and the signed tree: its root and size, whether it
 * still has the root of the latest checkpoint, and whether each of the cycle's events is its leaf.
 */
@QueryHandler(VerifyCycleQuery)
export class VerifyCycleHandler extends ReadHandler implements IQueryHandler<VerifyCycleQuery> {
  constructor(
    @Inject(READ_MODELS) readModels: ReadModels,
    @Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super(readModels);
  }

  async execute(q: VerifyCycleQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    const chains = found(await this.readModels.verify(q.cycleId));
    await this.log.sync();
    const tree = this.log.audit((await readCycleLog(this.store, q.cycleId)) ?? []);
    return { ...chains, ok: chains.ok && tree.ok, tree };
  }
}

@QueryHandler(GetVoteQuery)
export class GetVoteHandler extends ReadHandler implements IQueryHandler<GetVoteQuery> {
  async execute(q: GetVoteQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    return found(await this.readModels.vote(q.cycleId));
  }
}

/** A unit officer reads its own unit's deadlines; a leader its own unit's and those of the units of cycles it leads. */
@QueryHandler(GetUnitDeadlinesQuery)
export class GetUnitDeadlinesHandler extends ReadHandler implements IQueryHandler<GetUnitDeadlinesQuery> {
  constructor(@Inject(READ_MODELS) readModels: ReadModels, @Inject(CLOCK) private readonly clock: Clock) {
    super(readModels);
  }

  async execute(q: GetUnitDeadlinesQuery) {
    await awaitPosition(this.readModels, q.minPosition);
    if (q.caller.unitId !== q.unitId) {
      if (q.role !== 'leader') throw new DomainError('NOT_YOUR_UNIT');
      const actor = { userId: q.caller.userId, roles: q.caller.roles, unitId: q.caller.unitId };
      const cycles = await this.readModels.listCycles();
      let leads = false;
      for (const summary of cycles) {
        const cycle = await this.readModels.cycle(summary.cycleId);
        if (cycle && leadsCycle(actor, cycle.config) && cycle.config.units.some((u) => u.id === q.unitId)) leads = true;
      }
      if (!leads) throw new DomainError('NOT_CLUSTER_LEADER');
    }
    return { unitId: q.unitId, deadlines: found(await this.readModels.unitDeadlines(q.unitId, this.clock.now()), 'NOT_A_MEMBER') };
  }
}

export const QUERY_HANDLERS = [
  ListCyclesHandler,
  GetCycleHandler,
  GetStandingsHandler,
  GetAuditTrailHandler,
  GetCycleEventsHandler,
  VerifyCycleHandler,
  GetVoteHandler,
  GetUnitDeadlinesHandler,
];
