/**
 * Input checks of the deciders. The HTTP layer validates shapes too, but the domain never trusts
 * its caller: a bad field is a VALIDATION_FAILED listing every offending field.
 */
import { DomainError, type FieldError } from './errors.js';
import { ID_PATTERN } from '../streams.js';
import { LIMITS } from './limits.js';

/** Text people read is stored trimmed and in Unicode NFC, so that keyboards compare equal. */
export function cleanText(value: string): string {
  return value.normalize('NFC').trim();
}

export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class Problems {
  readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** A non-empty text up to `max` characters. */
  text(field: string, value: unknown, max: number = LIMITS.text): value is string {
    if (typeof value !== 'string' || cleanText(value) === '') {
      this.add(field, 'bắt buộc, là một chuỗi ký tự không rỗng');
      return false;
    }
    if (value.length > max) {
      this.add(field, `dài quá ${max} ký tự`);
      return false;
    }
    return true;
  }

  optionalText(field: string, value: unknown, max: number = LIMITS.text): void {
    if (value !== undefined) this.text(field, value, max);
  }

  id(field: string, value: unknown): value is string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      this.add(field, 'mã không hợp lệ (chữ, số, "-" hoặc "_", tối đa 100 ký tự)');
      return false;
    }
    return true;
  }

  /** An id that never enters a stream name (criteria, groups): dots allowed, as in "C1.1". */
  key(field: string, value: unknown): value is string {
    if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
      this.add(field, 'mã không hợp lệ (chữ, số, ".", "-" hoặc "_", tối đa 100 ký tự)');
      return false;
    }
    return true;
  }

  array(field: string, value: unknown, options: { nonEmpty?: boolean; max?: number } = {}): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(field, 'phải là một danh sách');
      return false;
    }
    if (options.nonEmpty && value.length === 0) {
      this.add(field, 'không được để trống');
      return false;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.add(field, `tối đa ${options.max} phần tử`);
      return false;
    }
    return true;
  }

  object(field: string, value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(field, 'phải là một đối tượng');
      return false;
    }
    return true;
  }

  number(field: string, value: unknown, options: { min?: number; max?: number; integer?: boolean } = {}): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(field, 'phải là một số');
      return false;
    }
    if (options.integer && !Number.isInteger(value)) {
      this.add(field, 'phải là số nguyên');
      return false;
    }
    if (options.min !== undefined && value < options.min) {
      this.add(field, `không được nhỏ hơn ${options.min}`);
      return false;
    }
    if (options.max !== undefined && value > options.max) {
      this.add(field, `không được lớn hơn ${options.max}`);
      return false;
    }
    return true;
  }

  /** Reports the second and later occurrences of a key. */
  unique(field: string, keys: readonly unknown[], what: string): void {
    const seen = new Set<unknown>();
    keys.forEach((key, index) => {
      if (seen.has(key)) this.add(`${field}[${index}]`, `${what} bị trùng`);
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

/** Validates with a fresh `Problems` and throws VALIDATION_FAILED if anything was reported. */
export function validate(check: (problems: Problems) => void): void {
  const problems = new Problems();
  check(problems);
  problems.throwIfAny();
}
