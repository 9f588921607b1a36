/**
 * class-validator's errors as problem details: every offending field by its path in the body
 * (`scores.0.points`), with a message per broken constraint (Vietnamese, or English on request).
 */
import type { ValidationError } from 'class-validator';
import { ProblemError, SHELL_PROBLEMS, type FieldErrors, type Lang } from './problem.js';

export interface FieldViolation {
  field: string;
  /** constraint name → class-validator's English message */
  constraints: Record<string, string>;
}

/** Vietnamese wording per class-validator constraint; unknown ones keep the English message. */
const VI: Readonly<Record<string, string>> = {
  whitelistValidation: 'trường này không được phép',
  isDefined: 'là bắt buộc',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isArray: 'phải là một danh sách',
  isObject: 'phải là một đối tượng',
  nestedValidation: 'phải là một đối tượng hợp lệ',
  isIn: 'không thuộc các giá trị cho phép',
  isEnum: 'không thuộc các giá trị cho phép',
  min: 'nhỏ hơn giá trị tối thiểu',
  max: 'lớn hơn giá trị tối đa',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  arrayNotEmpty: 'không được là danh sách rỗng',
  arrayUnique: 'có phần tử bị trùng',
  matches: 'không đúng định dạng',
  isDateString: 'phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601',
  isIso8601: 'phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601',
  isISO8601: 'phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601',
  isHexadecimal: 'phải là chuỗi thập lục phân',
  isPositive: 'phải là số dương',
  isTimeZone: 'không phải là múi giờ IANA hợp lệ',
  isRecordOf: 'có giá trị không hợp lệ',
  isRatio: 'phải là một tỉ lệ: số trong khoảng (0, 1], dạng "n/d" hoặc "n%"',
  isTieBreak: 'phải là danh sách các tiêu chí phân định thứ hạng cho phép',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property || '(body)';
    if (error.constraints && Object.keys(error.constraints).length > 0)
      out.push({ field, constraints: error.constraints });
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The ValidationPipe's exceptionFactory. */
export class ValidationProblem extends ProblemError {
  constructor(readonly violations: FieldViolation[]) {
    const entry = SHELL_PROBLEMS.VALIDATION_FAILED;
    super('VALIDATION_FAILED', entry.status, { vi: entry.vi, en: entry.en });
    this.name = 'ValidationProblem';
  }

  static fromClassValidator(errors: ValidationError[]): ValidationProblem {
    return new ValidationProblem(flattenValidationErrors(errors));
  }

  fieldErrors(lang: Lang): FieldErrors[] {
    return this.violations.map((v) => ({
      field: v.field,
      messages: Object.entries(v.constraints).map(([name, en]) => (lang === 'en' ? en : (VI[name] ?? en))),
    }));
  }
}
