/** The read side of the API: the query routes and their handlers, on the projections lib. */
import { Module } from '@nestjs/common';
import { ReadController } from './read.controller.js';
import { QUERY_HANDLERS } from './read.queries.js';

@Module({ controllers: [ReadController], providers: [...QUERY_HANDLERS] })
export class QueriesModule {}
