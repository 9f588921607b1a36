import { describe, it, expect } from '@jest/globals';
import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DomainError } from '#domain';
import { WrongExpectedRevisionError } from '#event-store';
import { ProblemError } from './problem.js';
import { ProblemFilter } from './problem.filter.js';
import { ValidationProblem } from './validation.js';

const filter = new ProblemFilter();

describe('problem details mapping', () => {
  it.each([
    ['invalid', new DomainError('REASON_REQUIRED'), 400],
    ['forbidden', new DomainError('NOT_YOUR_UNIT'), 403],
    ['not-found', new DomainError('CYCLE_NOT_FOUND'), 404],
    ['conflict', new DomainError('ALREADY_VOTED'), 409],
    ['rule', new DomainError('POINTS_EXCEED_MAX'), 422],
  ])('maps a DomainError of kind %s to its status with its code', (_kind, error, status) => {
    const body = filter.toProblem(error, 'vi');
    expect(body).toMatchObject({ status, code: error.code, detail: error.message });
    expect(body.type).toBe(`urn:thidua:problem:${error.code.toLowerCase().replace(/_/g, '-')}`);
  });

  it('answers in English when asked', () => {
    const error = new DomainError('STEP_NOT_OPEN');
    expect(filter.toProblem(error, 'en')).toMatchObject({ title: 'Conflict', detail: error.messageEn });
    expect(filter.toProblem(error, 'vi')).toMatchObject({
      title: 'Xung đột với trạng thái hiện tại',
      detail: error.message,
    });
  });

  it('names each invalid field with its path, nested ones included', () => {
    const problem = new ValidationProblem([
      { field: 'scores.0.points', constraints: { max: 'points must not be greater than 10000' } },
      { field: 'extra', constraints: { whitelistValidation: 'property extra should not exist' } },
    ]);
    expect(filter.toProblem(problem, 'vi')).toEqual({
      type: 'urn:thidua:problem:validation-failed',
      title: 'Yêu cầu không hợp lệ',
      status: 400,
      detail: 'Dữ liệu gửi lên không hợp lệ',
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'scores.0.points', messages: ['lớn hơn giá trị tối đa'] },
        { field: 'extra', messages: ['trường này không được phép'] },
      ],
    });
    expect(filter.toProblem(problem, 'en').errors?.[0]?.messages).toEqual(['points must not be greater than 10000']);
  });

  it('maps a concurrency conflict that outlived the retries to 409', () => {
    expect(filter.toProblem(new WrongExpectedRevisionError('cycle-x', 3, 4), 'vi')).toMatchObject({
      status: 409,
      code: 'CONCURRENCY_CONFLICT',
    });
  });

  it("maps Nest's own exceptions: malformed JSON, unknown route, too large, throttled", () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), { status: 400 });
    expect(filter.toProblem(new BadRequestException('x', { cause: parse }), 'vi')).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
    });
    expect(filter.toProblem(new NotFoundException('Cannot GET /x'), 'vi')).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(filter.toProblem(new PayloadTooLargeException(), 'vi')).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(filter.toProblem(new HttpException('Too Many Requests', 429), 'vi')).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
    });
    expect(filter.toProblem(new HttpException('unsupported charset "LATIN1"', 415), 'vi')).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      title: 'Kiểu nội dung không được hỗ trợ',
    });
  });

  it('answers anything else with a generic 500 that tells nothing of the error', () => {
    const body = filter.toProblem(new TypeError('secret internals at /srv/app.js:12'), 'en');
    expect(body).toEqual({
      type: 'urn:thidua:problem:internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'Unexpected error; it has been logged',
      code: 'INTERNAL_ERROR',
    });
  });

  it('renders a shell problem as raised', () => {
    expect(filter.toProblem(ProblemError.of('IDEMPOTENCY_KEY_REUSED'), 'vi')).toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });
});
