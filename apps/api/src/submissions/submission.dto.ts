/** Bodies and path parameters of a unit's submissions and their review (api.md, "A unit's submissions"). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { LIMITS, SUBMISSION_KINDS } from '#domain';
import { CycleParams } from '../cycles/step.dto.js';
import {
  DueField,
  ID_PATTERN,
  IdField,
  IntField,
  ItemIdField,
  NestedArrayField,
  NumberField,
  TextField,
} from '../dto/fields.js';

export class UnitParams extends CycleParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) unitId!: string;
}

export class SubmissionParams extends UnitParams {
  @ApiProperty({ enum: [...SUBMISSION_KINDS] })
  @IsIn([...SUBMISSION_KINDS])
  submission!: (typeof SUBMISSION_KINDS)[number];
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

/**
 * Points for a self-scored item; figures (actual, unit, target if none registered) for a criterion scored from figures.
 */
export class ScoreLineDto {
  @ItemIdField({ description: 'a criterion, bonus or penalty item id' }) criterionId!: string;
  @NumberField(0, LIMITS.points, { optional: true }) points?: number;
  @NumberField(0, LIMITS.quantity, {
    optional: true,
    description: 'year-end figure of a criterion scored from figures',
  })
  actual?: number;
  @NumberField(0, LIMITS.quantity, {
    optional: true,
    description: 'the plan, when the unit registered no target for it',
  })
  target?: number;
  @TextField(LIMITS.measure, { optional: true, description: 'unit of measure of the figures, e.g. tỷ đồng' })
  unit?: string;
  @TextField(LIMITS.text, { optional: true }) evidence?: string;
  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: 'sha256 of uploaded attachments (POST /attachments) given as evidence',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[0-9a-f]{64}$/, { each: true, message: 'each attachment must be a sha256: 64 lower-case hex digits' })
  attachments?: string[];
}

export class SelfAssessmentDto {
  @NestedArrayField(() => ScoreLineDto, LIMITS.lines) scores!: ScoreLineDto[];
}

export class AcceptSubmissionDto {
  @IntField(1, LIMITS.version, { optional: true, description: 'the version reviewed (default: the latest)' })
  version?: number;
  @TextField(LIMITS.text, { optional: true }) note?: string;
}

export class ReturnSubmissionDto {
  @IntField(1, LIMITS.version, { optional: true, description: 'the version reviewed (default: the latest)' })
  version?: number;
  @TextField(LIMITS.text) reason!: string;
  @DueField({
    optional: true,
    description: 'the time given to correct it: a correction by then of an on-time version is not late',
  })
  correctBy?: string;
}

export class ReasonDto {
  @TextField(LIMITS.text) reason!: string;
}

export class ScoreAdjustmentDto {
  @ItemIdField() criterionId!: string;
  @NumberField(0, LIMITS.points) points!: number;
  @TextField(LIMITS.text) reason!: string;
}
