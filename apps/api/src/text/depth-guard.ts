/**
 * Refuses bodies nested deeper than any DTO of the API (a few levels) before anything walks them
 * recursively: a JSON of thousands of nested arrays must be a 400, not a stack overflow.
 */
import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from '../problems/problem.js';

export const MAX_BODY_DEPTH = 32;

export function depthOf(value: unknown, limit: number): number {
  // Iterative: the check itself must not overflow.
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

export function bodyDepthGuard(req: Request, _res: Response, next: NextFunction): void {
  if (depthOf(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    next(
      ProblemError.of('VALIDATION_FAILED', [{ field: '(body)', messages: [`lồng nhau quá ${MAX_BODY_DEPTH} cấp`] }], {
        vi: `Nội dung lồng nhau quá ${MAX_BODY_DEPTH} cấp`,
        en: `The body is nested deeper than ${MAX_BODY_DEPTH} levels`,
      }),
    );
    return;
  }
  next();
}
