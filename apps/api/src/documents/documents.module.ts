/** The documents of a cycle: exports (score table, minutes, submission letter, audit trail). */
import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller.js';
import { GetCycleFactsHandler } from './exports.queries.js';

@Module({ controllers: [ExportsController], providers: [GetCycleFactsHandler] })
export class DocumentsModule {}
