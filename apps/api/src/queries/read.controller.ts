/** The GET routes of api.md ("Cycle", "Vote", "Reading and auditing"). */
import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { CycleParams } from '../cycles/step.dto.js';
import { IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN } from '../dto/fields.js';
import { ListCyclesQuery as ListCyclesParams, MinPositionQuery, StandingsQuery, VerifyQuery } from './query.dto.js';
import {
  GetAuditTrailQuery,
  GetCycleEventsQuery,
  GetCycleQuery,
  GetStandingsQuery,
  GetUnitDeadlinesQuery,
  GetVoteQuery,
  ListCyclesQuery,
  VerifyCycleQuery,
} from './read.queries.js';

class UnitOnlyParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) unitId!: string;
}

@ApiTags('reading and auditing')
@ApiBearerAuth('bearer')
@ApiServiceUnavailableResponse({ description: 'the read model did not reach minPosition within 5 s (READ_MODEL_BEHIND): retry' })
@Controller()
export class ReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cycles')
  @ApiOperation({ summary: 'the cycles, by year then cluster' })
  @ApiOkResponse({ description: '{ items: [...] }' })
  list(@QueryParams() q: ListCyclesParams) {
    return this.queries.execute(new ListCyclesQuery(q.minPosition, { ...(q.year !== undefined ? { year: q.year } : {}), ...(q.clusterId ? { clusterId: q.clusterId } : {}) }));
  }

  @Get('cycles/:cycleId')
  @ApiOperation({ summary: "configuration, each step's status and due date, each unit's state per step" })
  @ApiNotFoundResponse({ description: 'unknown cycle' })
  cycle(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery) {
    return this.queries.execute(new GetCycleQuery(q.minPosition, p.cycleId));
  }

  @Get('cycles/:cycleId/standings')
  @ApiOperation({ summary: 'the standings now, as of a moment (asOf) or a log position (atPosition)' })
  standings(@Param() p: CycleParams, @QueryParams() q: StandingsQuery) {
    return this.queries.execute(
      new GetStandingsQuery(q.minPosition, p.cycleId, { ...(q.asOf !== undefined ? { asOf: q.asOf } : {}), ...(q.atPosition !== undefined ? { atPosition: q.atPosition } : {}) }),
    );
  }

  @Get('cycles/:cycleId/audit-trail')
  @Roles('auditor', 'province', 'leader')
  @ApiOperation({ summary: 'every decision in order; a ballot shows that a unit voted, never how' })
  auditTrail(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.queries.execute(new GetAuditTrailQuery(q.minPosition, p.cycleId, who.caller, who.actingRole));
  }

  @Get('cycles/:cycleId/events')
  @Roles('auditor')
  @ApiOperation({ summary: "the cycle's raw events with metadata and hashes (ballot contents only through the vote, after close)" })
  events(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery) {
    return this.queries.execute(new GetCycleEventsQuery(q.minPosition, p.cycleId));
  }

  @Get('cycles/:cycleId/vote')
  @ApiOperation({ summary: 'status, roster, who took part; after close the result and the ballots without voters, shuffled' })
  vote(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery) {
    return this.queries.execute(new GetVoteQuery(q.minPosition, p.cycleId));
  }

  @Get('audit/verify')
  @Roles('auditor')
  @ApiOperation({ summary: "verifies the hash chains of the cycle's streams: { ok, checkedEvents, firstBroken? }" })
  verify(@QueryParams() q: VerifyQuery) {
    return this.queries.execute(new VerifyCycleQuery(q.minPosition, q.cycleId));
  }

  @Get('units/:unitId/deadlines')
  @Roles('unit', 'leader')
  @ApiOperation({ summary: "the unit's coming due dates across cycles" })
  deadlines(@Param() p: UnitOnlyParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.queries.execute(new GetUnitDeadlinesQuery(q.minPosition, p.unitId, who.caller, who.actingRole));
  }
}
