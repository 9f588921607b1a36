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

/**
 * A request's body is normalized twice otherwise: for a command's request hash (the `CommandCtx`
 * parameter) and by the pipe below, both on the object the body parser made. The first answer is
 * kept for that object (neither caller changes it), so the second is a lookup.
 */
const normalized = new WeakMap<object, unknown>();

export function toNfcOnce<T>(value: T): T {
  if (value === null || typeof value !== 'object') return toNfc(value);
  if (!normalized.has(value)) normalized.set(value, toNfc(value));
  return normalized.get(value) as T;
}

/** The global transform that normalizes incoming text before the ValidationPipe sees it. */
@Injectable()
export class NfcPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // No body at all reads as an empty object, so that validation names the missing fields.
    if (metadata.type === 'body' && value === undefined) return {};
    return toNfcOnce(value);
  }
}
