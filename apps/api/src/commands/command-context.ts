/**
 * What the shell knows of a command besides its body: who sends it and in which role, the
 * correlation id, the `Idempotency-Key` and the request's hash. Built by `@CommandCtx()`.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedRequestFields, Caller, Role } from '../auth/caller.js';
import { ProblemError } from '../problems/problem.js';
import type { CorrelatedRequestFields } from '../shell/correlation.js';
import { requestHashOf } from './idempotency.js';

export interface CommandContext {
  caller: Caller;
  actingRole: Role;
  correlationId: string;
  idempotencyKey?: string;
  requestHash: string;
}

/** Set once by createApp on the Express app (`app.locals`), from the server's secret. */
export const REQUEST_HASH_KEY_LOCAL = 'thiduaRequestHashKey';

function requestHashKeyOf(req: Request): string {
  const key: unknown = req.app.locals[REQUEST_HASH_KEY_LOCAL];
  if (typeof key !== 'string') throw new Error(`app.locals.${REQUEST_HASH_KEY_LOCAL} is not set: createApp sets it`);
  return key;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const req = ctx.switchToHttp().getRequest<Request & AuthenticatedRequestFields & CorrelatedRequestFields>();
  if (!req.caller || !req.actingRole) throw ProblemError.of('UNAUTHENTICATED');
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw ProblemError.of('VALIDATION_FAILED', [
      { field: 'Idempotency-Key', messages: ['phải gồm 1 đến 200 ký tự ASCII in được, không có khoảng trắng'] },
    ]);
  }
  return {
    caller: req.caller,
    actingRole: req.actingRole,
    correlationId: req.correlationId ?? '',
    ...(key !== undefined ? { idempotencyKey: key } : {}),
    requestHash: requestHashOf(requestHashKeyOf(req), req.method, req.path, req.body),
  };
});
