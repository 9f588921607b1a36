import { describe, expect, it } from '@jest/globals';
import { commandIdFor, derivedUuid } from './idempotency.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('ids made from an Idempotency-Key', () => {
  it('are shaped exactly as random command ids (version 4, RFC 9562 variant), for every key', () => {
    for (let i = 0; i < 500; i++) {
      expect(commandIdFor(SECRET, 'officer-an-phu', `key-${i}`)).toMatch(V4);
      expect(commandIdFor(SECRET, 'officer-an-phu', undefined)).toMatch(V4);
      expect(derivedUuid(SECRET, `receipt\u0000${i}`)).toMatch(V4);
    }
  });

  it('are stable for one caller and key, and differ across callers, keys and secrets', () => {
    const id = commandIdFor(SECRET, 'u', 'k');
    expect(commandIdFor(SECRET, 'u', 'k')).toBe(id);
    expect(
      new Set([
        id,
        commandIdFor(SECRET, 'v', 'k'),
        commandIdFor(SECRET, 'u', 'l'),
        commandIdFor(`${SECRET}!`, 'u', 'k'),
      ]).size,
    ).toBe(4);
  });
});
