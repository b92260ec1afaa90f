/**
 * The Merkle Tree Hash and its proofs, computed from the list of leaf hashes exactly as RFC 6962
 * §2.1 defines them (MTH, PATH, PROOF/SUBPROOF), over index ranges instead of copied slices.
 * This is the reference: it reads every leaf, O(n) hashes per call. The sealing job uses
 * CompactRange (compact.ts) and the evidence log answers proofs through stored.ts.
 */
import { EMPTY_ROOT, MerkleError, nodeHash, type Hash } from './hash';
import { checkSize, splitPoint } from './sizes';

/** MTH(D[start:end]) for a non-empty range. */
function subtreeRoot(leaves: readonly Hash[], start: number, end: number): Hash {
  const n = end - start;
  if (n === 1) return leaves[start]!;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/**
 * MTH(D[n]) of the given leaf hashes (each already leafHash(entry)): SHA-256() for the empty
 * list, the leaf hash itself for one leaf, else SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
 * with k the largest power of two smaller than n.
 */
export function rootOf(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/**
 * PATH(m, D[n]): the audit path of leaf `index` in the tree of all the given leaves, from the
 * leaf's sibling up to the root's child (the order verifyInclusion expects).
 */
export function inclusionProof(leafHashes: readonly Hash[], index: number): Hash[] {
  const n = leafHashes.length;
  checkSize(index, 'leafIndex');
  if (index >= n) {
    throw new MerkleError(
      'MERKLE_INDEX_OUT_OF_RANGE',
      `Mục ${index} không có trong cây ${n} mục — leaf ${index} is not in a tree of size ${n}`,
    );
  }
  const path: Hash[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const size = end - start;
    if (size <= 1) return;
    const k = splitPoint(size);
    if (m < k) {
      walk(m, start, start + k);
      path.push(subtreeRoot(leafHashes, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(subtreeRoot(leafHashes, start, start + k));
    }
  };
  walk(index, 0, n);
  return path;
}

/**
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the consistency proof that the first `oldSize`
 * leaves form the tree whose root was signed at size `oldSize`. Empty when oldSize is 0 or n.
 */
export function consistencyProof(leafHashes: readonly Hash[], oldSize: number): Hash[] {
  const n = leafHashes.length;
  checkSize(oldSize, 'oldSize');
  if (oldSize > n) {
    throw new MerkleError(
      'MERKLE_BAD_SIZE',
      `Cây cũ (${oldSize} mục) lớn hơn cây mới (${n} mục) — old size ${oldSize} exceeds new size ${n}`,
    );
  }
  const proof: Hash[] = [];
  if (oldSize === 0 || oldSize === n) return proof;
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const size = end - start;
    if (m === size) {
      if (!whole) proof.push(subtreeRoot(leafHashes, start, end));
      return;
    }
    const k = splitPoint(size);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      proof.push(subtreeRoot(leafHashes, start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      proof.push(subtreeRoot(leafHashes, start, start + k));
    }
  };
  subproof(oldSize, 0, n, true);
  return proof;
}
