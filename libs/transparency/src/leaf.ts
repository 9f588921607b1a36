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
/** Views of `leafInput` by length, made once: a view per leaf was a tenth of the follower's time. */
let leafInputViews: Buffer[] = [];

/** `eventLeafHash(event)` written into `target` at `offset`: the follower's hot path, nothing allocated. */
export function writeEventLeafHash(event: LeafFields, target: Uint8Array, offset: number): void {
  const streamLength = checkLeafFields(event);
  const length = 1 + 19 + streamLength + 32;
  if (leafInput.length < length) {
    leafInput = Buffer.alloc(2 * length);
    leafInputViews = [];
  }
  leafInput[0] = 0x00;
  writeLeaf(event, streamLength, leafInput, 1);
  sha256Into((leafInputViews[length] ??= leafInput.subarray(0, length)), target, offset);
}

/** The stream id's length in UTF-8, or an error naming what cannot be a leaf. */
function checkLeafFields(event: LeafFields): number {
  const streamLength = utf8Length(event.streamId);
  if (streamLength > 0xffff) throw new RangeError('stream id longer than 65535 bytes');
  if (event.hash.length !== 64) throw notAHash(event.hash);
  checkUint64(event.position, 'position');
  checkUint64(event.revision, 'revision');
  return streamLength;
}

/** The UTF-8 length; an ASCII string's is its length (`writeLeaf` then copies it in a loop). */
function utf8Length(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return Buffer.byteLength(text, 'utf8');
  return text.length;
}

function checkUint64(value: number, name: string): void {
  if (!(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`${name} ${value} is not an integer >= 0`);
}

/** A hex digit's value by character code (both cases, as `Buffer#write(…, 'hex')` reads them); 16: not one. */
const HEX_VALUE = new Uint8Array(128).fill(16);
for (let d = 0; d < 16; d++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(d)] = d;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(d)] = d;
}

function writeLeaf(event: LeafFields, streamLength: number, target: Buffer, offset: number): void {
  const { streamId, hash } = event;
  target[offset] = LEAF_VERSION;
  writeUint64(target, event.position, offset + 1);
  writeUint64(target, event.revision, offset + 9);
  target[offset + 17] = streamLength >>> 8;
  target[offset + 18] = streamLength & 0xff;
  // The follower's hot path: an ASCII stream id and the hex digits copied in loops, not through
  // `Buffer#write` (a native call each, a fifth of a leaf's cost).
  if (streamLength === streamId.length) {
    for (let i = 0; i < streamLength; i++) target[offset + 19 + i] = streamId.charCodeAt(i);
  } else target.write(streamId, offset + 19, 'utf8');
  // Every pair must be hex: the count of digits is checked by `checkLeafFields`, their kind here
  // (a regular expression over each fresh hash string cost a tenth of the follower). Upper-case
  // digits decode to the same bytes: the store writes lower case, and the content check
  // (hashEvent) sees a change.
  const at = offset + 19 + streamLength;
  for (let i = 0; i < 32; i++) {
    const high = hash.charCodeAt(2 * i);
    const low = hash.charCodeAt(2 * i + 1);
    const h = high < 128 ? HEX_VALUE[high]! : 16;
    const l = low < 128 ? HEX_VALUE[low]! : 16;
    if ((h | l) > 15) throw notAHash(hash);
    target[at + i] = (h << 4) | l;
  }
}

function notAHash(hash: string): RangeError {
  return new RangeError(`event hash "${hash}" is not 64 hex digits`);
}

/** Unsigned big-endian, as two 32-bit halves: a safe integer needs no BigInt. */
function writeUint64(target: Buffer, value: number, offset: number): void {
  const high = Math.floor(value / 2 ** 32);
  const low = value >>> 0;
  target[offset] = high >>> 24;
  target[offset + 1] = (high >>> 16) & 0xff;
  target[offset + 2] = (high >>> 8) & 0xff;
  target[offset + 3] = high & 0xff;
  target[offset + 4] = low >>> 24;
  target[offset + 5] = (low >>> 16) & 0xff;
  target[offset + 6] = (low >>> 8) & 0xff;
  target[offset + 7] = low & 0xff;
}
