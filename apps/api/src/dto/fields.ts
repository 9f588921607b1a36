/**
 * The field decorators the DTOs are made of: validation (class-validator), conversion
 * (class-transformer) and documentation (OpenAPI) stated once per kind of field.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { ID_PATTERN, KEY_PATTERN as ITEM_ID_PATTERN } from '#domain';

/** Ids (units, clusters, cycles, award kinds); criterion, bonus and penalty ids may also hold dots ("C1.1"). */
export { ID_PATTERN, ITEM_ID_PATTERN };
/** A date ("2020-12-31", the end of that day locally) or an ISO 8601 date-time with an offset. */
export const DUE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

type Opt = { optional?: boolean; description?: string; example?: unknown };

function doc(opt: Opt, schema: Record<string, unknown>) {
  const options = {
    ...schema,
    ...(opt.description ? { description: opt.description } : {}),
    ...(opt.example !== undefined ? { example: opt.example } : {}),
  };
  return opt.optional ? [IsOptional(), ApiPropertyOptional(options)] : [ApiProperty(options)];
}

/** An id usable in stream names and URLs (units, clusters, cycles, award kinds). */
export const IdField = (opt: Opt = {}) =>
  applyDecorators(...doc(opt, { type: String, pattern: ID_PATTERN.source }), IsString(), Matches(ID_PATTERN));

export const ItemIdField = (opt: Opt = {}) =>
  applyDecorators(...doc(opt, { type: String, pattern: ITEM_ID_PATTERN.source }), IsString(), Matches(ITEM_ID_PATTERN));

/** Free text read by people; stored in NFC (see NfcPipe). */
export const TextField = (max: number, opt: Opt & { min?: number } = {}) =>
  applyDecorators(
    ...doc(opt, { type: String, minLength: opt.min ?? 1, maxLength: max }),
    IsString(),
    MinLength(opt.min ?? 1),
    MaxLength(max),
  );

export const NumberField = (min: number, max: number, opt: Opt = {}) =>
  applyDecorators(
    ...doc(opt, { type: Number, minimum: min, maximum: max }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(min),
    Max(max),
  );

export const IntField = (min: number, max: number, opt: Opt = {}) =>
  applyDecorators(...doc(opt, { type: 'integer', minimum: min, maximum: max }), IsInt(), Min(min), Max(max));

export const BoolField = (opt: Opt = {}) => applyDecorators(...doc(opt, { type: Boolean }), IsBoolean());

export const EnumField = (values: readonly string[], opt: Opt = {}) =>
  applyDecorators(...doc(opt, { type: String, enum: [...values] }), IsIn([...values]));

export const DueField = (opt: Opt = {}) =>
  applyDecorators(
    ...doc(opt, { type: String, pattern: DUE_PATTERN.source, example: opt.example ?? '2020-12-15' }),
    IsString(),
    Matches(DUE_PATTERN, { message: '$property must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset' }),
  );

/** An array of nested DTOs, each validated. */
export const NestedArrayField = (type: () => new () => object, max: number, opt: Opt & { min?: number } = {}) =>
  applyDecorators(
    ...doc(opt, { type: () => [type()], minItems: opt.min ?? 0, maxItems: max }),
    IsArray(),
    ArrayMaxSize(max),
    ...(opt.min ? [ArrayMinSize(opt.min)] : []),
    // ValidateNested walks into an element that is itself an array and finds nothing to check:
    // each element must be an object of its own, so `[[]]` is refused by name, not let through.
    IsObject({ each: true, message: ({ property }) => `each element of ${property} must be an object` }),
    ValidateNested({ each: true }),
    Type(type),
  );

export const NestedField = (type: () => new () => object, opt: Opt = {}) =>
  applyDecorators(...doc(opt, { type: () => type() }), IsObject(), ValidateNested(), Type(type));

export const StringArrayField = (max: number, itemMax: number, opt: Opt = {}) =>
  applyDecorators(
    ...doc(opt, { type: [String], maxItems: max }),
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    MaxLength(itemMax, { each: true }),
  );

/**
 * A JSON object keyed by ids (award kinds, unit ids) whose values pass `valid`: class-validator
 * has no decorator for records with dynamic keys. `shape` documents the values in OpenAPI.
 */
export const RecordField = (
  valid: (value: unknown) => boolean,
  what: string,
  shape: Record<string, unknown>,
  opt: Opt = {},
) =>
  applyDecorators(
    ...doc(opt, { type: 'object', additionalProperties: shape }),
    ValidateBy({
      name: 'isRecordOf',
      validator: {
        validate: (value: unknown) => isRecord(value, valid),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an object keyed by ids whose values are ${what}`,
      },
    }),
  );

export function isRecord(value: unknown, valid: (item: unknown) => boolean, maxKeys = 1000): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= maxKeys && entries.every(([key, item]) => ID_PATTERN.test(key) && valid(item));
}
