import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  compactRangeFrom,
  consistencyPlan,
  consistencyProof,
  consistencyProofFrom,
  hashAtFromLeaves,
  inclusionPlan,
  inclusionProof,
  inclusionProofFrom,
  leafHash,
  MerkleError,
  NodeMap,
  rootFrom,
  rootOf,
  toHex,
} from '.';

const leaves = Array.from({ length: 300 }, (_, i) => leafHash(`entry ${i}`));

function storedTree(size: number): NodeMap {
  const nodes = new NodeMap();
  CompactRange.empty().appendAll(leaves.slice(0, size), nodes.record);
  return nodes;
}

describe('proofs from a stored log', () => {
  it('answers the same inclusion and consistency proofs as the reference, from the node table', async () => {
    const nodes = storedTree(300);
    for (const size of [1, 2, 3, 7, 8, 9, 100, 255, 256, 257, 300]) {
      for (const index of [0, 1, Math.floor(size / 2), size - 1]) {
        if (index >= size) continue;
        const proof = await inclusionProofFrom(nodes.hashAt, index, size);
        expect(proof.map(toHex)).toEqual(inclusionProof(leaves.slice(0, size), index).map(toHex));
      }
      for (const old of [0, 1, 2, 3, Math.floor(size / 3), size - 1, size]) {
        if (old > size || old < 0) continue;
        const proof = await consistencyProofFrom(nodes.hashAt, old, size);
        expect(proof.map(toHex)).toEqual(consistencyProof(leaves.slice(0, size), old).map(toHex));
      }
      expect(toHex(await rootFrom(nodes.hashAt, size))).toBe(toHex(rootOf(leaves.slice(0, size))));
    }
  });

  it('stays within 2⌈log2 n⌉ + 1 node reads', () => {
    for (const size of [5, 300, 1_000_000, 1_048_577, 2 ** 40 - 1]) {
      const bound = 2 * Math.ceil(Math.log2(size)) + 1;
      for (const index of [0, 1, Math.floor(size / 2), size - 2, size - 1]) {
        expect(inclusionPlan(index, size).nodes.length).toBeLessThanOrEqual(bound);
        expect(consistencyPlan(index + 1, size).nodes.length).toBeLessThanOrEqual(bound);
      }
    }
    // The worst inclusion case: leaf 0 of 2^20 − 1 leaves (its right sibling is 19 folded nodes).
    expect(inclusionPlan(0, 2 ** 20 - 1).nodes.length).toBe(19 + 19);
  });

  it('resumes a compact range at any past size from the stored nodes', async () => {
    const nodes = storedTree(300);
    const range = await compactRangeFrom(nodes.hashAt, 137);
    range.appendAll(leaves.slice(137, 300));
    expect(toHex(range.root())).toBe(toHex(rootOf(leaves)));
  });

  it('works from a leaves reader too (reading O(n) leaves), async', async () => {
    let read = 0;
    const hashAt = hashAtFromLeaves(async (from, to) => {
      read += Math.min(to, 100) - from;
      return leaves.slice(from, Math.min(to, 100));
    });
    const proof = await inclusionProofFrom(hashAt, 42, 100);
    expect(proof.map(toHex)).toEqual(inclusionProof(leaves.slice(0, 100), 42).map(toHex));
    expect(read).toBe(99);
    await expect(inclusionProofFrom(hashAt, 42, 101)).rejects.toMatchObject({ code: 'MERKLE_MISSING_NODE' });
  });

  it('says which node is missing, and refuses impossible requests', async () => {
    const nodes = storedTree(10);
    await expect(inclusionProofFrom(nodes.hashAt, 3, 12)).rejects.toThrow(/\(0, 11\)|\(1, 5\)|\(2, 2\)/);
    await expect(consistencyProofFrom(nodes.hashAt, 11, 10)).rejects.toThrow(MerkleError);
    expect(() => inclusionPlan(10, 10)).toThrow(MerkleError);
    expect(() => inclusionPlan(0, 2 ** 53)).toThrow(MerkleError);
    expect(() => inclusionPlan(1, 4).assemble([])).toThrow(MerkleError);
  });
});
