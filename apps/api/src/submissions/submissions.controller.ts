/** Routes of a unit's submissions and their review (api.md, "A unit's submissions"). */
import { Body, Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator.js';
import { CommandCtx, type CommandContext } from '../commands/command-context.js';
import { ApiCommandResponses } from '../commands/command-docs.js';
import type { ApiCommand } from '../commands/domain-command.js';
import { reply } from '../commands/reply.js';
import { CycleParams, EmptyDto } from '../cycles/step.dto.js';
import {
  AcceptSubmissionCommand,
  AdjustScoreCommand,
  LockScoresCommand,
  ReturnSubmissionCommand,
  SubmitMidYearReportCommand,
  SubmitRegistrationCommand,
  SubmitSelfAssessmentCommand,
} from './submission.commands.js';
import {
  AcceptSubmissionDto,
  MidYearReportDto,
  RegistrationDto,
  ReturnSubmissionDto,
  ScoreAdjustmentDto,
  SelfAssessmentDto,
  SubmissionParams,
  UnitParams,
} from './submission.dto.js';

@ApiTags('submissions')
@ApiBearerAuth('bearer')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body: the first answer, nothing appended; another body: 422' })
@Controller('cycles/:cycleId')
export class SubmissionsController {
  constructor(private readonly commands: CommandBus) {}

  private async run(res: Response, command: ApiCommand<any, any>) {
    return reply(res, await this.commands.execute(command));
  }

  @Put('units/:unitId/registration')
  @HttpCode(200)
  @Roles('unit')
  @ApiCommandResponses(200, 'a new version of the registration; answers version and late')
  register(@CommandCtx() ctx: CommandContext, @Param() p: UnitParams, @Body() body: RegistrationDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new SubmitRegistrationCommand(ctx, p, body));
  }

  @Put('units/:unitId/mid-year-report')
  @HttpCode(200)
  @Roles('unit')
  @ApiCommandResponses(200, 'a new version of the mid-year report; answers version and late')
  reportMidYear(@CommandCtx() ctx: CommandContext, @Param() p: UnitParams, @Body() body: MidYearReportDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new SubmitMidYearReportCommand(ctx, p, body));
  }

  @Put('units/:unitId/self-assessment')
  @HttpCode(200)
  @Roles('unit')
  @ApiCommandResponses(200, 'a new version of the self-assessment; answers version and late')
  selfAssess(@CommandCtx() ctx: CommandContext, @Param() p: UnitParams, @Body() body: SelfAssessmentDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new SubmitSelfAssessmentCommand(ctx, p, body));
  }

  @Post('units/:unitId/score-adjustments')
  @HttpCode(201)
  @Roles('leader', 'province')
  @ApiCommandResponses(201, 'the points of one line are adjusted, with the reason')
  adjust(@CommandCtx() ctx: CommandContext, @Param() p: UnitParams, @Body() body: ScoreAdjustmentDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new AdjustScoreCommand(ctx, p, body));
  }

  @Post('units/:unitId/:submission/accept')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'the submission is accepted')
  accept(@CommandCtx() ctx: CommandContext, @Param() p: SubmissionParams, @Body() body: AcceptSubmissionDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new AcceptSubmissionCommand(ctx, p, body));
  }

  @Post('units/:unitId/:submission/return')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'the submission is returned for correction, with the reason')
  giveBack(@CommandCtx() ctx: CommandContext, @Param() p: SubmissionParams, @Body() body: ReturnSubmissionDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new ReturnSubmissionCommand(ctx, p, body));
  }

  @Post('scores/lock')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'final scores and ranking are fixed')
  lock(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() _body: EmptyDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new LockScoresCommand(ctx, p, {}));
  }
}
