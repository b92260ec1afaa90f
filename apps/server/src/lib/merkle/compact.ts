/**
 * The compact range [0, size) of an append-only tree (the "Merkle frontier"): the roots of the
 * perfect subtrees that make up the tree, largest (leftmost) first, one per one-bit of `size`, so
 * at most ⌈log2 n⌉ hashes. It is all the sealing job needs to keep between checkpoints:
 * appending k leaves costs k leaf steps plus at most one node hash per completed subtree (k − 1
 * + log2 n node hashes over the batch, O(1) amortised per leaf), and the root costs popcount(n) −
 * 1 node hashes. No old leaf is read.
 *
 * Stored in a checkpoint row as { size, hashes: hex[] } (toJSON/fromJSON).
 */
import { EMPTY_ROOT, fromHex, HASH_SIZE, MerkleError, nodeHash, toHex, type Hash } from './hash';
import { checkSize, half, isOdd, popCount } from './sizes';

/**
 * A perfect subtree: the 2^level leaves from index·2^level. Level 0 is a leaf; the root of a
 * tree of 8 leaves is { level: 3, index: 0 }. Within [0, n) a node never changes once complete.
 */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * Receives every node as it is completed, e.g. to store it for proofs: first the leaf itself
 * (level 0; a log whose entries already carry their leaf hash skips it), then each interior node.
 */
export type NodeSink = (level: number, index: number, hash: Hash) => void;

/** The JSON form kept in a checkpoint row. */
export interface CompactRangeState {
  size: number;
  hashes: string[];
}

export class CompactRange {
  #size: number;
  readonly #hashes: Hash[];

  private constructor(size: number, hashes: Hash[]) {
    checkSize(size, 'size');
    if (hashes.length !== popCount(size) || hashes.some((h) => h.length !== HASH_SIZE)) {
      throw new MerkleError(
        'MERKLE_BAD_FRONTIER',
        `Biên cây Merkle không hợp lệ: cây ${size} mục cần đúng ${popCount(size)} giá trị băm — ` +
          `a compact range of size ${size} has exactly ${popCount(size)} hashes, got ${hashes.length}`,
      );
    }
    this.#size = size;
    this.#hashes = hashes;
  }

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** The range of a tree whose perfect-subtree roots are known (see frontierNodes for which ones). */
  static of(size: number, hashes: readonly Hash[]): CompactRange {
    return new CompactRange(
      size,
      hashes.map((h) => new Uint8Array(h)),
    );
  }

  static fromJSON(state: CompactRangeState): CompactRange {
    if (typeof state !== 'object' || state === null || !Array.isArray(state.hashes)) {
      throw new MerkleError('MERKLE_BAD_FRONTIER', 'Biên cây Merkle không đọc được — not a compact range');
    }
    return new CompactRange(state.size, state.hashes.map(fromHex));
  }

  get size(): number {
    return this.#size;
  }

  /** The subtree roots, largest first (copies). */
  get hashes(): Hash[] {
    return this.#hashes.map((h) => new Uint8Array(h));
  }

  /** Adds one leaf (already leafHash(entry)); `onNode` sees the leaf and the nodes it completes. */
  append(leaf: Hash, onNode?: NodeSink): void {
    if (leaf.length !== HASH_SIZE) {
      throw new MerkleError(
        'MERKLE_BAD_HASH',
        'Giá trị băm của mục phải dài 32 byte — a leaf hash has 32 bytes',
      );
    }
    const position = this.#size;
    let hash = leaf;
    let level = 0;
    onNode?.(0, position, leaf);
    // Each trailing one-bit of the size is a perfect subtree of the same height as the carry:
    // merge them, as in binary addition.
    for (let s = position; isOdd(s); s = half(s)) {
      hash = nodeHash(this.#hashes.pop()!, hash);
      level++;
      onNode?.(level, Math.floor(position / 2 ** level), hash);
    }
    // A lone leaf is kept as given: copy it so that the caller may reuse its buffer.
    this.#hashes.push(level === 0 ? new Uint8Array(leaf) : hash);
    this.#size = position + 1;
  }

  appendAll(leaves: Iterable<Hash>, onNode?: NodeSink): void {
    for (const leaf of leaves) this.append(leaf, onNode);
  }

  /** MTH of the whole range: the subtree roots folded from the right. */
  root(): Hash {
    const hashes = this.#hashes;
    if (hashes.length === 0) return EMPTY_ROOT;
    let root = hashes[hashes.length - 1]!;
    for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
    return root;
  }

  clone(): CompactRange {
    return new CompactRange(this.#size, [...this.#hashes]);
  }

  toJSON(): CompactRangeState {
    return { size: this.#size, hashes: this.#hashes.map(toHex) };
  }
}

/**
 * The perfect subtrees that tile [start, end), left to right, each as large as its alignment
 * allows. For a subtree of the RFC 6962 recursion (start aligned to a power of two at least
 * end − start) they are the nodes whose right fold is its MTH; for [0, n) they are the compact
 * range of size n.
 */
export function perfectNodes(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let position = start;
  while (position < end) {
    let size = 1;
    let level = 0;
    while (position % (size * 2) === 0 && position + size * 2 <= end) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: position / size });
    position += size;
  }
  return nodes;
}

/** The nodes whose hashes make up CompactRange.of(size, …), largest first. */
export function frontierNodes(size: number): NodeId[] {
  checkSize(size, 'size');
  return perfectNodes(0, size);
}
