/**
 * The leaf's bytes (leaf.ts) against the layout written out by hand with Node's own encoders: the
 * follower's hot path copies stream ids and hex digits in loops of its own.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { eventLeafHash, leafBytes, parseLeaf, writeEventLeafHash, type LeafFields } from '#transparency';

function byHand(event: LeafFields): Buffer {
  const stream = Buffer.from(event.streamId, 'utf8');
  const head = Buffer.alloc(19);
  head[0] = 0x01;
  head.writeBigUInt64BE(BigInt(event.position), 1);
  head.writeBigUInt64BE(BigInt(event.revision), 9);
  head.writeUInt16BE(stream.length, 17);
  return Buffer.concat([head, stream, Buffer.from(event.hash, 'hex')]);
}

const HASH = createHash('sha256').update('an event').digest('hex');

describe('a leaf', () => {
  const events: LeafFields[] = [
    { position: 1, revision: 0, streamId: 'unit-2020.a', hash: HASH },
    { position: 2 ** 40 + 7, revision: 2 ** 33 + 1, streamId: 'đơn-vị-2020/Ánh 😀', hash: HASH },
    { position: Number.MAX_SAFE_INTEGER, revision: 0xffffffff, streamId: '', hash: HASH },
    { position: 3, revision: 5, streamId: 'x'.repeat(700), hash: HASH },
  ];

  it.each(events)('is the layout of leaf.ts, byte for byte (%#)', (event) => {
    expect(leafBytes(event).equals(byHand(event))).toBe(true);
    expect(parseLeaf(leafBytes(event))).toEqual(event);
    const target = Buffer.alloc(40);
    writeEventLeafHash(event, target, 5);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), byHand(event)]))
      .digest();
    expect(target.subarray(5, 37).equals(expected)).toBe(true);
    expect(eventLeafHash(event).equals(expected)).toBe(true);
  });

  it('reads upper-case digits as Buffer does, and refuses anything else', () => {
    const upper = { ...events[0]!, hash: HASH.toUpperCase() };
    expect(leafBytes(upper).equals(byHand(events[0]!))).toBe(true);
    for (const hash of [
      'g' + HASH.slice(1),
      HASH.slice(0, 63) + 'é',
      HASH.slice(0, 62) + ' 1',
      HASH.slice(1),
      '€'.repeat(64),
    ])
      expect(() => leafBytes({ ...events[0]!, hash })).toThrow(/is not 64 hex digits/);
    expect(() => leafBytes({ ...events[0]!, streamId: 'é'.repeat(40_000) })).toThrow(/longer than 65535/);
  });
});
