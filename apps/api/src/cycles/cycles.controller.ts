/** Commands of the cycle (api.md, "Cycle"): open a cycle, drive its steps. */
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator.js';
import { CommandCtx, type CommandContext } from '../commands/command-context.js';
import { ApiCommandResponses } from '../commands/command-docs.js';
import { reply } from '../commands/reply.js';
import { CloseStepCommand, ExtendDueDateCommand, OpenCycleCommand, OpenStepCommand, ReopenStepCommand } from './cycle.commands.js';
import { OpenCycleDto } from './open-cycle.dto.js';
import { CloseStepDto, EmptyDto, ExtendDueDateDto, ReopenStepDto, ReopenableStepParams, ScheduleStepParams, SubmissionStepParams } from './step.dto.js';

@ApiTags('cycle')
@ApiBearerAuth('bearer')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body: the first answer, nothing appended; another body: 422' })
@Controller('cycles')
export class CyclesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('province')
  @ApiCommandResponses(201, 'the cycle is open; answers its cycleId')
  async open(@CommandCtx() ctx: CommandContext, @Body() body: OpenCycleDto, @Res({ passthrough: true }) res: Response) {
    return reply(res, await this.commands.execute(new OpenCycleCommand(ctx, {}, body)));
  }

  @Post(':cycleId/steps/:step/open')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'the step is open')
  async openStep(@CommandCtx() ctx: CommandContext, @Param() params: SubmissionStepParams, @Body() _body: EmptyDto, @Res({ passthrough: true }) res: Response) {
    return reply(res, await this.commands.execute(new OpenStepCommand(ctx, params, {})));
  }

  @Post(':cycleId/steps/:step/close')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'the step is closed')
  async closeStep(@CommandCtx() ctx: CommandContext, @Param() params: SubmissionStepParams, @Body() body: CloseStepDto, @Res({ passthrough: true }) res: Response) {
    return reply(res, await this.commands.execute(new CloseStepCommand(ctx, params, body)));
  }

  @Post(':cycleId/steps/:step/reopen')
  @HttpCode(200)
  @Roles('leader', 'province')
  @ApiCommandResponses(200, 'the step is open again')
  async reopenStep(@CommandCtx() ctx: CommandContext, @Param() params: ReopenableStepParams, @Body() body: ReopenStepDto, @Res({ passthrough: true }) res: Response) {
    return reply(res, await this.commands.execute(new ReopenStepCommand(ctx, params, body)));
  }

  @Post(':cycleId/steps/:step/extend')
  @HttpCode(200)
  @Roles('leader', 'province')
  @ApiCommandResponses(200, 'the due date is extended')
  async extend(@CommandCtx() ctx: CommandContext, @Param() params: ScheduleStepParams, @Body() body: ExtendDueDateDto, @Res({ passthrough: true }) res: Response) {
    return reply(res, await this.commands.execute(new ExtendDueDateCommand(ctx, params, body)));
  }
}
