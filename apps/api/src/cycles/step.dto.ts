/** Bodies and path parameters of the step routes. */
import { IsEmpty, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { LIMITS, REOPENABLE_STEPS, SCHEDULE_STEPS, SUBMISSION_STEPS } from '#domain';
import { DATE_PATTERN, DueField, EnumField, ID_PATTERN, IdField, TextField } from '../dto/fields.js';

export class CycleParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) cycleId!: string;
}

export class SubmissionStepParams extends CycleParams {
  @ApiProperty({ enum: [...SUBMISSION_STEPS] }) @IsIn([...SUBMISSION_STEPS]) step!: (typeof SUBMISSION_STEPS)[number];
}

export class ReopenableStepParams extends CycleParams {
  @ApiProperty({ enum: [...REOPENABLE_STEPS] }) @IsIn([...REOPENABLE_STEPS]) step!: (typeof REOPENABLE_STEPS)[number];
}

export class ScheduleStepParams extends CycleParams {
  @ApiProperty({ enum: [...SCHEDULE_STEPS] }) @IsIn([...SCHEDULE_STEPS]) step!: (typeof SCHEDULE_STEPS)[number];
}

/**
 * A body with no fields (any field is unknown: 400). The one declared property gives class-validator metadata to check
 * against.
 */
export class EmptyDto {
  @IsOptional() @IsEmpty() readonly _?: never;
}

export class CloseStepDto {
  @TextField(LIMITS.text, { optional: true }) summary?: string;
}

export class ReopenStepDto {
  @TextField(LIMITS.text) reason!: string;
}

export class DissolveUnitDto {
  @EnumField(['dissolved', 'merged']) how!: 'dissolved' | 'merged';
  @IdField({ optional: true, description: 'the unit it was merged into' }) mergedInto?: string;
  @TextField(LIMITS.code, { example: '1234/NQ-UBTVQH15' }) decisionNo!: string;
  @ApiProperty({ pattern: DATE_PATTERN.source, example: '2025-07-01' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'effectiveOn must be a date YYYY-MM-DD' })
  effectiveOn!: string;
  @TextField(LIMITS.text) reason!: string;
}

export class ReplaceLeaderDto {
  @EnumField(['leader', 'deputy']) role!: 'leader' | 'deputy';
  @IdField() unitId!: string;
  @TextField(LIMITS.text) reason!: string;
}

export class CancelCycleDto {
  @TextField(LIMITS.text) reason!: string;
  @TextField(LIMITS.code, { optional: true }) decisionNo?: string;
}

export class DissolvedUnitParams extends CycleParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) unitId!: string;
}

export class ExtendDueDateDto {
  @DueField() due!: string;
  @IdField({ optional: true, description: 'one unit only' }) unitId?: string;
  @TextField(LIMITS.text) reason!: string;
}
