/**
 * The per-stream hash chain and the one canonical JSON form it hashes. Adapter-neutral: the SQLite
 * and the EventStoreDB adapters, and an auditor with nothing but an export of the log, compute the
 * same hashes with these functions.
 */
import * as crypto from 'node:crypto';

/**
 * THE canonical JSON form (stated here and nowhere else):
 * - object keys sorted by UTF-16 code units (the default `Array.prototype.sort` order);
 * - no whitespace;
 * - strings, finite numbers, booleans and null written exactly as `JSON.stringify` writes them;
 * - an object property whose value is `undefined` is left out, as `JSON.stringify` leaves it out
 *   (this is how an absent optional field looks in TypeScript, and reading the JSON back gives the
 *   same form again);
 * - refused with a `CanonicalJsonError`: `undefined` anywhere else (top level, array element),
 *   non-finite numbers, BigInt, functions, symbols, cycles, and objects that are not plain
 *   (Date, Map, class instances...), because `JSON.stringify` would change or drop them silently.
 */
export function canonicalJson(value: unknown): string {
  // Most payloads are built with their keys already in order; for those the native
  // JSON.stringify writes exactly the canonical form, much faster than the writer below.
  if (writesCanonicallyAsIs(value, 0)) return JSON.stringify(value);
  const ancestors: object[] = [];
  try {
    return write(value, ancestors);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    // The fast path does not track where it is; walk again to name the offending value.
    throw locate(value, '$', []) ?? new CanonicalJsonError('$', err.reason);
  }
}

export class CanonicalJsonError extends Error {
  constructor(
    /** JSONPath-like location of the offending value, e.g. `$.items[2].price`. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * True when `JSON.stringify(value)` is already the canonical form: every value is one JSON can
 * represent faithfully, every object is plain and its keys come in sorted order. False sends the
 * value to the full writer, which sorts, and refuses with a located error. Depth stands in for
 * cycle detection: a cycle exceeds it and goes to the writer, which names it.
 */
function writesCanonicallyAsIs(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > 64) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!writesCanonicallyAsIs(value[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      let previous: string | undefined;
      for (const key in value) {
        if (previous !== undefined && !(previous < key)) return false;
        previous = key;
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && !writesCanonicallyAsIs(item, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

class Refusal {
  constructor(readonly reason: string) {}
}

/** Why `value` itself (not its children) cannot be written, or undefined if it can. */
function refusal(value: unknown, ancestors: object[]): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `is a non-finite number (${value})`;
    case 'object': {
      if (value === null || Array.isArray(value)) return ancestors.includes(value as object) ? 'is a cycle' : undefined;
      if (ancestors.includes(value)) return 'is a cycle';
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) return undefined;
      return `is a ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain'} object, not a plain JSON object`;
    }
    default:
      return `is ${typeof value}, which JSON cannot represent`;
  }
}

function write(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Refusal(`is a non-finite number (${value})`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      const reason = refusal(value, ancestors);
      if (reason) throw new Refusal(reason);
      ancestors.push(value);
      let out: string;
      if (Array.isArray(value)) {
        out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + write(value[i], ancestors);
        out += ']';
      } else {
        const record = value as Record<string, unknown>;
        out = '{';
        let first = true;
        for (const key of Object.keys(record).sort()) {
          const item = record[key];
          if (item === undefined) continue;
          out += (first ? '' : ',') + JSON.stringify(key) + ':' + write(item, ancestors);
          first = false;
        }
        out += '}';
      }
      ancestors.pop();
      return out;
    }
    default:
      throw new Refusal(`is ${typeof value}, which JSON cannot represent`);
  }
}

/** The slow walk: the first value that cannot be written, with its path. */
function locate(value: unknown, path: string, ancestors: object[]): CanonicalJsonError | undefined {
  const reason = refusal(value, ancestors);
  if (reason) return new CanonicalJsonError(path, reason);
  if (typeof value !== 'object' || value === null) return undefined;
  ancestors.push(value);
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [`${path}[${i}]`, item])
    : Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [`${path}.${key}`, (value as Record<string, unknown>)[key]]);
  for (const [childPath, child] of entries) {
    const found = locate(child, childPath, ancestors);
    if (found) return found;
  }
  ancestors.pop();
  return undefined;
}

/** What an event's hash covers. */
export interface HashedFields {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
  /** Hash of the previous event of the stream; null for revision 0. */
  prevHash: string | null;
}

/** sha256 (hex) of `canonicalJson({ streamId, revision, type, data, metadata, prevHash })`. */
export function hashEvent(event: HashedFields): string {
  return hashCanonicalEvent({
    ...event,
    dataJson: canonicalJson(event.data),
    metadataJson: canonicalJson(event.metadata),
  });
}

/**
 * The same hash as `hashEvent`, for a writer that already holds the canonical JSON of data and
 * metadata (the SQLite adapter stores exactly that text, so it serializes each payload once).
 * The string below IS `canonicalJson` of the six fields: its keys are written in sorted order.
 */
export function hashCanonicalEvent(event: {
  streamId: string;
  revision: number;
  type: string;
  dataJson: string;
  metadataJson: string;
  prevHash: string | null;
}): string {
  const canonical =
    '{"data":' +
    event.dataJson +
    ',"metadata":' +
    event.metadataJson +
    ',"prevHash":' +
    (event.prevHash === null ? 'null' : JSON.stringify(event.prevHash)) +
    ',"revision":' +
    JSON.stringify(event.revision) +
    ',"streamId":' +
    JSON.stringify(event.streamId) +
    ',"type":' +
    JSON.stringify(event.type) +
    '}';
  return sha256Hex(canonical);
}

/**
 * One-shot `crypto.hash` (Node >= 20.12) is several times cheaper than a `createHash` object, and
 * the hash is computed for every event appended; older Node versions fall back to `createHash`.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** An event as read back, with the hash the store recorded. */
export interface ChainedEvent extends HashedFields {
  hash: string;
}

export interface ChainBreak {
  /** Index in the list given to `verifyChain`. */
  index: number;
  streamId: string;
  revision: number;
  reason: string;
}

export interface ChainVerification {
  ok: boolean;
  checkedEvents: number;
  /** The first event that does not verify, in the order given. */
  firstBroken?: ChainBreak;
}

/**
 * Checks every event's hash, and that each event links to the one before it in its stream.
 * Events of several streams may be interleaved (as `readAll` returns them); within a stream they
 * must come in revision order. A stream's first event in the list is anchored only if its revision
 * is 0 (prevHash null); a partial read starting later is checked from its first event on.
 */
export function verifyChain(events: Iterable<ChainedEvent>): ChainVerification {
  const last = new Map<string, { revision: number; hash: string }>();
  let index = 0;
  for (const event of events) {
    const reason = brokenReason(event, last.get(event.streamId));
    if (reason) {
      return {
        ok: false,
        checkedEvents: index,
        firstBroken: { index, streamId: event.streamId, revision: event.revision, reason },
      };
    }
    last.set(event.streamId, { revision: event.revision, hash: event.hash });
    index++;
  }
  return { ok: true, checkedEvents: index };
}

function brokenReason(
  event: ChainedEvent,
  previous: { revision: number; hash: string } | undefined,
): string | undefined {
  if (previous) {
    if (event.revision !== previous.revision + 1) return `follows revision ${previous.revision} of its stream`;
    if (event.prevHash !== previous.hash) return 'prevHash is not the hash of the previous event';
  } else if (event.revision === 0 && event.prevHash !== null) {
    return 'is the first event of its stream but has a prevHash';
  }
  if (event.revision > 0 && event.prevHash === null) return 'has no prevHash although it is not the first event';
  let expected: string;
  try {
    expected = hashEvent(event);
  } catch (err) {
    return `cannot be hashed: ${(err as Error).message}`;
  }
  return expected === event.hash ? undefined : 'hash does not match its content';
}
