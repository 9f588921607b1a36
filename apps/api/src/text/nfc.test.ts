import { describe, it, expect } from '@jest/globals';
import { depthOf } from './depth-guard.js';
import { toNfc, toNfcOnce } from './nfc.js';

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

describe('toNfcOnce', () => {
  it('answers as toNfc, once per object: the same normalized copy for the same body', () => {
    const body = { name: NFD, list: [NFD] };
    const first = toNfcOnce(body);
    expect(first).toEqual(toNfc(body));
    expect(first).not.toBe(body);
    expect(toNfcOnce(body)).toBe(first);
    expect(toNfcOnce({ ...body })).not.toBe(first);
    expect(toNfcOnce(NFD)).toBe('Chợ Mới');
    expect(toNfcOnce(null)).toBeNull();
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
