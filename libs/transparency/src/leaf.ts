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
import { leafHash, sha256Into, type Hash } from './merkle.js';

export const LEAF_VERSION = 0x01;

/** What a leaf binds of an event. */
export type LeafFields = Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'hash'>;

export function leafBytes(event: LeafFields): Buffer {
  const streamLength = checkLeafFields(event);
  const leaf = Buffer.allocUnsafe(19 + streamLength + 32);
  writeLeaf(event, streamLength, leaf, 0);
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

/** Holds 0x00 ‖ leaf for `writeEventLeafHash`; grows for long stream ids. */
let leafInput = Buffer.alloc(512);

/** `eventLeafHash(event)` written into `target` at `offset`: the follower's hot path, nothing allocated. */
export function writeEventLeafHash(event: LeafFields, target: Buffer, offset: number): void {
  const streamLength = checkLeafFields(event);
  const length = 1 + 19 + streamLength + 32;
  if (leafInput.length < length) leafInput = Buffer.alloc(2 * length);
  leafInput[0] = 0x00;
  writeLeaf(event, streamLength, leafInput, 1);
  sha256Into(leafInput.subarray(0, length), target, offset);
}

/** The stream id's length in UTF-8, or an error naming what cannot be a leaf. */
function checkLeafFields(event: LeafFields): number {
  const streamLength = Buffer.byteLength(event.streamId, 'utf8');
  if (streamLength > 0xffff) throw new RangeError('stream id longer than 65535 bytes');
  if (event.hash.length !== 64) throw notAHash(event.hash);
  checkUint64(event.position, 'position');
  checkUint64(event.revision, 'revision');
  return streamLength;
}

function checkUint64(value: number, name: string): void {
  if (!(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`${name} ${value} is not an integer >= 0`);
}

function writeLeaf(event: LeafFields, streamLength: number, target: Buffer, offset: number): void {
  target[offset] = LEAF_VERSION;
  writeUint64(target, event.position, offset + 1);
  writeUint64(target, event.revision, offset + 9);
  target.writeUInt16BE(streamLength, offset + 17);
  target.write(event.streamId, offset + 19, 'utf8');
  // Decoding stops at the first pair that is not hex, so the count written is the check (a regular
  // expression over each fresh hash string cost a tenth of the follower). Upper-case digits decode
  // to the same bytes: the store writes lower case, and the content check (hashEvent) sees a change.
  if (target.write(event.hash, offset + 19 + streamLength, 'hex') !== 32) throw notAHash(event.hash);
}

function notAHash(hash: string): RangeError {
  return new RangeError(`event hash "${hash}" is not 64 hex digits`);
}

/** Unsigned big-endian, as two 32-bit halves: a safe integer needs no BigInt. */
function writeUint64(target: Buffer, value: number, offset: number): void {
  target.writeUInt32BE(Math.floor(value / 2 ** 32), offset);
  target.writeUInt32BE(value >>> 0, offset + 4);
}
