/**
 * Idempotency derived from the log. A command sent with an `Idempotency-Key` gets a command id
 * computed from the caller and the key (keyed with the server's secret), so a retry, even after a
 * crash, carries the same id; the handler finds the events already bearing it in the stream it
 * loads anyway and answers from them. The request hash tells a true retry from a reused key.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { canonicalJson } from '#event-store';
import { toNfcOnce } from '../text/nfc.js';

/**
 * A UUID from a secret and a name, shaped exactly as a random one (version 4, RFC 9562 variant):
 * the HMAC's bits are as unpredictable as random ones to anyone without the secret, so an id made
 * from an `Idempotency-Key` cannot be told from a fresh one. (A distinct version nibble would tell
 * an auditor which voters sent a key, and follow one voter from receipt to ballot.)
 */
export function derivedUuid(secret: string, name: string): string {
  const hex = createHmac('sha256', secret).update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function commandIdFor(secret: string, userId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined
    ? randomUUID()
    : derivedUuid(secret, `command\u0000${userId}\u0000${idempotencyKey}`);
}

/**
 * The key of request hashes, derived from the server's secret. Keyed because a ballot's body has
 * few possible values: an unkeyed hash in the voter's `BallotCast` envelope could be reversed by
 * trying them all, which would tell how the unit voted.
 */
export function requestHashKeyFor(secret: string): string {
  return createHmac('sha256', secret).update('request-hash').digest('hex');
}

/** HMAC-SHA256 over the route and the body as the server understands it (NFC text, canonical JSON). */
export function requestHashOf(key: string, method: string, path: string, body: unknown): string {
  const normalized = toNfcOnce(body === undefined ? null : body);
  let json: string;
  try {
    json = canonicalJson({ method: method.toUpperCase(), path, body: normalized });
  } catch {
    json = JSON.stringify({ method: method.toUpperCase(), path, body: normalized });
  }
  return createHmac('sha256', key).update(json).digest('hex');
}

/** Runs work for one key at a time (concurrent duplicates wait for the first and then replay). */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return work();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
