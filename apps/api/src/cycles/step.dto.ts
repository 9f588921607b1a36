/** Bodies and path parameters of the step routes. */
import { IsEmpty, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { LIMITS, REOPENABLE_STEPS, SCHEDULE_STEPS, SUBMISSION_STEPS } from '#domain';
import { DueField, ID_PATTERN, IdField, TextField } from '../dto/fields.js';

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

/** A body with no fields (any field is unknown: 400). The one declared property gives class-validator metadata to check against. */
export class EmptyDto {
  @IsOptional() @IsEmpty() readonly _?: never;
}

export class CloseStepDto {
  @TextField(LIMITS.text, { optional: true }) summary?: string;
}

export class ReopenStepDto {
  @TextField(LIMITS.text) reason!: string;
}

export class ExtendDueDateDto {
  @DueField() due!: string;
  @IdField({ optional: true, description: 'one unit only' }) unitId?: string;
  @TextField(LIMITS.text) reason!: string;
}
