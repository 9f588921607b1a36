/** Query parameters of the proof routes. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class InclusionQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: "the event's global log position" })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  position!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'the size of the tree (a signed checkpoint) to prove against',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize!: number;
}

export class ConsistencyQuery {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the older tree size' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'the newer tree size' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}

export class BundleQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'the size of an older checkpoint you kept: the bundle carries the consistency proof from it',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  since?: number;
}

const RATIO = /^(\d+\/\d+|\d+(\.\d{1,4})?%|0?\.\d{1,6}|1)$/;

/** Alternative rules of `GET /cycles/{cycleId}/what-if`; each left out keeps the cycle's own. */
export class WhatIfQuery {
  @ApiPropertyOptional({ description: 'quorum: a ratio of member units ("2/3", "60%", 0.5)', example: '1/2' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(RATIO, { message: 'phải là một tỷ lệ như 2/3, 60% hoặc 0.5' })
  quorum?: string;

  @ApiPropertyOptional({ description: 'pass threshold: a ratio ("7/10", "90%", 0.5)', example: '90%' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(RATIO, { message: 'phải là một tỷ lệ như 7/10, 90% hoặc 0.5' })
  passThreshold?: string;

  @ApiPropertyOptional({ enum: ['ballots-cast', 'members'], description: 'what the threshold is a ratio of' })
  @IsOptional()
  @IsIn(['ballots-cast', 'members'])
  of?: 'ballots-cast' | 'members';

  @ApiPropertyOptional({
    description: 'tie-break keys in order, comma-separated: final-score, first-group, vote',
    example: 'first-group,final-score',
  })
  @IsOptional()
  @IsString()
  @Matches(/^(final-score|first-group|vote)(,(final-score|first-group|vote)){0,2}$/, {
    message: 'các khóa final-score, first-group, vote, cách nhau bằng dấu phẩy',
  })
  tieBreak?: string;
}
