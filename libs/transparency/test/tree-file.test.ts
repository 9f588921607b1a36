/**
 * The tree file against the in-memory reference tree (`MemoryTree`, itself checked against RFC 6962
 * vectors): every node, root and proof the same across four tile levels, leaves appended in
 * batches of every shape; positions with gaps; refused appends; files of the first layout.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  consistencyProof,
  eventLeafHash,
  inclusionProof,
  inclusionProofs,
  MemoryTree,
  rootAt,
  sha256,
  type Hash,
} from '#transparency';
import { TreeFile } from '../src/tree-file.js';

const dir = mkdtempSync(join(tmpdir(), 'thidua-tree-file-'));
let files = 0;
const newPath = (): string => join(dir, `tree-${++files}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const leafOf = (i: number): Hash => sha256(Buffer.from(`leaf ${i}`));
/** Leaf i's position: gaps of one after every 10th leaf and of 1000 after leaf 300. */
const positionOf = (i: number): number => 1 + i + Math.floor(i / 10) + (i > 300 ? 1000 : 0);
const leaves = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => ({ position: positionOf(from + k), hash: leafOf(from + k) }));

/** A reference tree of `size` leaves. */
function reference(size: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.appendLeafHash(leafOf(i));
  return tree;
}

/** Every node the reference holds is in the file, and none past it. */
function expectSameNodes(file: TreeFile, ref: MemoryTree): void {
  for (let level = 0; 2 ** level <= ref.size; level++) {
    const count = Math.floor(ref.size / 2 ** level);
    for (let index = 0; index < count; index++) {
      const hash = file.node(level, index);
      if (!hash.equals(ref.node(level, index))) throw new Error(`node (${level}, ${index}) differs`);
    }
    expect(() => file.node(level, count)).toThrow(RangeError);
  }
}

describe('TreeFile', () => {
  it('holds the reference tree over four tile levels, appended in batches of every shape', () => {
    const size = 2 ** 12 + 300; // past the first tile of level 3 (4,096 leaves)
    const file = new TreeFile(newPath());
    const batches = [1, 1, 2, 3, 13, 16, 15, 17, 1, 31, 255, 257, 1000];
    let at = 0;
    for (let b = 0; at < size; b++) {
      const to = Math.min(size, at + batches[b % batches.length]!);
      expect(file.append(at, leaves(at, to))).toBe(true);
      at = to;
    }
    const ref = reference(size);
    expect(file.head()).toEqual({ size, lastPosition: positionOf(size - 1) });
    expectSameNodes(file, ref);
    for (let n = 1; n <= size; n++) if (!rootAt(file, n).equals(rootAt(ref, n))) throw new Error(`root ${n} differs`);
    for (const [index, n] of [
      [0, 1],
      [15, 16],
      [16, 257],
      [4095, size],
      [size - 1, size],
    ] as const)
      expect(inclusionProof(file, index, n)).toEqual(inclusionProof(ref, index, n));
    for (const [from, to] of [
      [1, size],
      [15, 17],
      [4096, size],
      [300, 4097],
    ] as const)
      expect(consistencyProof(file, from, to)).toEqual(consistencyProof(ref, from, to));
    file.close();
  });

  it('answers many proofs at once as one by one, with its cache of complete tiles of any bound', () => {
    const size = 2 ** 12 + 300;
    const ref = reference(size);
    const indices = [0, 1, 15, 16, 17, 255, 256, 300, 301, 302, 4095, 4096, size - 2, size - 1];
    for (const cachedTiles of [0, 2, 4096]) {
      const file = new TreeFile(newPath(), { cachedTiles });
      file.append(0, leaves(0, size));
      for (const n of [size, 4097, 302])
        for (let pass = 0; pass < 2; pass++) {
          const wanted = indices.filter((i) => i < n);
          expect(inclusionProofs(file, wanted, n)).toEqual(wanted.map((i) => inclusionProof(ref, i, n)));
        }
      expectSameNodes(file, ref);
      file.close();
    }
  });

  it('never keeps a tile that is still growing: reads between appends see every new node', () => {
    const file = new TreeFile(newPath());
    const size = 600;
    for (let at = 0; at < size; at += 7) {
      file.append(at, leaves(at, Math.min(size, at + 7)));
      const n = Math.min(size, at + 7);
      const ref = reference(n);
      expectSameNodes(file, ref);
      expect(inclusionProofs(file, [0, n - 1], n)).toEqual([inclusionProof(ref, 0, n), inclusionProof(ref, n - 1, n)]);
    }
    file.close();
  });

  it('maps leaf indices and positions both ways, gaps and all, and keeps everything when reopened', () => {
    const path = newPath();
    const first = new TreeFile(path);
    first.append(0, leaves(0, 150));
    first.append(150, leaves(150, 700));
    first.close();
    const file = new TreeFile(path);
    expect(file.head()).toEqual({ size: 700, lastPosition: positionOf(699) });
    for (let i = 0; i < 700; i++) {
      expect(file.positionOf(i)).toBe(positionOf(i));
      expect(file.leafIndexOf(positionOf(i))).toBe(i);
    }
    expect(file.positionOf(700)).toBeUndefined();
    // The position in each gap, before the first and after the last.
    for (const missing of [0, positionOf(9) + 1, positionOf(300) + 1, positionOf(699) + 1])
      expect(file.leafIndexOf(missing)).toBeUndefined();
    expectSameNodes(file, reference(700));
    file.close();
  });

  it("appends events' leaves as it appends their leaf hashes", () => {
    const events = Array.from({ length: 300 }, (_, i) => ({
      position: positionOf(i),
      revision: i % 7,
      streamId: i % 2 ? `unit-2020.đơn-vị-${i}` : 's'.repeat(600 + i),
      hash: leafOf(i).toString('hex'),
    }));
    const byEvents = new TreeFile(newPath());
    const byHashes = new TreeFile(newPath());
    const ref = new MemoryTree();
    for (const [from, to] of [
      [0, 1],
      [1, 17],
      [17, 300],
    ] as const) {
      expect(byEvents.appendEvents(from, events.slice(from, to))).toBe(true);
      byHashes.append(
        from,
        events.slice(from, to).map((event) => ({ position: event.position, hash: eventLeafHash(event) })),
      );
    }
    events.forEach((event) => ref.appendLeafHash(eventLeafHash(event)));
    expectSameNodes(byEvents, ref);
    expectSameNodes(byHashes, ref);
    for (const hash of ['ab'.repeat(31) + 'zz', 'ab'.repeat(31), 'ab'.repeat(33)])
      expect(() => byEvents.appendEvents(300, [{ ...events[0]!, position: 9999, hash }])).toThrow(
        /is not 64 hex digits/,
      );
    expect(byEvents.head().size).toBe(300);
    byEvents.close();
    byHashes.close();
  });

  it('writes nothing for a stale size, and refuses positions that do not increase', () => {
    const file = new TreeFile(newPath());
    expect(file.head()).toEqual({ size: 0, lastPosition: 0 });
    expect(() => file.node(0, 0)).toThrow(RangeError);
    file.append(0, leaves(0, 5));
    expect(file.append(3, leaves(3, 8))).toBe(false);
    expect(() => file.append(5, [{ position: positionOf(4), hash: leafOf(5) }])).toThrow(/does not come after/);
    expect(() => file.append(5, [...leaves(5, 7), { position: positionOf(5), hash: leafOf(7) }])).toThrow(
      /does not come after/,
    );
    expect(file.head()).toEqual({ size: 5, lastPosition: positionOf(4) });
    expectSameNodes(file, reference(5));
    file.close();
  });

  it('converts a file of the first layout (a row per leaf, a row per node), keeping its checkpoints', () => {
    const path = newPath();
    const size = 1000;
    const ref = reference(size);
    const old = new Database(path);
    old.exec(`
      CREATE TABLE leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE) STRICT;
      CREATE TABLE nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
      CREATE TABLE checkpoints (tree_size INTEGER PRIMARY KEY, note TEXT NOT NULL, signed_at TEXT NOT NULL) STRICT;
    `);
    const leaf = old.prepare('INSERT INTO leaves VALUES (?, ?)');
    const node = old.prepare('INSERT INTO nodes VALUES (?, ?)');
    old.transaction(() => {
      for (let i = 0; i < size; i++) leaf.run(i, positionOf(i));
      for (let level = 0; 2 ** level <= size; level++)
        for (let index = 0; index < Math.floor(size / 2 ** level); index++)
          node.run(level * 2 ** 40 + index, ref.node(level, index));
      old.prepare('INSERT INTO checkpoints VALUES (?, ?, ?)').run(999, 'a note', '2026-01-01T00:00:00.000Z');
    })();
    old.close();

    const file = new TreeFile(path);
    expect(file.head()).toEqual({ size, lastPosition: positionOf(size - 1) });
    expect(file.leafIndexOf(positionOf(640))).toBe(640);
    expectSameNodes(file, ref);
    expect(file.latestCheckpoint()).toEqual({ size: 999, note: 'a note' });
    file.close();
    const converted = new Database(path, { readonly: true });
    const tables = converted.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    converted.close();
    expect(tables).toEqual(['checkpoints', 'runs', 'tiles']);
  });
});
