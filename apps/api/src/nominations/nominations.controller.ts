/** Routes of nomination, decision and revocation (api.md, "Vote, nomination, decision"). */
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator.js';
import { CommandCtx, type CommandContext } from '../commands/command-context.js';
import { ApiCommandResponses } from '../commands/command-docs.js';
import type { ApiCommand } from '../commands/domain-command.js';
import { reply } from '../commands/reply.js';
import { CycleParams } from '../cycles/step.dto.js';
import {
  AcceptNominationsCommand,
  IssueAwardDecisionCommand,
  ReturnNominationsCommand,
  RevokeAwardCommand,
  SubmitNominationsCommand,
} from './nomination.commands.js';
import { AcceptNominationsDto, AwardDecisionDto, AwardParams, ReturnNominationsDto, RevokeAwardDto, SubmitNominationsDto } from './nomination.dto.js';

@ApiTags('nomination and decision')
@ApiBearerAuth('bearer')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body: the first answer, nothing appended; another body: 422' })
@Controller('cycles/:cycleId')
export class NominationsController {
  constructor(private readonly commands: CommandBus) {}

  private async run(res: Response, command: ApiCommand<any, any>) {
    return reply(res, await this.commands.execute(command));
  }

  @Post('nominations')
  @HttpCode(201)
  @Roles('leader')
  @ApiCommandResponses(201, 'the nominations and their dossier are submitted to the province')
  nominate(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: SubmitNominationsDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new SubmitNominationsCommand(ctx, p, body));
  }

  @Post('nominations/accept')
  @HttpCode(200)
  @Roles('province')
  @ApiCommandResponses(200, 'the province accepts the dossier')
  accept(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: AcceptNominationsDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new AcceptNominationsCommand(ctx, p, body));
  }

  @Post('nominations/return')
  @HttpCode(200)
  @Roles('province')
  @ApiCommandResponses(200, 'the province returns the dossier, with the reason')
  giveBack(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: ReturnNominationsDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new ReturnNominationsCommand(ctx, p, body));
  }

  @Post('decision')
  @HttpCode(201)
  @Roles('approver')
  @ApiCommandResponses(201, 'the award decision is issued and the cycle closes')
  decide(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: AwardDecisionDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new IssueAwardDecisionCommand(ctx, p, body));
  }

  @Post('awards/:unitId/:award/revoke')
  @HttpCode(200)
  @Roles('approver')
  @ApiCommandResponses(200, 'the award is revoked, with the reason')
  revoke(@CommandCtx() ctx: CommandContext, @Param() p: AwardParams, @Body() body: RevokeAwardDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new RevokeAwardCommand(ctx, p, body));
  }
}
