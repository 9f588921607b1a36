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
import { leafHash, type Hash } from './merkle.js';

export const LEAF_VERSION = 0x01;

/** What a leaf binds of an event. */
export type LeafFields = Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'hash'>;

export function leafBytes(event: LeafFields): Buffer {
  const stream = Buffer.from(event.streamId, 'utf8');
  if (stream.length > 0xffff) throw new RangeError('stream id longer than 65535 bytes');
  if (!/^[0-9a-f]{64}$/.test(event.hash))
    throw new RangeError(`event hash "${event.hash}" is not 64 lower-case hex digits`);
  const leaf = Buffer.alloc(1 + 8 + 8 + 2 + stream.length + 32);
  leaf.writeUInt8(LEAF_VERSION, 0);
  leaf.writeBigUInt64BE(BigInt(event.position), 1);
  leaf.writeBigUInt64BE(BigInt(event.revision), 9);
  leaf.writeUInt16BE(stream.length, 17);
  stream.copy(leaf, 19);
  Buffer.from(event.hash, 'hex').copy(leaf, 19 + stream.length);
  return leaf;
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

export function eventLeafHash(event: LeafFields): Hash {
  return leafHash(leafBytes(event));
}
