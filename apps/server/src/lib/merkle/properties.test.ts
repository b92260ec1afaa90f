import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProof,
  consistencyProofFrom,
  inclusionProof,
  inclusionProofFrom,
  leafHash,
  NodeMap,
  rootOf,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from '.';

/** Distinct leaves (a seed and a position), so that a changed leaf or index is really another tree. */
const treeOf = (seed: number, size: number): Hash[] =>
  Array.from({ length: size }, (_, i) => leafHash(`${seed}/${i}`));

const flipBit = (h: Hash, bit: number): Hash =>
  Uint8Array.from(h, (b, i) => (i === Math.floor(bit / 8) ? b ^ (1 << (bit % 8)) : b));

// Sizes up to 1,100 cross 1,024, so proofs of 11 levels and right edges of every shape occur.
const sized = fc.integer({ min: 1, max: 1100 }).chain((size) =>
  fc.record({
    seed: fc.integer(),
    size: fc.constant(size),
    index: fc.integer({ min: 0, max: size - 1 }),
    other: fc.integer({ min: 0, max: size - 1 }),
    bit: fc.integer({ min: 0, max: 255 }),
  }),
);

describe('Merkle properties', () => {
  it('every inclusion proof verifies, and fails for a changed leaf, index, path or root', () => {
    fc.assert(
      fc.property(sized, ({ seed, size, index, other, bit }) => {
        const leaves = treeOf(seed, size);
        const root = rootOf(leaves);
        const proof = inclusionProof(leaves, index);
        const leaf = leaves[index]!;
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        expect(verifyInclusion(flipBit(leaf, bit), index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leafHash(`other ${seed}`), index, size, proof, root)).toBe(false);
        if (other !== index) expect(verifyInclusion(leaf, other, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, proof, flipBit(root, bit))).toBe(false);
        if (proof.length > 0) {
          const at = bit % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
          expect(verifyInclusion(leaf, index, size, tampered, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof.slice(1), root)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every consistency proof for m ≤ n verifies, and fails when the old or new tree is altered', () => {
    const pair = fc.integer({ min: 1, max: 1100 }).chain((size) =>
      fc.record({
        seed: fc.integer(),
        size: fc.constant(size),
        old: fc.integer({ min: 0, max: size }),
        changed: fc.integer({ min: 0, max: size - 1 }),
        bit: fc.integer({ min: 0, max: 255 }),
      }),
    );
    fc.assert(
      fc.property(pair, ({ seed, size, old, changed, bit }) => {
        const leaves = treeOf(seed, size);
        const proof = consistencyProof(leaves, old);
        const oldRoot = rootOf(leaves.slice(0, old));
        const newRoot = rootOf(leaves);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)) + 1);
        expect(verifyConsistency(old, size, proof, oldRoot, newRoot)).toBe(true);
        // One leaf rewritten. In the old part: the old tree no longer matches the proof. Anywhere: the
        // new tree (a grown copy of a rewritten history, or a rewrite of the new entries) does not
        // either, unless the old tree is empty (anything is consistent with the empty tree).
        const altered = leaves.map((l, i) => (i === changed ? flipBit(l, bit) : l));
        if (changed < old) {
          expect(verifyConsistency(old, size, proof, rootOf(altered.slice(0, old)), newRoot)).toBe(false);
        }
        if (old > 0) expect(verifyConsistency(old, size, proof, oldRoot, rootOf(altered))).toBe(false);
        if (proof.length > 0) {
          const at = bit % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
          expect(verifyConsistency(old, size, tampered, oldRoot, newRoot)).toBe(false);
        }
        if (old > 0 && old < size) {
          // Another old size never verifies with the same proof and roots.
          expect(verifyConsistency(old - 1, size, proof, oldRoot, newRoot)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the compact range’s root equals rootOf for every prefix', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 300 }), (seed, size) => {
        const leaves = treeOf(seed, size);
        const range = CompactRange.empty();
        expect(toHex(range.root())).toBe(toHex(rootOf([])));
        leaves.forEach((leaf, i) => {
          range.append(leaf);
          expect(toHex(range.root())).toBe(toHex(rootOf(leaves.slice(0, i + 1))));
        });
      }),
      { numRuns: 25 },
    );
  });

  it('the compact range survives a JSON round trip at any size and goes on to the same root', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 2000 }), fc.nat(300), (seed, cut, more) => {
        const leaves = treeOf(seed, cut + more);
        const range = CompactRange.empty();
        range.appendAll(leaves.slice(0, cut));
        const state = JSON.parse(JSON.stringify(range.toJSON()));
        const resumed = CompactRange.fromJSON(state);
        expect(resumed.toJSON()).toEqual(state);
        expect(toHex(resumed.root())).toBe(toHex(range.root()));
        resumed.appendAll(leaves.slice(cut));
        expect(toHex(resumed.root())).toBe(toHex(rootOf(leaves)));
      }),
      { numRuns: 100 },
    );
  });

  it('proofs from stored nodes equal the reference proofs', async () => {
    await fc.assert(
      fc.asyncProperty(sized, async ({ seed, size, index, other }) => {
        const leaves = treeOf(seed, size);
        const nodes = new NodeMap();
        CompactRange.empty().appendAll(leaves, nodes.record);
        // One node per complete subtree: 2n − 1 at most.
        expect(nodes.size).toBeLessThan(2 * size);
        const fromStore = await inclusionProofFrom(nodes.hashAt, index, size);
        expect(fromStore.map(toHex)).toEqual(inclusionProof(leaves, index).map(toHex));
        const old = Math.min(index, other);
        const later = Math.max(index, other) + 1;
        const consistency = await consistencyProofFrom(nodes.hashAt, old, later);
        expect(consistency.map(toHex)).toEqual(consistencyProof(leaves.slice(0, later), old).map(toHex));
      }),
      { numRuns: 200 },
    );
  });
});
