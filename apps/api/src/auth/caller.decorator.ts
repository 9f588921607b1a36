/** `@CurrentCaller()`: the verified caller and the role it acts in on this route. */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemError } from '../problems/problem.js';
import type { AuthenticatedRequestFields, Caller, Role } from './caller.js';

export interface CallerContext {
  caller: Caller;
  actingRole: Role;
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): CallerContext => {
  const req = ctx.switchToHttp().getRequest<Request & AuthenticatedRequestFields>();
  if (!req.caller || !req.actingRole) throw ProblemError.of('UNAUTHENTICATED');
  return { caller: req.caller, actingRole: req.actingRole };
});
