/**
 * Commands take JSON only. Without this, a form-encoded or plain-text body is not parsed at all
 * and a command with no required field (opening a step, say) would run on an empty body.
 */
import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from '../problems/problem.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

export function jsonBodyOnly(req: Request, _res: Response, next: NextFunction): void {
  // Exactly application/json: the JSON parser reads no other type, so a `+json` body
  // (application/merge-patch+json, application/vnd.api+json) would reach the command empty.
  if (WRITES.has(req.method) && hasBody(req) && req.is('application/json') !== 'application/json') {
    next(ProblemError.of('UNSUPPORTED_MEDIA_TYPE'));
    return;
  }
  next();
}
