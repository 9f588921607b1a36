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
import { isIsoInstant } from '#domain';

export interface CommandContext {
  caller: Caller;
  actingRole: Role;
  correlationId: string;
  idempotencyKey?: string;
  requestHash: string;
  /**
   * A past year recorded from paper (headers `Original-Date` and `Recorded-From`): the original
   * date of the paper record and the document it is recorded from.
   */
  recordedLater?: { originalAt: string; source: string };
}

/** Set once by createApp on the Express app (`app.locals`), from the server's secret. */
export const REQUEST_HASH_KEY_LOCAL = 'thiduaRequestHashKey';

function requestHashKeyOf(req: Request): string {
  const key: unknown = req.app.locals[REQUEST_HASH_KEY_LOCAL];
  if (typeof key !== 'string') throw new Error(`app.locals.${REQUEST_HASH_KEY_LOCAL} is not set: createApp sets it`);
  return key;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function header(req: Request, name: string): string | undefined {
  const raw = req.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
}

/** Both headers or neither; the date an ISO 8601 instant with its offset, the document named. */
function recordedLaterOf(originalAt: string | undefined, source: string | undefined): CommandContext['recordedLater'] {
  if (originalAt === undefined && source === undefined) return undefined;
  const errors: { field: string; messages: string[] }[] = [];
  if (originalAt === undefined || !isIsoInstant(originalAt)) {
    errors.push({
      field: 'Original-Date',
      messages: [
        'bắt buộc khi ghi nhận từ hồ sơ giấy: ngày giờ gốc theo ISO 8601 có múi giờ, ví dụ 2021-01-15T09:00:00+07:00',
      ],
    });
  }
  // Header values are Latin-1 on the wire: a document number with diacritics comes URI-encoded.
  let document: string | undefined;
  try {
    document = source === undefined ? undefined : decodeURIComponent(source).normalize('NFC').trim();
  } catch {
    document = undefined;
  }
  if (!document || document.length > 500) {
    errors.push({
      field: 'Recorded-From',
      messages: [
        'bắt buộc khi ghi nhận từ hồ sơ giấy: số, ký hiệu của văn bản giấy (tối đa 500 ký tự, mã hóa URI nếu có dấu)',
      ],
    });
  }
  if (errors.length > 0) throw ProblemError.of('VALIDATION_FAILED', errors);
  return { originalAt: new Date(originalAt!).toISOString(), source: document! };
}

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
  const recordedLater = recordedLaterOf(header(req, 'original-date'), header(req, 'recorded-from'));
  return {
    caller: req.caller,
    actingRole: req.actingRole,
    correlationId: req.correlationId ?? '',
    ...(key !== undefined ? { idempotencyKey: key } : {}),
    ...(recordedLater ? { recordedLater } : {}),
    requestHash: requestHashOf(requestHashKeyOf(req), req.method, req.path, req.body),
  };
});
