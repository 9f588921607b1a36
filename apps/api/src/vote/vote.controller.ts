/** Routes of the vote (api.md, "Vote, nomination, decision"). Declared before the generic step routes. */
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
import { CastBallotCommand, CloseVoteCommand, OpenVoteCommand, RecordPaperTallyCommand } from './vote.commands.js';
import { BallotDto, CloseVoteDto, OpenVoteDto, PaperTallyDto } from './vote.dto.js';

@ApiTags('vote')
@ApiBearerAuth('bearer')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key and body: the first answer, nothing appended; another body: 422' })
@Controller('cycles/:cycleId')
export class VoteController {
  constructor(private readonly commands: CommandBus) {}

  private async run(res: Response, command: ApiCommand<any, any>) {
    return reply(res, await this.commands.execute(command));
  }

  @Post('steps/vote/open')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'the vote is open on its candidates; scores must be locked')
  open(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: OpenVoteDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new OpenVoteCommand(ctx, p, body));
  }

  @Post('steps/vote/close')
  @HttpCode(200)
  @Roles('leader')
  @ApiCommandResponses(200, 'the vote is closed; answers the result per award and candidate')
  close(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() _body: CloseVoteDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new CloseVoteCommand(ctx, p, {}));
  }

  @Post('ballots')
  @HttpCode(201)
  @Roles('unit')
  @ApiCommandResponses(201, 'the unit\'s one ballot is cast; answers a receipt that names nobody')
  cast(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: BallotDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new CastBallotCommand(ctx, p, body));
  }

  @Post('tally')
  @HttpCode(201)
  @Roles('leader')
  @ApiCommandResponses(201, 'the paper vote\'s counts from the minutes are recorded')
  tally(@CommandCtx() ctx: CommandContext, @Param() p: CycleParams, @Body() body: PaperTallyDto, @Res({ passthrough: true }) res: Response) {
    return this.run(res, new RecordPaperTallyCommand(ctx, p, body));
  }
}
