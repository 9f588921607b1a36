/**
 * The read side as the query handlers use it: the projections lib's ReadModels, plus the
 * read-your-writes wait of every query (`minPosition`) and the "unknown cycle" answer.
 */
import { canSeeCycle, DomainError, type CommandActor } from '#domain';
import {
  decodeCycleCursor,
  type CycleFilter,
  type CyclePage,
  type CycleStatusView,
  type ReadModels,
} from '#projections';
import type { Caller } from '../auth/caller.js';
import { ProblemError } from '../problems/problem.js';

export const READ_MODELS = Symbol('READ_MODELS');

export const MIN_POSITION_WAIT_MS = 5_000;

/**
 * Resolves once the read models have seen `minPosition`; a 503 (retry) if they do not within 5 s.
 * Without `minPosition` while they still catch up with the log at start, a 503 with Retry-After:
 * an answer from long ago would look current.
 */
export async function awaitPosition(readModels: ReadModels, minPosition: number | undefined): Promise<void> {
  if (minPosition === undefined) {
    if (readModels.catchingUp) throw ProblemError.of('READ_MODEL_CATCHING_UP');
    return;
  }
  if (minPosition <= readModels.position) return;
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

/**
 * A page of the cycles the caller may see (`canSeeCycle`): a national auditor every one; the
 * province's roles their province's; unit and leader officers those their unit belongs to, leads
 * or deputizes. Another province's filter gives an empty page (not an error, so ids do not leak).
 */
export async function visibleCyclePage(
  readModels: ReadModels,
  filter: CycleFilter,
  page: { cursor?: string; limit?: number },
  caller: Caller,
): Promise<CyclePage> {
  const actor = actorOf(caller);
  if (actor.roles.includes('national-auditor')) return readModels.cyclePage(filter, page);
  // A bad cursor is a 400 whatever the caller may see.
  if (page.cursor !== undefined) decodeCycleCursor(page.cursor);
  const none: CyclePage = { items: [], nextCursor: null };
  if (actor.provinceId === undefined || (filter.provinceId !== undefined && filter.provinceId !== actor.provinceId))
    return none;
  const inProvince = { ...filter, provinceId: actor.provinceId };
  if (actor.roles.some((r) => r === 'province' || r === 'approver' || r === 'auditor'))
    return readModels.cyclePage(inProvince, page);
  if (actor.unitId === undefined || !actor.roles.some((r) => r === 'leader' || r === 'unit')) return none;
  return readModels.cyclePage({ ...inProvince, relatedUnitId: actor.unitId }, page);
}
