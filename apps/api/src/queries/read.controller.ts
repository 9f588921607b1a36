/** The GET routes of docs/api.md ("Cycle", "Vote", "Reading and auditing"). */
import { Controller, Get, Inject, Param, Query as QueryParams } from '@nestjs/common';
import type { EventStore } from '#event-store';
import { readCycleLog, type TransparencyLog } from '#transparency';
import { EVENT_STORE, TRANSPARENCY_LOG } from '../shell/tokens.js';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { CycleParams } from '../cycles/step.dto.js';
import { IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN } from '../dto/fields.js';
import { ListCyclesQuery, MinPositionQuery, StandingsQuery, VerifyQuery } from './query.dto.js';
import { found, visibleCycle, visibleCyclePage } from './read-side.js';
import { UnitParams } from '../submissions/submission.dto.js';
import { auditTrail, ReadQuery, unitDeadlines, unitSubmissions, type Read } from './read.queries.js';
import { returnNotesFor } from './return-notes.js';

/** A ballot's receipt as the domain makes them (8 to 128 URL-safe characters). */
class ReceiptParams extends CycleParams {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{8,128}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,128}$/, { message: 'receipt must be 8 to 128 letters, digits, - or _' })
  receipt!: string;
}

class UnitOnlyParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) unitId!: string;
}

@ApiTags('reading and auditing')
@ApiBearerAuth('bearer')
@ApiServiceUnavailableResponse({
  description: 'the read model did not reach minPosition within 5 s (READ_MODEL_BEHIND): retry',
})
@Controller()
export class ReadController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private read<T>(minPosition: number | undefined, read: Read<T>): Promise<T> {
    return this.queries.execute(new ReadQuery(minPosition, read));
  }

  @Get('cycles')
  @ApiOperation({
    summary: 'the cycles by year then cluster, a page at a time; filters: year, cluster, province, status',
  })
  @ApiOkResponse({ description: '{ items: [...], nextCursor: string | null }' })
  list(@QueryParams() q: ListCyclesQuery, @CurrentCaller() who: CallerContext) {
    const { year, clusterId, provinceId, status, cursor, limit } = q;
    const filter = defined({ year, clusterId, provinceId, status });
    const page = defined({ cursor, limit });
    return this.read(q.minPosition, (models) => visibleCyclePage(models, filter, page, who.caller));
  }

  @Get('cycles/:cycleId')
  @ApiOperation({ summary: "configuration, each step's status and due date, each unit's state per step" })
  @ApiOkResponse({
    description:
      'a returned submission (`units[].steps.<step>.returned`) and returned nominations (`nominations.returned`) carry ' +
      "`{ reason, at, role, correctByAt? }`, shown to auditors, the province, the cycle's leaders and the unit it went back to",
  })
  @ApiNotFoundResponse({ description: 'unknown cycle' })
  cycle(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, async (models) =>
      returnNotesFor(await visibleCycle(models, p.cycleId, who.caller), who.caller),
    );
  }

  @Get('cycles/:cycleId/units/:unitId/submissions')
  @Roles('unit', 'leader', 'province', 'auditor')
  @ApiOperation({
    summary:
      "a unit's registration, mid-year report and self-assessment: every version with its content, submittedAt, " +
      'late and review (accepted or returned: reason, role, at), and the score adjustments (from, to, reason)',
  })
  @ApiNotFoundResponse({ description: 'unknown cycle, or a unit that is not a member' })
  submissions(@Param() p: UnitParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, unitSubmissions(p.cycleId, p.unitId, who));
  }

  @Get('cycles/:cycleId/standings')
  @ApiOperation({ summary: 'the standings now, as of a moment (asOf) or a log position (atPosition)' })
  standings(@Param() p: CycleParams, @QueryParams() q: StandingsQuery, @CurrentCaller() who: CallerContext) {
    const at = {
      ...(q.asOf !== undefined ? { asOf: q.asOf } : {}),
      ...(q.atPosition !== undefined ? { atPosition: q.atPosition } : {}),
    };
    return this.read(q.minPosition, async (models) => {
      await visibleCycle(models, p.cycleId, who.caller);
      return found(await models.standings(p.cycleId, at));
    });
  }

  @Get('cycles/:cycleId/audit-trail')
  @Roles('auditor', 'province', 'leader')
  @ApiOperation({ summary: 'every decision in order; a ballot shows that a unit voted, never how' })
  auditTrail(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, auditTrail(p.cycleId, who));
  }

  @Get('cycles/:cycleId/events')
  @Roles('auditor')
  @ApiOperation({
    summary: "the cycle's raw events with metadata and hashes (ballot contents only through the vote, after close)",
  })
  events(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, async (models) => {
      await visibleCycle(models, p.cycleId, who.caller);
      return { cycleId: p.cycleId, events: found(await models.cycleEvents(p.cycleId)) };
    });
  }

  @Get('cycles/:cycleId/vote')
  @ApiOperation({
    summary:
      'status, roster, who took part, publishBallots; a paper tally (present, blank, spoiled, minutesRef); after close the result, and the ballots without voters, shuffled, only if the round was opened with publishBallots',
  })
  vote(@Param() p: CycleParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, async (models) => {
      await visibleCycle(models, p.cycleId, who.caller);
      return found(await models.vote(p.cycleId));
    });
  }

  @Get('cycles/:cycleId/vote/receipts/:receipt')
  @ApiOperation({
    summary:
      'whether the ballot of this receipt was counted when the round closed: counted or not, nothing else (receipt-freeness)',
  })
  voteReceipt(@Param() p: ReceiptParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, async (models) => {
      await visibleCycle(models, p.cycleId, who.caller);
      return found(await models.voteReceipt(p.cycleId, p.receipt));
    });
  }

  @Get('audit/verify')
  @Roles('auditor')
  @ApiOperation({
    summary:
      "verifies the hash chains of the cycle's streams and the signed tree: { ok, checkedEvents, firstBroken?, tree: { treeSize, root, checkpoint, ... } }",
  })
  verify(@QueryParams() q: VerifyQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, async (models) => {
      await visibleCycle(models, q.cycleId, who.caller);
      const chains = found(await models.verify(q.cycleId));
      // The tree's root and size against the latest checkpoint, and each of the cycle's events against its leaf.
      await this.log.sync();
      const tree = this.log.audit((await readCycleLog(this.store, q.cycleId)) ?? []);
      return { ...chains, ok: chains.ok && tree.ok, tree };
    });
  }

  @Get('units/:unitId/deadlines')
  @Roles('unit', 'leader')
  @ApiOperation({ summary: "the unit's coming due dates across cycles" })
  deadlines(@Param() p: UnitOnlyParams, @QueryParams() q: MinPositionQuery, @CurrentCaller() who: CallerContext) {
    return this.read(q.minPosition, unitDeadlines(p.unitId, who));
  }
}

/** The object without its undefined properties (optional query parameters left out). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
