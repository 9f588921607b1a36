/**
 * Input checks of the deciders. The HTTP layer validates shapes too, but the domain never trusts
 * its caller: a bad field is a VALIDATION_FAILED listing every offending field.
 */
import { DomainError, type FieldError } from './errors.js';
import { ID_PATTERN } from '../streams.js';
import { isWithinCycleWindow } from '../time/due-date.js';
import { LIMITS } from './limits.js';

/**
 * Text people read is stored trimmed and in Unicode NFC, so that keyboards compare equal. A value
 * that is not a string is left as it is: the deciders build their events while they validate, and
 * the check beside (`Problems.text`) has already refused it, so nothing is recorded from it.
 */
export function cleanText(value: string): string {
  return typeof value === 'string' ? value.normalize('NFC').trim() : value;
}

export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Names of Object.prototype's members (`toString`, `constructor`, `hasOwnProperty`...): ids are
 * keys of JSON records (points, ballots, tallies), where such a key reads the prototype's member
 * and class-transformer drops it from bodies. Refused as ids, so every id works end to end.
 */
export function isReservedId(value: string): boolean {
  return Object.getOwnPropertyNames(Object.prototype).includes(value);
}

const RESERVED_VI = 'mã này trùng tên dành riêng của hệ thống (như toString, constructor): hãy chọn mã khác';
const RESERVED_EN = 'this id is a reserved name (such as toString, constructor): choose another';

export class Problems {
  readonly list: FieldError[] = [];

  add(field: string, message: string, messageEn: string): void {
    this.list.push({ field, message, messageEn });
  }

  /** A non-empty text up to `max` characters. */
  text(field: string, value: unknown, max: number = LIMITS.text): value is string {
    if (typeof value !== 'string' || cleanText(value) === '') {
      this.add(field, 'bắt buộc, là một chuỗi ký tự không rỗng', 'required, a non-empty string');
      return false;
    }
    if (value.length > max) {
      this.add(field, `dài quá ${max} ký tự`, `longer than ${max} characters`);
      return false;
    }
    return true;
  }

  optionalText(field: string, value: unknown, max: number = LIMITS.text): void {
    if (value !== undefined) this.text(field, value, max);
  }

  id(field: string, value: unknown): value is string {
    if (typeof value === 'string' && isReservedId(value)) {
      this.add(field, RESERVED_VI, RESERVED_EN);
      return false;
    }
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      this.add(
        field,
        'mã không hợp lệ (chữ, số, "-" hoặc "_", tối đa 100 ký tự)',
        'invalid id (letters, digits, "-" or "_", at most 100 characters)',
      );
      return false;
    }
    return true;
  }

  /** An id that never enters a stream name (criteria, groups): dots allowed, as in "C1.1". */
  key(field: string, value: unknown): value is string {
    if (typeof value === 'string' && isReservedId(value)) {
      this.add(field, RESERVED_VI, RESERVED_EN);
      return false;
    }
    if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
      this.add(
        field,
        'mã không hợp lệ (chữ, số, ".", "-" hoặc "_", tối đa 100 ký tự)',
        'invalid id (letters, digits, ".", "-" or "_", at most 100 characters)',
      );
      return false;
    }
    return true;
  }

  array(field: string, value: unknown, options: { nonEmpty?: boolean; max?: number } = {}): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(field, 'phải là một danh sách', 'must be a list');
      return false;
    }
    if (options.nonEmpty && value.length === 0) {
      this.add(field, 'không được để trống', 'must not be empty');
      return false;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.add(field, `tối đa ${options.max} phần tử`, `at most ${options.max} items`);
      return false;
    }
    return true;
  }

  object(field: string, value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(field, 'phải là một đối tượng', 'must be an object');
      return false;
    }
    return true;
  }

  number(
    field: string,
    value: unknown,
    options: { min?: number; max?: number; integer?: boolean } = {},
  ): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(field, 'phải là một số', 'must be a number');
      return false;
    }
    if (options.integer && !Number.isInteger(value)) {
      this.add(field, 'phải là số nguyên', 'must be an integer');
      return false;
    }
    if (options.min !== undefined && value < options.min) {
      this.add(field, `không được nhỏ hơn ${options.min}`, `must not be less than ${options.min}`);
      return false;
    }
    if (options.max !== undefined && value > options.max) {
      this.add(field, `không được lớn hơn ${options.max}`, `must not be greater than ${options.max}`);
      return false;
    }
    return true;
  }

  /** Reports the second and later occurrences of a key. */
  unique(field: string, keys: readonly unknown[], what: string, whatEn: string): void {
    const seen = new Set<unknown>();
    keys.forEach((key, index) => {
      if (seen.has(key)) this.add(`${field}[${index}]`, `${what} bị trùng`, `duplicate ${whatEn}`);
      seen.add(key);
    });
  }

  throwIfAny(): void {
    if (this.list.length > 0) {
      throw new DomainError('VALIDATION_FAILED', {
        vi: `Dữ liệu không hợp lệ: ${this.list.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`,
        en: `Invalid input: ${this.list.map((problem) => problem.field).join(', ')}`,
        errors: this.list,
      });
    }
  }
}

/** A due date outside the cycle's window (see `cycleWindow`) is a typing error: refused naming the window. */
export function checkInCycleWindow(
  problems: Problems,
  field: string,
  dueAt: string,
  year: number,
  timeZone: string,
): void {
  if (!isWithinCycleWindow(dueAt, year, timeZone)) {
    problems.add(
      field,
      `phải trong khoảng từ ngày 01/01/${year - 1} đến ngày 31/12/${year + 2} (quanh năm ${year} của đợt thi đua)`,
      `must be between 01/01/${year - 1} and 31/12/${year + 2} (around the cycle's year ${year})`,
    );
  }
}

/** Validates with a fresh `Problems` and throws VALIDATION_FAILED if anything was reported. */
export function validate(check: (problems: Problems) => void): void {
  const problems = new Problems();
  check(problems);
  problems.throwIfAny();
}
