/**
 * The Merkle tree of RFC 6962 / RFC 9162 (section 2.1): hashing, roots, inclusion and consistency
 * proofs, and their verification. Pure: the tree's stored nodes come through a `NodeSource`.
 *
 * A node is identified by its level (0 = leaves) and its index at that level; the node (level,
 * index) is the root of the complete subtree over leaves [index·2^level, (index+1)·2^level).
 * Only complete subtrees are stored. The hash of any range the RFC's recursion asks for is the
 * fold of at most log₂(n) stored nodes, so a root or a proof costs O(log n) reads.
 */
import * as crypto from 'node:crypto';

export type Hash = Buffer;

/** SHA-256 in one call (`crypto.hash`, Node ≥ 20.12: about half the cost of a Hash object). */
export const sha256: (data: Uint8Array) => Hash =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest();

/**
 * SHA-256 of `data` written into `target` at `offset`, no Buffer allocated: the digest comes as a
 * 'binary' (latin1) string, one byte per character, which costs half a Buffer digest (mostly GC),
 * and its 32 characters are copied in a loop (`Buffer#write` of it costs more than the loop).
 */
export const sha256Into: (data: Uint8Array, target: Uint8Array, offset: number) => void =
  typeof crypto.hash === 'function'
    ? (data, target, offset) => copyBinary(crypto.hash('sha256', data, 'binary'), target, offset)
    : (data, target, offset) => copyBinary(crypto.createHash('sha256').update(data).digest('binary'), target, offset);

function copyBinary(digest: string, target: Uint8Array, offset: number): void {
  for (let i = 0; i < 32; i++) target[offset + i] = digest.charCodeAt(i);
}

/** SHA-256 of nothing: the root of the empty tree (RFC 6962 MTH({})). */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf: Uint8Array): Hash {
  const input = Buffer.allocUnsafe(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return sha256(input);
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

const nodeInput = Buffer.alloc(1 + 64);
nodeInput[0] = 0x01;

/**
 * `nodeHash(left, right)` where left ‖ right are the 64 bytes of `children` at `childrenOffset`
 * (two sibling hashes stored side by side), written into `target` at `offset`: the tree file's
 * hot path, nothing allocated (`Buffer#copy` of a part makes a view of it: a loop does not).
 */
export function writeNodeHash(children: Uint8Array, childrenOffset: number, target: Uint8Array, offset: number): void {
  for (let i = 0; i < 64; i++) nodeInput[1 + i] = children[childrenOffset + i]!;
  sha256Into(nodeInput, target, offset);
}

/** A complete subtree: its level (0 = leaves) and its index at that level. */
export interface NodeId {
  level: number;
  index: number;
}

/** Reads the stored hash of a complete subtree; throws if the tree does not hold it. */
export interface NodeSource {
  node(level: number, index: number): Hash;
  /**
   * Optional batched read: a source that holds at least these nodes, read together (one query
   * instead of one per node). Many proofs against one size share most of their nodes.
   */
  nodes?(ids: readonly NodeId[]): NodeSource;
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[begin:end]) for a range the RFC's recursion produces (begin a multiple of the split
 * size), from stored complete subtrees only.
 */
export function rangeHash(source: NodeSource, begin: number, end: number): Hash {
  const size = end - begin;
  if (size <= 0) return EMPTY_ROOT;
  if ((size & (size - 1)) === 0 && begin % size === 0) return source.node(Math.log2(size), begin / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(source, begin, begin + k), rangeHash(source, begin + k, end));
}

/** The stored nodes `rangeHash(source, begin, end)` folds, appended to `out`. */
export function rangeNodes(begin: number, end: number, out: NodeId[]): void {
  const size = end - begin;
  if (size <= 0) return;
  if ((size & (size - 1)) === 0 && begin % size === 0) {
    out.push({ level: Math.log2(size), index: begin / size });
    return;
  }
  const k = splitPoint(size);
  rangeNodes(begin, begin + k, out);
  rangeNodes(begin + k, end, out);
}

/** The root of the tree of the first `size` leaves. */
export function rootAt(source: NodeSource, size: number): Hash {
  return rangeHash(source, 0, size);
}

/** The ranges [begin, end) whose hashes make PATH(index, D[size]), from the leaf up. */
function inclusionRanges(index: number, size: number): [number, number][] {
  if (!(Number.isSafeInteger(index) && index >= 0 && index < size))
    throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  const ranges: [number, number][] = [];
  const walk = (m: number, begin: number, end: number): void => {
    if (end - begin === 1) return;
    const k = splitPoint(end - begin);
    if (m < k) {
      walk(m, begin, begin + k);
      ranges.push([begin + k, end]);
    } else {
      walk(m - k, begin + k, end);
      ranges.push([begin, begin + k]);
    }
  };
  walk(index, 0, size);
  return ranges;
}

/** RFC 6962 PATH(index, D[size]): sibling hashes from the leaf up to the root. */
export function inclusionProof(source: NodeSource, index: number, size: number): Hash[] {
  return inclusionRanges(index, size).map(([begin, end]) => rangeHash(source, begin, end));
}

/**
 * `inclusionProof` of many leaves against one size, sharing the work: the proofs of nearby leaves
 * (a cycle's events, say) have most of their ranges in common, and the ranges right of them (the
 * log's younger part, which grows) are the same for all. Each distinct range is hashed once, and
 * every stored node they fold is read in one batch when the source can (`nodes`).
 */
export function inclusionProofs(source: NodeSource, indices: readonly number[], size: number): Hash[][] {
  const paths = indices.map((index) => inclusionRanges(index, size));
  const ranges = new Map<string, [number, number]>();
  for (const path of paths) for (const range of path) ranges.set(`${range[0]}:${range[1]}`, range);
  const ids: NodeId[] = [];
  for (const [begin, end] of ranges.values()) rangeNodes(begin, end, ids);
  const read = source.nodes ? source.nodes(ids) : source;
  const hashes = new Map<string, Hash>();
  for (const [key, [begin, end]] of ranges) hashes.set(key, rangeHash(read, begin, end));
  return paths.map((path) => path.map(([begin, end]) => hashes.get(`${begin}:${end}`)!));
}

/** RFC 6962 PROOF(from, D[to]) (section 2.1.2): hashes that prove the tree of `from` is a prefix of `to`. */
export function consistencyProof(source: NodeSource, from: number, to: number): Hash[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`cannot prove size ${from} against size ${to}`);
  if (from === 0 || from === to) return [];
  const proof: Hash[] = [];
  const sub = (m: number, begin: number, end: number, haveRoot: boolean): void => {
    if (m === end - begin) {
      if (!haveRoot) proof.push(rangeHash(source, begin, end));
      return;
    }
    const k = splitPoint(end - begin);
    if (m <= k) {
      sub(m, begin, begin + k, haveRoot);
      proof.push(rangeHash(source, begin + k, end));
    } else {
      sub(m - k, begin + k, end, false);
      proof.push(rangeHash(source, begin, begin + k));
    }
  };
  sub(from, 0, to, true);
  return proof;
}

/** Why a proof does not verify, or undefined when it does. */
export type ProofFailure = string | undefined;

/** RFC 9162 section 2.1.3.2: does `proof` lead from the leaf hash at `index` to `root`? */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): ProofFailure {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size))
    return `leaf index ${index} is not in a tree of size ${size}`;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return 'the proof is longer than the tree is deep';
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return 'the proof is shorter than the tree is deep';
  return r.equals(root) ? undefined : 'the proof does not lead to the root';
}

/** RFC 9162 section 2.1.4.2: is the tree (size1, root1) a prefix of the tree (size2, root2)? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Hash[],
  root1: Hash,
  root2: Hash,
): ProofFailure {
  if (!(Number.isSafeInteger(size1) && Number.isSafeInteger(size2) && size1 >= 0 && size1 <= size2)) {
    return `size ${size1} cannot be a prefix of size ${size2}`;
  }
  if (size1 === size2) {
    if (proof.length > 0) return 'a proof between equal sizes must be empty';
    return root1.equals(root2) ? undefined : 'two different roots for the same size';
  }
  if (size1 === 0) return proof.length === 0 ? undefined : 'a proof from the empty tree must be empty';
  if (proof.length === 0) return 'the proof is empty';
  const path = [...proof];
  // A size1 that is a power of two is itself a node of the bigger tree: its root starts the path.
  if ((size1 & (size1 - 1)) === 0) path.unshift(root1);
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return 'the proof is longer than needed';
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return 'the proof is shorter than needed';
  if (!fr.equals(root1)) return `the older root (size ${size1}) is not a prefix of the newer tree`;
  if (!sr.equals(root2)) return `the proof does not lead to the newer root (size ${size2})`;
  return undefined;
}

/** A tree held in memory (tests, the offline verifier): every complete subtree's hash by level. */
export class MemoryTree implements NodeSource {
  private readonly levels: Hash[][] = [[]];

  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends a leaf's hash and every complete subtree it completes. */
  appendLeafHash(hash: Hash): void {
    let level = 0;
    let value = hash;
    for (;;) {
      const row = (this.levels[level] ??= []);
      row.push(value);
      const index = row.length - 1;
      if (index % 2 === 0) return;
      value = nodeHash(row[index - 1]!, value);
      level++;
    }
  }

  node(level: number, index: number): Hash {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no node (${level}, ${index})`);
    return hash;
  }
}
