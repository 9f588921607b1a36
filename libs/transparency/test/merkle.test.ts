/**
 * RFC 6962 known answers: the leaves, node hashes, roots and proofs of transparency-dev/merkle's
 * reference tests (testonly/constants.go and testonly/reference_test.go), then every proof of every
 * size up to 64 verified, and mutated proofs refused.
 */
import { describe, expect, it } from '@jest/globals';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  inclusionProofs,
  leafHash,
  MemoryTree,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from '#transparency';

const hd = (hex: string) => Buffer.from(hex, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  hd,
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
  [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

function referenceTree(count = LEAVES.length): MemoryTree {
  const tree = new MemoryTree();
  for (const leaf of LEAVES.slice(0, count)) tree.appendLeafHash(leafHash(leaf));
  return tree;
}

const hexes = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

describe('RFC 6962 tree (transparency-dev/merkle reference vectors)', () => {
  it('hashes the empty tree, every complete subtree and every root of sizes 0..8', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(ROOTS[0]);
    const tree = referenceTree();
    NODES.forEach((row, level) =>
      row.forEach((hash, index) => expect(tree.node(level, index).toString('hex')).toBe(hash)),
    );
    ROOTS.forEach((root, size) => expect(rootAt(tree, size).toString('hex')).toBe(root));
  });

  it.each(INCLUSION)('inclusion proof of leaf %d in a tree of %d', (index, size, want) => {
    const tree = referenceTree();
    const proof = inclusionProof(tree, index, size);
    expect(hexes(proof)).toEqual(want);
    expect(verifyInclusion(leafHash(LEAVES[index]!), index, size, proof, hd(ROOTS[size]!))).toBeUndefined();
  });

  it.each(CONSISTENCY)('consistency proof from %d to %d', (from, to, want) => {
    const proof = consistencyProof(referenceTree(), from, to);
    expect(hexes(proof)).toEqual(want);
    expect(verifyConsistency(from, to, proof, hd(ROOTS[from]!), hd(ROOTS[to]!))).toBeUndefined();
  });

  it('gives many proofs against one size at once, each equal to its own proof', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 100; i++) tree.appendLeafHash(leafHash(Buffer.from([i])));
    for (const size of [1, 2, 3, 16, 17, 63, 64, 65, 100]) {
      const all = Array.from({ length: size }, (_, i) => i);
      const some = [size - 1, 0, Math.floor(size / 2), 0];
      for (const indices of [all, some, []])
        expect(inclusionProofs(tree, indices, size)).toEqual(indices.map((i) => inclusionProof(tree, i, size)));
    }
    expect(() => inclusionProofs(tree, [0, 100], 100)).toThrow(RangeError);
  });

  it('proves and verifies every leaf and every pair of sizes up to 64, and refuses every mutation', () => {
    const tree = new MemoryTree();
    const roots = [EMPTY_ROOT];
    const leaves: Buffer[] = [];
    for (let i = 0; i < 64; i++) {
      leaves.push(leafHash(Buffer.from([i, i * 7])));
      tree.appendLeafHash(leaves[i]!);
      roots.push(rootAt(tree, i + 1));
    }
    const other = hd('ff'.repeat(32));
    for (let size = 1; size <= 64; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(tree, index, size);
        expect(verifyInclusion(leaves[index]!, index, size, proof, roots[size]!)).toBeUndefined();
        expect(verifyInclusion(other, index, size, proof, roots[size]!)).toBeDefined();
        if (size > 1)
          expect(verifyInclusion(leaves[index]!, (index + 1) % size, size, proof, roots[size]!)).toBeDefined();
        if (proof.length > 0)
          expect(verifyInclusion(leaves[index]!, index, size, proof.slice(1), roots[size]!)).toBeDefined();
      }
      for (let from = 1; from < size; from++) {
        const proof = consistencyProof(tree, from, size);
        expect(verifyConsistency(from, size, proof, roots[from]!, roots[size]!)).toBeUndefined();
        expect(verifyConsistency(from, size, proof, other, roots[size]!)).toBeDefined();
        expect(verifyConsistency(from, size, proof, roots[from]!, other)).toBeDefined();
        expect(verifyConsistency(from, size, [...proof, other], roots[from]!, roots[size]!)).toBeDefined();
      }
    }
  });

  it('refuses sizes that cannot hold', () => {
    expect(verifyInclusion(EMPTY_ROOT, 3, 3, [], EMPTY_ROOT)).toMatch(/not in a tree/);
    expect(verifyConsistency(5, 4, [], EMPTY_ROOT, EMPTY_ROOT)).toMatch(/cannot be a prefix/);
    expect(verifyConsistency(4, 4, [], hd(ROOTS[4]!), hd(ROOTS[5]!))).toMatch(/different roots/);
  });
});
