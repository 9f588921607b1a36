/**
 * THE leaf of the log's Merkle tree (stated here and in docs/transparency-log.md, nowhere else).
 * One leaf per event, in the log's global order; leaf index = the event's ordinal in the log
 * (0 for the first event), whatever gaps its positions have. Its bytes:
 *
 *   offset  size  field
 *   0       1     0x01, the version of this layout
 *   1       8     position: the event's global log position, unsigned big-endian
 *   9       8     revision: the event's revision in its stream, unsigned big-endian
 *   17      2     L: the byte length of the stream id in UTF-8, unsigned big-endian
 *   19      L     the stream id, UTF-8
 *   19+L    32    the event's own hash (`hash` of the envelope, its 64 hex digits decoded)
 *
 * The leaf hash is RFC 6962's SHA-256(0x00 ‖ leaf). The event's hash already covers its stream,
 * revision, type, data, metadata and the previous hash of its stream (libs/event-store's hash
 * chain); the leaf adds the position, which the chain does not cover, and repeats stream and
 * revision so that a leaf can be placed without the event.
 */
import type { RecordedEvent } from '#event-store';
import { sha256, type Hash } from './merkle.js';

export const LEAF_VERSION = 0x01;

/** What a leaf binds of an event. */
export type LeafFields = Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'hash'>;

const EVENT_HASH = /^[0-9a-f]{64}$/;

export function leafBytes(event: LeafFields): Buffer {
  return writeLeaf(event, 0);
}

/** The fields a leaf's bytes hold, or an error naming what is wrong with them. */
export function parseLeaf(leaf: Buffer): LeafFields {
  if (leaf.length < 19 + 32 || leaf[0] !== LEAF_VERSION) throw new Error('not a version-1 leaf');
  const length = leaf.readUInt16BE(17);
  if (leaf.length !== 19 + length + 32) throw new Error('leaf length does not match its stream id length');
  return {
    position: Number(leaf.readBigUInt64BE(1)),
    revision: Number(leaf.readBigUInt64BE(9)),
    streamId: leaf.subarray(19, 19 + length).toString('utf8'),
    hash: leaf.subarray(19 + length).toString('hex'),
  };
}

/** SHA-256(0x00 ‖ leaf), the leaf written straight after its prefix byte (the follower's hot path). */
export function eventLeafHash(event: LeafFields): Hash {
  const input = writeLeaf(event, 1);
  input[0] = 0x00;
  return sha256(input);
}

/** The leaf's bytes at `offset` of a new buffer (the bytes before it are left for the caller). */
function writeLeaf(event: LeafFields, offset: number): Buffer {
  const streamLength = Buffer.byteLength(event.streamId, 'utf8');
  if (streamLength > 0xffff) throw new RangeError('stream id longer than 65535 bytes');
  if (!EVENT_HASH.test(event.hash)) throw new RangeError(`event hash "${event.hash}" is not 64 lower-case hex digits`);
  const leaf = Buffer.allocUnsafe(offset + 19 + streamLength + 32);
  leaf[offset] = LEAF_VERSION;
  writeUint64(leaf, event.position, offset + 1, 'position');
  writeUint64(leaf, event.revision, offset + 9, 'revision');
  leaf.writeUInt16BE(streamLength, offset + 17);
  leaf.write(event.streamId, offset + 19, 'utf8');
  leaf.write(event.hash, offset + 19 + streamLength, 'hex');
  return leaf;
}

/** Unsigned big-endian, as two 32-bit halves: a safe integer needs no BigInt. */
function writeUint64(buffer: Buffer, value: number, offset: number, name: string): void {
  if (!(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`${name} ${value} is not an integer >= 0`);
  buffer.writeUInt32BE(Math.floor(value / 2 ** 32), offset);
  buffer.writeUInt32BE(value >>> 0, offset + 4);
}
