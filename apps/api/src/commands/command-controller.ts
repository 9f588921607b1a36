/**
 * A controller made from a table of command routes: each entry becomes a decorated method (its
 * verb and path, status, roles, OpenAPI responses, validated path parameters and body), so that
 * adding a command route is adding an entry. Routes are registered in the table's order.
 */
import { applyDecorators, Body, Controller, HttpCode, Inject, Param, Post, Put, Res, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator.js';
import { CommandCtx, type CommandContext } from './command-context.js';
import { ApiCommandResponses } from './command-docs.js';
import { RunCommand, type CommandRoute } from './command-route.js';

export interface CommandControllerOptions {
  /** The class name (it names the OpenAPI operations, `<name>_<route key>`). */
  name: string;
  /** The path the routes are below. */
  path: string;
  /** The OpenAPI tag. */
  tag: string;
  /** The routes by method name, in the order they are matched. */
  routes: Record<string, CommandRoute>;
}

export function commandController({ name, path, tag, routes }: CommandControllerOptions): Type {
  @ApiTags(tag)
  @ApiBearerAuth('bearer')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key and body: the first answer, nothing appended; another body: 422',
  })
  @ApiHeader({
    name: 'Original-Date',
    required: false,
    description:
      'a past year recorded from paper: the original date (ISO 8601 instant with offset); with Recorded-From',
  })
  @ApiHeader({
    name: 'Recorded-From',
    required: false,
    description: 'a past year recorded from paper: the paper document (URI-encoded); with Original-Date',
  })
  @Controller(path)
  class CommandController {
    constructor(@Inject(CommandBus) readonly commands: CommandBus) {}
  }
  Object.defineProperty(CommandController, 'name', { value: name });
  const proto = CommandController.prototype as unknown as Record<string, unknown>;
  for (const [key, route] of Object.entries(routes)) {
    const handler = async function (
      this: CommandController,
      ctx: CommandContext,
      params: object | undefined,
      body: object,
      res: Response,
    ) {
      const answer = await this.commands.execute(new RunCommand(ctx, route, { params: params ?? {}, body }));
      if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
      return answer.body;
    };
    // Named as a written method would be: Nest and the OpenAPI explorer look metadata up by name.
    Object.defineProperty(handler, 'name', { value: key });
    proto[key] = handler;
    // What `emitDecoratorMetadata` records for a written method: the validation pipe and the
    // OpenAPI document read the classes of the parameters from it.
    Reflect.defineMetadata('design:paramtypes', [Object, route.params ?? Object, route.body, Object], proto, key);
    CommandCtx()(proto, key, 0);
    if (route.params) Param()(proto, key, 1);
    Body()(proto, key, 2);
    Res({ passthrough: true })(proto, key, 3);
    const verb = route.method === 'PUT' ? Put : Post;
    applyDecorators(
      verb(route.path),
      HttpCode(route.status),
      Roles(...route.roles),
      ApiCommandResponses(route.status, route.summary),
    )(proto, key, Object.getOwnPropertyDescriptor(proto, key)!);
  }
  return CommandController;
}
