import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  fromHex,
  leafHash,
  MerkleError,
  toHex,
  verifyConsistency,
  type Hash,
} from '.';
import { CONSISTENCY_VECTORS, LEAVES_HEX, ROOTS_HEX } from './vectors';

const leafHashes = LEAVES_HEX.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const root = (size: number): Hash => fromHex(ROOTS_HEX[size - 1]!);
const flipped = (h: Hash): Hash => Uint8Array.from(h, (b, i) => (i === 0 ? b ^ 16 : b));

describe('consistency proofs (RFC 6962 PROOF/SUBPROOF, RFC 9162 §2.1.4.2)', () => {
  it('produces the CT reference proofs', () => {
    for (const v of CONSISTENCY_VECTORS) {
      expect(consistencyProof(leafHashes.slice(0, v.newSize), v.oldSize).map(toHex)).toEqual(v.proof);
    }
  });

  it('verifies the reference proofs and rejects every corruption the CT verifier tests', () => {
    for (const v of CONSISTENCY_VECTORS) {
      const proof = v.proof.map(fromHex);
      const [m, n, r1, r2] = [v.oldSize, v.newSize, root(v.oldSize), root(v.newSize)];
      expect(verifyConsistency(m, n, proof, r1, r2)).toBe(true);
      if (proof.length === 0) continue;
      const wrong = leafHash('WrongRoot');
      const probes: [number, number, Hash[], Hash, Hash][] = [
        [m - 1, n, proof, r1, r2],
        [m + 1, n, proof, r1, r2],
        [m ^ 2, n, proof, r1, r2],
        [m, n * 2, proof, r1, r2],
        [m, Math.floor(n / 2), proof, r1, r2],
        [m, n, proof, wrong, r2],
        [m, n, proof, r1, wrong],
        [m, n, proof, r2, r1],
        [m, n, [], r1, r2],
        [m, n, [...proof, new Uint8Array()], r1, r2],
        [m, n, [...proof, r1], r1, r2],
        [m, n, [...proof, r2], r1, r2],
        [m, n, [new Uint8Array(), ...proof], r1, r2],
        [m, n, [r1, ...proof], r1, r2],
        [m, n, [r2, ...proof], r1, r2],
        [m, n, [proof[0]!, ...proof], r1, r2],
        [m, n, proof.slice(0, -1), r1, r2],
        ...proof.map((_, i): [number, number, Hash[], Hash, Hash] => [
          m,
          n,
          proof.map((p, j) => (i === j ? flipped(p) : p)),
          r1,
          r2,
        ]),
      ];
      for (const [a, b, p, x, y] of probes) {
        expect(verifyConsistency(a, b, p, x, y), `${m}→${n} probe ${a}→${b}`).toBe(false);
      }
    }
  });

  it('handles the trivial sizes as the CT verifier does, and refuses time travel', () => {
    const [r1, r2] = [root(1), root(2)];
    expect(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(verifyConsistency(0, 5, [], EMPTY_ROOT, root(5))).toBe(true);
    expect(verifyConsistency(0, 5, [], r1, root(5))).toBe(false);
    expect(verifyConsistency(1, 1, [], r1, r1)).toBe(true);
    expect(verifyConsistency(1, 1, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 1, [EMPTY_ROOT], r1, r1)).toBe(false);
    expect(verifyConsistency(0, 1, [EMPTY_ROOT], EMPTY_ROOT, r1)).toBe(false);
    expect(verifyConsistency(1, 2, [], r1, r2)).toBe(false);
    expect(verifyConsistency(2, 1, [], r2, r1)).toBe(false);
    expect(consistencyProof(leafHashes, 0)).toEqual([]);
    expect(consistencyProof(leafHashes, 8)).toEqual([]);
    expect(() => consistencyProof(leafHashes, 9)).toThrow(MerkleError);
    expect(() => consistencyProof(leafHashes, -1)).toThrow(
      expect.objectContaining({ code: 'MERKLE_BAD_SIZE' }),
    );
  });
});
