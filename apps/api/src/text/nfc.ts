/**
 * Text is stored in Unicode NFC, so that Vietnamese typed on different keyboards (precomposed or
 * combining marks) compares equal. Applied to every body, query and path parameter before
 * validation, keys included.
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

export function toNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item) => toNfc(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a "__proto__" key stays an own (and rejected) field, never a prototype.
      Object.defineProperty(out, key.normalize('NFC'), {
        value: toNfc(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}

/** The global transform that normalizes incoming text before the ValidationPipe sees it. */
@Injectable()
export class NfcPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // No body at all reads as an empty object, so that validation names the missing fields.
    if (metadata.type === 'body' && value === undefined) return {};
    return toNfc(value);
  }
}
