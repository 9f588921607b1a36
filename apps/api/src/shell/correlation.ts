/**
 * Request and correlation ids. The correlation id comes from `X-Correlation-Id` when the client
 * sends a sensible one (so a client's retries and follow-ups share it), else a new UUID; it is
 * echoed back, logged with every line of the request, and recorded in the events it causes.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface CorrelatedRequestFields {
  requestId?: string;
  correlationId?: string;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first !== undefined && SAFE_ID.test(first) ? first : undefined;
}

export function correlationMiddleware(req: Request & CorrelatedRequestFields, res: Response, next: NextFunction): void {
  req.requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
  req.correlationId = headerValue(req.headers['x-correlation-id']) ?? randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  res.setHeader('X-Correlation-Id', req.correlationId);
  next();
}
