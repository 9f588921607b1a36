/** Every command route of the API: the route tables' controllers, the one handler and the executor. */
import { Module } from '@nestjs/common';
import { CommandExecutor } from './command-executor.js';
import { RunCommandHandler } from './command-route.js';
import { CyclesController } from '../cycles/cycle.routes.js';
import { NominationsController } from '../nominations/nomination.routes.js';
import { SubmissionsController } from '../submissions/submission.routes.js';
import { VoteController } from '../vote/vote.routes.js';

@Module({
  // VoteController first: its `steps/vote/open` must win over `steps/:step/open`.
  controllers: [VoteController, CyclesController, SubmissionsController, NominationsController],
  providers: [CommandExecutor, RunCommandHandler],
})
export class CommandsModule {}
