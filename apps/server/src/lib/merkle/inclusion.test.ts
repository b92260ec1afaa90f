import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  fromHex,
  inclusionProof,
  leafHash,
  MerkleError,
  rootFromInclusionProof,
  rootOf,
  toHex,
  verifyInclusion,
  type Hash,
} from '.';
import { INCLUSION_VECTORS, LEAVES_HEX, ROOTS_HEX } from './vectors';

const leafHashes = LEAVES_HEX.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const root = (size: number): Hash => fromHex(ROOTS_HEX[size - 1]!);
const flipped = (h: Hash, bit = 3): Hash => Uint8Array.from(h, (b, i) => (i === 0 ? b ^ (1 << bit) : b));

describe('inclusion proofs (RFC 6962 PATH, RFC 9162 §2.1.3.2)', () => {
  it('produces the CT reference audit paths', () => {
    for (const v of INCLUSION_VECTORS) {
      expect(inclusionProof(leafHashes.slice(0, v.size), v.index).map(toHex)).toEqual(v.path);
    }
  });

  it('verifies the reference paths and rejects every corruption the CT verifier tests', () => {
    for (const v of INCLUSION_VECTORS) {
      const proof = v.path.map(fromHex);
      const leaf = leafHashes[v.index]!;
      expect(verifyInclusion(leaf, v.index, v.size, proof, root(v.size))).toBe(true);
      expect(toHex(rootFromInclusionProof(leaf, v.index, v.size, proof)!)).toBe(ROOTS_HEX[v.size - 1]);
      const probes: [number, number, Hash, Hash[], Hash][] = [
        [v.index - 1, v.size, leaf, proof, root(v.size)],
        [v.index + 1, v.size, leaf, proof, root(v.size)],
        [v.index ^ 2, v.size, leaf, proof, root(v.size)],
        [v.index, v.size * 2, leaf, proof, root(v.size)],
        [v.index, Math.floor(v.size / 2), leaf, proof, root(v.size)],
        [v.index, v.size, leafHash('WrongLeaf'), proof, root(v.size)],
        [v.index, v.size, leaf, proof, EMPTY_ROOT],
        [v.index, v.size, leaf, [...proof, new Uint8Array()], root(v.size)],
        [v.index, v.size, leaf, [...proof, root(v.size)], root(v.size)],
        [v.index, v.size, leaf, [root(v.size), ...proof], root(v.size)],
        ...proof.map((_, i): [number, number, Hash, Hash[], Hash] => [
          v.index,
          v.size,
          leaf,
          proof.map((p, j) => (i === j ? flipped(p) : p)),
          root(v.size),
        ]),
      ];
      if (proof.length > 0) probes.push([v.index, v.size, leaf, proof.slice(0, -1), root(v.size)]);
      for (const [index, size, l, p, r] of probes) {
        expect(verifyInclusion(l, index, size, p, r), `${v.index}/${v.size} probe ${index}/${size}`).toBe(
          false,
        );
      }
    }
  });

  it('proves a one-leaf tree with an empty path and refuses impossible positions', () => {
    const h = leafHash('data');
    expect(verifyInclusion(h, 0, 1, [], rootOf([h]))).toBe(true);
    expect(verifyInclusion(h, 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(h, 1, 1, [], h)).toBe(false);
    expect(verifyInclusion(h, -1, 1, [], h)).toBe(false);
    expect(verifyInclusion(h, 0.5, 1, [], h)).toBe(false);
    expect(verifyInclusion(new Uint8Array(31), 0, 1, [], new Uint8Array(31))).toBe(false);
    expect(() => inclusionProof([h], 1)).toThrow(MerkleError);
    expect(() => inclusionProof([], 0)).toThrow(
      expect.objectContaining({ code: 'MERKLE_INDEX_OUT_OF_RANGE' }),
    );
  });
});
