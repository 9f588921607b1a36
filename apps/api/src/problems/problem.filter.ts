/**
 * The one mapping of errors to RFC 9457 problem details (architecture principle 8). Anything not
 * recognised is a 500 with a generic message; the error itself goes to the log, never to the client.
 */
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '#domain';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '#event-store';
import {
  languageOf,
  ProblemError,
  problemBody,
  SHELL_PROBLEMS,
  type ProblemBody,
  type ShellProblemCode,
  type Lang,
} from './problem.js';
import { ValidationProblem } from './validation.js';
import { redactUrl } from '../shell/redact-url.js';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const lang = languageOf(req.headers['accept-language']);
    const body = this.toProblem(error, lang);
    if (body.code === 'READ_MODEL_BEHIND' || body.code === 'READ_MODEL_CATCHING_UP') {
      // The client asked for a position not reached in time: worth a warning, not an error with a stack.
      this.logger.warn({ method: req.method, url: redactUrl(req.originalUrl), code: body.code }, 'read model behind');
    } else if (body.status >= 500) {
      this.logger.error(
        { err: error, method: req.method, url: redactUrl(req.originalUrl), code: body.code },
        'request failed',
      );
    }
    if (res.headersSent) return;
    if ((body.status === 429 || body.status === 503) && !res.hasHeader('Retry-After'))
      res.setHeader('Retry-After', body.status === 429 ? '60' : '1');
    if (body.status === 401 && body.code !== 'INVALID_CREDENTIALS')
      res.setHeader(
        'WWW-Authenticate',
        `Bearer error="${body.code === 'INVALID_TOKEN' ? 'invalid_token' : 'invalid_request'}"`,
      );
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  toProblem(error: unknown, lang: Lang): ProblemBody {
    if (error instanceof ValidationProblem) {
      return problemBody({ status: 400, code: error.code, detail: error.text, errors: error.fieldErrors(lang), lang });
    }
    if (error instanceof ProblemError) {
      return problemBody({ status: error.status, code: error.code, detail: error.text, errors: error.errors, lang });
    }
    if (error instanceof DomainError) {
      const errors = error.errors?.map((e) => ({
        field: e.field,
        messages: [lang === 'en' ? e.messageEn : e.message],
      }));
      return problemBody({
        status: error.status,
        code: error.code,
        detail: { vi: error.message, en: error.messageEn },
        errors,
        lang,
      });
    }
    if (error instanceof WrongExpectedRevisionError) return shell('CONCURRENCY_CONFLICT', lang);
    if (error instanceof InvalidAppendError) {
      return problemBody({
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: SHELL_PROBLEMS.VALIDATION_FAILED,
        errors: [{ field: error.field, messages: [error.reason] }],
        lang,
      });
    }
    if (error instanceof EventStoreUnavailableError) return shell('EVENT_STORE_UNAVAILABLE', lang);
    if (error instanceof HttpException) return fromHttpException(error, lang);
    return shell('INTERNAL_ERROR', lang);
  }
}

function shell(code: ShellProblemCode, lang: Lang): ProblemBody {
  const entry = SHELL_PROBLEMS[code];
  return problemBody({ status: entry.status, code, detail: entry, lang });
}

/** Nest's own exceptions: body-parser failures, unknown routes, the throttler. */
function fromHttpException(error: HttpException, lang: Lang): ProblemBody {
  const status = error.getStatus();
  const cause = (error as { cause?: { type?: string } }).cause;
  switch (status) {
    case 400:
      return shell(
        cause instanceof SyntaxError || cause?.type === 'entity.parse.failed' ? 'MALFORMED_JSON' : 'BAD_REQUEST',
        lang,
      );
    case 401:
      return shell('UNAUTHENTICATED', lang);
    case 403:
      return shell('FORBIDDEN_ROLE', lang);
    case 404:
      return shell('NOT_FOUND', lang);
    case 413:
      return shell('PAYLOAD_TOO_LARGE', lang);
    case 415:
      return shell('UNSUPPORTED_MEDIA_TYPE', lang);
    case 429:
      return shell('TOO_MANY_REQUESTS', lang);
    default: {
      if (status >= 500) return shell('INTERNAL_ERROR', lang);
      return problemBody({
        status,
        code: `HTTP_${status}`,
        detail: { vi: 'Yêu cầu không được chấp nhận', en: error.message },
        lang,
      });
    }
  }
}
