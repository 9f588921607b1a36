/** Query-string parameters of the GET routes. Every query accepts `minPosition` (read-your-writes). */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CYCLE_PAGE } from '#projections';
import { LIMITS } from '#domain';
import { ID_PATTERN, IdField } from '../dto/fields.js';

export class MinPositionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'wait (up to 5 s) until the read model has seen this log position',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}

export class ListCyclesQuery extends MinPositionQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(LIMITS.yearMin)
  @Max(LIMITS.yearMax)
  year?: number;
  @IdField({ optional: true }) clusterId?: string;
  @IdField({ optional: true }) provinceId?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: "the previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: CYCLE_PAGE.maxLimit, default: CYCLE_PAGE.defaultLimit })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CYCLE_PAGE.maxLimit)
  limit?: number;
}

export class StandingsQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    description: 'an ISO 8601 instant: the standings as they were then',
    example: '2021-01-05T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'a log position: the standings as they were there' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  atPosition?: number;
}

export class VerifyQuery extends MinPositionQuery {
  @ApiPropertyOptional({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) cycleId!: string;
}
