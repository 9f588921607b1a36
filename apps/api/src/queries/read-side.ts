/**
 * The read side as the query handlers use it: the projections lib's ReadModels, plus the
 * read-your-writes wait of every query (`minPosition`) and the "unknown cycle" answer.
 */
import { DomainError } from '#domain';
import type { ReadModels } from '#projections';
import { ProblemError } from '../problems/problem.js';

export const READ_MODELS = Symbol('READ_MODELS');

export const MIN_POSITION_WAIT_MS = 5_000;

/** Resolves once the read models have seen `minPosition`; a 503 (retry) if they do not within 5 s. */
export async function awaitPosition(readModels: ReadModels, minPosition: number | undefined): Promise<void> {
  if (minPosition === undefined || minPosition <= readModels.position) return;
  if (!(await readModels.waitForPosition(minPosition, MIN_POSITION_WAIT_MS))) throw ProblemError.of('READ_MODEL_BEHIND');
}

export function found<T>(value: T | undefined, code: 'CYCLE_NOT_FOUND' | 'NOT_A_MEMBER' = 'CYCLE_NOT_FOUND'): T {
  if (value === undefined) throw new DomainError(code);
  return value;
}
