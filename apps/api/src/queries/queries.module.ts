/** The read side of the API: the query routes and their handlers, on the projections lib. */
import { Module } from '@nestjs/common';
import { ReadController } from './read.controller.js';
import { ReadQueryHandler } from './read.queries.js';

@Module({ controllers: [ReadController], providers: [ReadQueryHandler] })
export class QueriesModule {}
