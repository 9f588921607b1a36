/** Query parameters of the proof routes. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class InclusionQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: "the event's global log position" })
  @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) position!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'the size of the tree (a signed checkpoint) to prove against' })
  @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) treeSize!: number;
}

export class ConsistencyQuery {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the older tree size' })
  @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) from!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'the newer tree size' })
  @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) to!: number;
}

export class BundleQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'the size of an older checkpoint you kept: the bundle carries the consistency proof from it' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) since?: number;
}
