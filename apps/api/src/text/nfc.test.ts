import { describe, it, expect } from '@jest/globals';
import { depthOf } from './depth-guard.js';
import { toNfc } from './nfc.js';

const NFD = 'Chợ Mới'.normalize('NFD');

describe('toNfc', () => {
  it('normalizes every string of a body, keys included, and keeps other values', () => {
    expect(NFD).not.toBe('Chợ Mới');
    const out = toNfc({ name: NFD, list: [NFD, 3, true, null], nested: { [NFD]: NFD } });
    expect(out).toEqual({ name: 'Chợ Mới', list: ['Chợ Mới', 3, true, null], nested: { 'Chợ Mới': 'Chợ Mới' } });
  });

  it('keeps a "__proto__" key an own field instead of setting the prototype', () => {
    const out = toNfc(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('depthOf', () => {
  it('measures nesting without recursion, stopping past the limit', () => {
    expect(depthOf({ a: [{ b: 1 }] }, 32)).toBe(3);
    expect(depthOf(1, 32)).toBe(0);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(depthOf(deep, 32)).toBe(33);
  });
});
