/** `POST /cycles`: the whole configuration of a cycle (docs/api.md, "Cycle"). */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { FORMULA_DIRECTIONS, LIMITS, TIE_BREAKERS } from '#domain';
import {
  BoolField,
  DueField,
  EnumField,
  IdField,
  IntField,
  ItemIdField,
  NestedArrayField,
  NestedField,
  NumberField,
  StringArrayField,
  TextField,
} from '../dto/fields.js';

export class MemberUnitDto {
  @IdField({ example: 'an-phu' }) id!: string;
  @TextField(LIMITS.name, { example: 'Huyện An Phú' }) name!: string;
}

/** How a quantitative criterion's figures become points (see the domain's `PointsFormula`). */
export class PointsFormulaDto {
  @EnumField([...FORMULA_DIRECTIONS]) direction!: (typeof FORMULA_DIRECTIONS)[number];
  @NumberField(0, 10, {
    optional: true,
    description: 'the rate actual/target earning the maximum (default 1 = 100%)',
    example: 1.2,
  })
  fullAt?: number;
}

export class CriterionDto {
  @ItemIdField({ example: 'C1.1' }) id!: string;
  @TextField(LIMITS.title) title!: string;
  @NumberField(0, LIMITS.points) maxPoints!: number;
  @EnumField(['quantitative', 'qualitative'], { optional: true }) kind?: 'quantitative' | 'qualitative';
  @TextField(LIMITS.measure, { optional: true, description: 'unit of a quantitative criterion, e.g. %' }) unit?: string;
  @NestedField(() => PointsFormulaDto, { optional: true, description: 'a quantitative criterion scored from figures' })
  formula?: PointsFormulaDto;
  @NumberField(0, LIMITS.points, { optional: true, description: 'fewer points make the unit ineligible (điểm liệt)' })
  disqualifyingBelow?: number;
  @BoolField({ optional: true, description: 'a penalty item: any points make the unit ineligible (không xét)' })
  disqualifying?: boolean;
}

export class EligibilityDto {
  @BoolField({ optional: true, description: 'default: true for years before 2024' }) registrationRequired?: boolean;
  @NumberField(0, 100_000, { optional: true }) minimumTotal?: number;
}

export class CriteriaGroupDto {
  @ItemIdField({ example: 'G1' }) id!: string;
  @TextField(LIMITS.title) title!: string;
  @NestedArrayField(() => CriterionDto, LIMITS.criteriaPerGroup, { min: 1 }) criteria!: CriterionDto[];
}

export class CriteriaDto {
  @NestedArrayField(() => CriteriaGroupDto, LIMITS.criteriaGroups, { min: 1 }) groups!: CriteriaGroupDto[];
  @NestedArrayField(() => CriterionDto, LIMITS.extraItems, { optional: true }) bonus?: CriterionDto[];
  @NestedArrayField(() => CriterionDto, LIMITS.extraItems, { optional: true }) penalty?: CriterionDto[];
}

export class AwardQuotaDto {
  @IdField({ example: 'emulation-flag' }) kind!: string;
  @IntField(1, LIMITS.quota) quota!: number;
}

/** A ratio as a number (0.7), "n/d" ("2/3") or "n%" ("70%"). */
const IsRatioInput = () =>
  ValidateBy({
    name: 'isRatio',
    validator: {
      validate: (v: unknown) =>
        (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 1) ||
        (typeof v === 'string' && /^(\d+\/\d+|\d+(\.\d+)?%|0?\.\d+|1)$/.test(v)),
      defaultMessage: () => 'must be a ratio: a number in (0, 1], "n/d" or "n%"',
    },
  });

export class VoteRulesDto {
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }], example: '2/3' })
  @IsOptional()
  @IsRatioInput()
  quorum?: number | string;

  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }], example: 0.7 })
  @IsOptional()
  @IsRatioInput()
  passThreshold?: number | string;

  @EnumField(['ballots-cast', 'members'], { optional: true }) of?: 'ballots-cast' | 'members';
}

export class ScheduleDto {
  @DueField() registration!: string;
  @DueField() 'mid-year-review'!: string;
  @DueField() 'self-assessment'!: string;
  @DueField() vote!: string;
  @DueField() nomination!: string;
  @DueField() decision!: string;
}

export class NotificationSettingsDto {
  @StringArrayField(LIMITS.reminders, 40, { optional: true, example: ['P7D', 'P3D', 'P1D'] }) reminders?: string[];
  @TextField(5, { optional: true, example: '08:00' }) at?: string;
  @TextField(40, { optional: true, example: 'P1D' }) escalateAfter?: string;
  @StringArrayField(LIMITS.holidays, 10, {
    optional: true,
    example: ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'],
    description:
      'days off besides weekends (Tết, national holidays), YYYY-MM-DD: a whole-day reminder due on one goes out the working day before, an escalation the working day after',
  })
  holidays?: string[];
}

export class OpenCycleDto {
  @IdField({ optional: true, description: 'default: <clusterId>-<year>' }) cycleId?: string;
  @IdField({ example: 'ag-cum-2' }) clusterId!: string;
  @TextField(LIMITS.name) clusterName!: string;
  @IdField({ example: 'an-giang' }) provinceId!: string;
  @IntField(LIMITS.yearMin, LIMITS.yearMax, { example: 2020 }) year!: number;
  @NestedArrayField(() => MemberUnitDto, LIMITS.units, { min: 1 }) units!: MemberUnitDto[];
  @IdField() leaderUnitId!: string;
  @IdField({ optional: true }) deputyUnitId?: string;
  @NestedField(() => CriteriaDto) criteria!: CriteriaDto;
  @NestedArrayField(() => AwardQuotaDto, LIMITS.awards, { optional: true }) awards?: AwardQuotaDto[];
  @NestedField(() => VoteRulesDto, { optional: true }) voteRules?: VoteRulesDto;
  @ApiPropertyOptional({ type: [String], enum: [...TIE_BREAKERS] })
  @IsOptional()
  @ValidateBy({
    name: 'isTieBreak',
    validator: {
      validate: (v: unknown) =>
        Array.isArray(v) &&
        v.length <= TIE_BREAKERS.length &&
        v.every((x) => (TIE_BREAKERS as readonly unknown[]).includes(x)),
      defaultMessage: () => `must be a list of ${TIE_BREAKERS.join(', ')}`,
    },
  })
  tieBreak?: (typeof TIE_BREAKERS)[number][];
  @NestedField(() => ScheduleDto) schedule!: ScheduleDto;
  @NestedField(() => NotificationSettingsDto, { optional: true }) notifications?: NotificationSettingsDto;
  @TextField(64, { optional: true, example: 'Asia/Ho_Chi_Minh' }) timeZone?: string;
  @NestedField(() => EligibilityDto, { optional: true }) eligibility?: EligibilityDto;
}
