/**
 * The read side as the query handlers use it: the projections lib's ReadModels, plus the
 * read-your-writes wait of every query (`minPosition`) and the "unknown cycle" answer.
 */
import { canSeeCycle, DomainError, type CommandActor } from '#domain';
import type { CycleFilter, CycleStatusView, CycleSummary, ReadModels } from '#projections';
import type { Caller } from '../auth/caller.js';
import { ProblemError } from '../problems/problem.js';

export const READ_MODELS = Symbol('READ_MODELS');

export const MIN_POSITION_WAIT_MS = 5_000;

/** Resolves once the read models have seen `minPosition`; a 503 (retry) if they do not within 5 s. */
export async function awaitPosition(readModels: ReadModels, minPosition: number | undefined): Promise<void> {
  if (minPosition === undefined || minPosition <= readModels.position) return;
  if (!(await readModels.waitForPosition(minPosition, MIN_POSITION_WAIT_MS)))
    throw ProblemError.of('READ_MODEL_BEHIND');
}

export function found<T>(value: T | undefined, code: 'CYCLE_NOT_FOUND' | 'NOT_A_MEMBER' = 'CYCLE_NOT_FOUND'): T {
  if (value === undefined) throw new DomainError(code);
  return value;
}

export function actorOf(caller: Caller): CommandActor {
  const { userId, roles, unitId, provinceId } = caller;
  return { userId, roles, ...(unitId ? { unitId } : {}), ...(provinceId ? { provinceId } : {}) };
}

/**
 * The cycle, if the caller may see it (its province's, or one its unit leads or belongs to; a
 * national auditor every one); otherwise CYCLE_NOT_FOUND, exactly as for an unknown id, so that
 * another province's ids do not leak.
 */
export async function visibleCycle(readModels: ReadModels, cycleId: string, caller: Caller): Promise<CycleStatusView> {
  const cycle = await readModels.cycle(cycleId);
  if (!cycle || !canSeeCycle(actorOf(caller), cycle.config)) throw new DomainError('CYCLE_NOT_FOUND');
  return cycle;
}

/** The cycles of the list the caller may see (by province first; unit and leader officers, by membership). */
export async function visibleCycles(
  readModels: ReadModels,
  filter: CycleFilter,
  caller: Caller,
): Promise<CycleSummary[]> {
  const actor = actorOf(caller);
  if (actor.roles.includes('national-auditor')) return readModels.listCycles(filter);
  // Another province's filter: nothing is visible (not an error, so province ids do not leak).
  if (actor.provinceId === undefined || (filter.provinceId !== undefined && filter.provinceId !== actor.provinceId))
    return [];
  const inProvince = await readModels.listCycles({ ...filter, provinceId: actor.provinceId });
  if (actor.roles.some((r) => r === 'province' || r === 'approver' || r === 'auditor')) return inProvince;
  const seen: CycleSummary[] = [];
  for (const summary of inProvince) {
    const cycle = await readModels.cycle(summary.cycleId);
    if (cycle && canSeeCycle(actor, cycle.config)) seen.push(summary);
  }
  return seen;
}
