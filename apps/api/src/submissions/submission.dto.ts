/** Bodies and path parameters of a unit's submissions and their review (docs/api.md, "A unit's submissions"). */
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { LIMITS, SUBMISSION_KINDS } from '#domain';
import { CycleParams } from '../cycles/step.dto.js';
import { ID_PATTERN, IdField, IntField, ItemIdField, NestedArrayField, NumberField, TextField } from '../dto/fields.js';

export class UnitParams extends CycleParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) unitId!: string;
}

export class SubmissionParams extends UnitParams {
  @ApiProperty({ enum: [...SUBMISSION_KINDS] }) @IsIn([...SUBMISSION_KINDS]) submission!: (typeof SUBMISSION_KINDS)[number];
}

export class TargetDto {
  @ItemIdField() criterionId!: string;
  @NumberField(0, LIMITS.quantity) target!: number;
  @TextField(LIMITS.text, { optional: true }) note?: string;
}

export class RegistrationDto {
  @IdField({ optional: true, example: 'emulation-flag' }) aimedAward?: string;
  @NestedArrayField(() => TargetDto, LIMITS.lines) targets!: TargetDto[];
}

export class ProgressDto {
  @ItemIdField() criterionId!: string;
  @NumberField(-LIMITS.quantity, LIMITS.quantity) actual!: number;
  @TextField(LIMITS.text, { optional: true }) note?: string;
}

export class MidYearReportDto {
  @NestedArrayField(() => ProgressDto, LIMITS.lines) progress!: ProgressDto[];
  @TextField(LIMITS.text, { optional: true }) summary?: string;
}

export class ScoreLineDto {
  @ItemIdField({ description: 'a criterion, bonus or penalty item id' }) criterionId!: string;
  @NumberField(0, LIMITS.points) points!: number;
  @TextField(LIMITS.text, { optional: true }) evidence?: string;
}

export class SelfAssessmentDto {
  @NestedArrayField(() => ScoreLineDto, LIMITS.lines) scores!: ScoreLineDto[];
}

export class AcceptSubmissionDto {
  @IntField(1, LIMITS.version, { optional: true, description: 'the version reviewed (default: the latest)' }) version?: number;
  @TextField(LIMITS.text, { optional: true }) note?: string;
}

export class ReturnSubmissionDto {
  @IntField(1, LIMITS.version, { optional: true, description: 'the version reviewed (default: the latest)' }) version?: number;
  @TextField(LIMITS.text) reason!: string;
}

export class ScoreAdjustmentDto {
  @ItemIdField() criterionId!: string;
  @NumberField(0, LIMITS.points) points!: number;
  @TextField(LIMITS.text) reason!: string;
}
