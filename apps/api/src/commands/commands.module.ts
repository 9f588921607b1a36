/** Every command route of the API with its handlers (one per command) and the shared executor. */
import { Module } from '@nestjs/common';
import { CommandExecutor } from './command-executor.js';
import { CYCLE_COMMAND_HANDLERS } from '../cycles/cycle.commands.js';
import { CyclesController } from '../cycles/cycles.controller.js';
import { NOMINATION_COMMAND_HANDLERS } from '../nominations/nomination.commands.js';
import { NominationsController } from '../nominations/nominations.controller.js';
import { SUBMISSION_COMMAND_HANDLERS } from '../submissions/submission.commands.js';
import { SubmissionsController } from '../submissions/submissions.controller.js';
import { VOTE_COMMAND_HANDLERS } from '../vote/vote.commands.js';
import { VoteController } from '../vote/vote.controller.js';

@Module({
  // VoteController first: its `steps/vote/open` must win over `steps/:step/open`.
  controllers: [VoteController, CyclesController, SubmissionsController, NominationsController],
  providers: [CommandExecutor, ...CYCLE_COMMAND_HANDLERS, ...SUBMISSION_COMMAND_HANDLERS, ...VOTE_COMMAND_HANDLERS, ...NOMINATION_COMMAND_HANDLERS],
})
export class CommandsModule {}
