/** The caller's language (`Accept-Language: en` for English, Vietnamese otherwise), as a parameter. */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { languageOf } from '../problems/problem.js';

export const CurrentLang = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  languageOf(ctx.switchToHttp().getRequest<Request>().headers['accept-language']),
);
