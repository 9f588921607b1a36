/** The OpenAPI responses every command route shares. */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

export const ApiCommandResponses = (status: 200 | 201, description: string) =>
  applyDecorators(
    ApiResponse({
      status,
      description: `${description}. Answers { position, revision, ... }`,
      schema: {
        type: 'object',
        properties: { position: { type: 'integer' }, revision: { type: 'integer' } },
        required: ['position', 'revision'],
      },
    }),
    ApiResponse({ status: 400, description: 'invalid input (unknown fields included)', content: PROBLEM }),
    ApiResponse({ status: 401, description: 'no or bad token', content: PROBLEM }),
    ApiResponse({ status: 403, description: 'wrong role or unit', content: PROBLEM }),
    ApiResponse({ status: 404, description: 'unknown cycle or unit', content: PROBLEM }),
    ApiResponse({ status: 409, description: 'the current state forbids it', content: PROBLEM }),
    ApiResponse({ status: 413, description: 'body too large', content: PROBLEM }),
    ApiResponse({ status: 415, description: 'not a UTF-8 JSON body', content: PROBLEM }),
    ApiResponse({
      status: 422,
      description: 'breaks a business rule, or Idempotency-Key reused with another body',
      content: PROBLEM,
    }),
    ApiResponse({ status: 429, description: 'throttled', content: PROBLEM }),
  );
