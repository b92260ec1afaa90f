/**
 * Proof verification as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) write it, with
 * the same hashing as RFC 6962. Each check answers true or false and never throws: a malformed
 * proof (wrong length, a hash that is not 32 bytes, sizes out of range) is simply false.
 */
import { EMPTY_ROOT, equalHashes, HASH_SIZE, nodeHash, type Hash } from './hash';
import { half, isOdd, isPowerOfTwo, isSize } from './sizes';

function wellFormed(hashes: readonly Hash[]): boolean {
  return hashes.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);
}

/**
 * The root that an inclusion proof leads to, or null when the path cannot be one for leaf
 * `index` in a tree of `treeSize` leaves (too short, too long).
 */
export function rootFromInclusionProof(
  leafHash: Hash,
  index: number,
  treeSize: number,
  proof: readonly Hash[],
): Hash | null {
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return null;
  if (!wellFormed([leafHash, ...proof])) return null;
  // fn walks up from the leaf, sn from the last leaf; the path ends when sn reaches 0.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // A right-edge node with no right sibling at these levels: climb until fn is a right child.
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** Whether `proof` shows that `leafHash` is leaf number `index` (from 0) of the tree of `treeSize` leaves with `root`. */
export function verifyInclusion(
  leafHash: Hash,
  index: number,
  treeSize: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, treeSize, proof);
  return computed !== null && equalHashes(computed, root);
}

/**
 * Whether `proof` shows that the tree of `oldSize` leaves with `oldRoot` is a prefix of the tree
 * of `newSize` leaves with `newRoot` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and
 * equal roots; an old size of 0 needs an empty proof and the empty tree's root.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Hash[],
  oldRoot: Hash,
  newRoot: Hash,
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!wellFormed([oldRoot, newRoot, ...proof])) return false;
  if (oldSize === newSize) return proof.length === 0 && equalHashes(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && equalHashes(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  // When the old tree is a perfect subtree of the new one, its root is the path's first node.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // fr rebuilds the old root, sr the new one, from the same nodes.
  let fr = path[0]!;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHashes(fr, oldRoot) && equalHashes(sr, newRoot);
}
