/** Assertions on RFC 9457 problem details, the one shape of every error of docs/api.md. */
import { expect } from '@jest/globals';
import type { ApiResponse } from '#scenario';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: unknown;
}

/** The answer is a problem with this status (and code, when given), as problem+json, and no stack trace. */
export function expectProblem(res: ApiResponse, status: number, code?: string): Problem {
  const seen = { request: res.request, status: res.status, body: res.body as unknown };
  expect({ ...seen, status: res.status }).toEqual({ ...seen, status });
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  const body = res.body as Problem;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code: expect.stringMatching(/^[A-Z][A-Z0-9_]*$/),
    }),
  );
  if (code !== undefined) expect({ request: res.request, code: body.code }).toEqual({ request: res.request, code });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(js|ts):\d+/);
  expect(body).not.toHaveProperty('stack');
  return body;
}

/** The problem's `errors` name this field (anywhere in their text: `scores`, `scores[0].points`...). */
export function expectFieldNamed(problem: Problem, field: string): void {
  expect(problem.errors).toBeDefined();
  expect(JSON.stringify(problem.errors)).toContain(field);
}
