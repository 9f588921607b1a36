/**
 * The queries of the API on @nestjs/cqrs' QueryBus: one query class carries what to read (a
 * function of the projections lib's `ReadModels`), one handler waits for `minPosition`
 * (read-your-writes) and reads. Who may read what is checked here where the answer depends on the
 * cycle (a leader reads the audit trail of the cycles its unit leads).
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { canSeeCycle, DomainError, leadsCycle } from '#domain';
import type { ReadModels } from '#projections';
import type { CallerContext } from '../auth/caller.decorator.js';
import type { Clock } from '../shell/clock.js';
import { CLOCK } from '../shell/tokens.js';
import { actorOf, awaitPosition, found, READ_MODELS, visibleCycle } from './read-side.js';

/** What a read may use besides the read models. */
export interface ReadDependencies {
  clock: Clock;
}

export type Read<T> = (readModels: ReadModels, deps: ReadDependencies) => Promise<T>;

export class ReadQuery<T> extends Query<T> {
  constructor(
    readonly minPosition: number | undefined,
    readonly read: Read<T>,
  ) {
    super();
  }
}

@QueryHandler(ReadQuery)
export class ReadQueryHandler implements IQueryHandler<ReadQuery<unknown>> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(q: ReadQuery<unknown>): Promise<unknown> {
    await awaitPosition(this.readModels, q.minPosition);
    return q.read(this.readModels, { clock: this.clock });
  }
}

/** The audit trail: an auditor, the province, or the leader of this cycle. */
export function auditTrail(cycleId: string, { caller, actingRole }: CallerContext): Read<unknown> {
  return async (readModels) => {
    const cycle = await visibleCycle(readModels, cycleId, caller);
    if (actingRole === 'leader' && !leadsCycle(actorOf(caller), cycle.config)) {
      throw new DomainError('NOT_CLUSTER_LEADER');
    }
    return { cycleId, entries: found(await readModels.auditTrail(cycleId)) };
  };
}

/** A unit officer reads its own unit's deadlines; a leader its own unit's and those of the units of cycles it leads. */
export function unitDeadlines(unitId: string, { caller, actingRole }: CallerContext): Read<unknown> {
  return async (readModels, { clock }) => {
    const actor = actorOf(caller);
    // Unit ids repeat across provinces: only the cycles of the caller's province count, and of
    // those, the ones its unit belongs to, or (for a leader) leads.
    const cycles = new Map<string, boolean>();
    for (const { cycleId } of actor.provinceId === undefined ? [] : await readModels.cyclesOfUnit(unitId)) {
      const cycle = await readModels.cycle(cycleId);
      if (!cycle || !canSeeCycle(actor, cycle.config)) continue;
      cycles.set(cycleId, caller.unitId === unitId || (actingRole === 'leader' && leadsCycle(actor, cycle.config)));
    }
    if (caller.unitId !== unitId) {
      if (actingRole !== 'leader') throw new DomainError('NOT_YOUR_UNIT');
      if (![...cycles.values()].some(Boolean)) throw new DomainError('NOT_CLUSTER_LEADER');
    }
    const all = found(await readModels.unitDeadlines(unitId, clock.now()), 'NOT_A_MEMBER');
    return { unitId, deadlines: all.filter((d) => cycles.get(d.cycleId) === true) };
  };
}

/**
 * A unit's submissions with their content: the unit itself, the cycle's leader or deputy, the
 * province and auditors (who read every reason in the audit trail anyway); another member unit
 * may not read what a unit sent.
 */
export function unitSubmissions(cycleId: string, unitId: string, { caller, actingRole }: CallerContext): Read<unknown> {
  return async (readModels) => {
    const cycle = await visibleCycle(readModels, cycleId, caller);
    const oversees =
      caller.roles.some((role) => role === 'auditor' || role === 'national-auditor' || role === 'province') ||
      (caller.roles.includes('leader') && leadsCycle(actorOf(caller), cycle.config));
    if (!oversees && caller.unitId !== unitId) {
      throw new DomainError(actingRole === 'leader' ? 'NOT_CLUSTER_LEADER' : 'NOT_YOUR_UNIT');
    }
    return found(await readModels.unitSubmissions(cycleId, unitId), 'NOT_A_MEMBER');
  };
}
