/**
 * Proofs over a stored log, without loading every leaf. The store answers `hashAt(level, index)`:
 * the root of the perfect subtree of 2^level leaves from index·2^level (level 0: an entry's leaf
 * hash). The sealing job can keep every interior node as CompactRange.append reports it (about
 * one row per entry), and a node never changes once complete, so one table serves the proofs of
 * every checkpoint.
 *
 * Cost with such a node table, for a tree of n leaves: an inclusion or consistency proof has at
 * most ⌈log2 n⌉ + 1 hashes; all of them are perfect nodes (one read each) but the one sibling on
 * the tree's right edge, which is at most ⌊log2 n⌋ perfect nodes folded together. So at most
 * 2⌈log2 n⌉ + 1 reads (41 for a million leaves), fetched in one batch (the plan's `nodes`), and
 * fewer than log2 n hashes. The tree hash of any size costs popcount(n) reads.
 *
 * With only the leaves (hashAtFromLeaves over a `leavesRange(from, to)` reader) a node of level L
 * reads 2^L leaves and hashes 2^L − 1 nodes: an inclusion proof reads n − 1 leaves, O(n). Fine for
 * audit:verify, which reads everything anyway, or small logs; not for a route over millions.
 */
import { MerkleError, nodeHash, type Hash } from './hash';
import { CompactRange, frontierNodes, perfectNodes, type NodeId, type NodeSink } from './compact';
import { rootOf } from './tree';
import { checkSize, splitPoint } from './sizes';

/** The stored hash of a perfect subtree, or undefined when the store does not have it. */
export type HashAt = (level: number, index: number) => Hash | undefined | Promise<Hash | undefined>;

/** The leaf hashes of entries from (inclusive) to (exclusive), in order. */
export type LeavesRange = (from: number, to: number) => readonly Hash[] | Promise<readonly Hash[]>;

/** What a proof needs from the store, and how to make the proof from the answers (same order). */
export interface ProofPlan {
  nodes: NodeId[];
  assemble(hashes: readonly Hash[]): Hash[];
}

/** A subtree of the RFC 6962 recursion: leaves [start, end). */
interface Span {
  start: number;
  end: number;
}

function planOf(spans: Span[]): ProofPlan {
  const parts = spans.map((s) => perfectNodes(s.start, s.end));
  return {
    nodes: parts.flat(),
    assemble(hashes) {
      const expected = parts.reduce((sum, p) => sum + p.length, 0);
      if (hashes.length !== expected) {
        throw new MerkleError(
          'MERKLE_MISSING_NODE',
          `Thiếu nút cây Merkle: cần ${expected}, có ${hashes.length} — expected ${expected} node hashes, got ${hashes.length}`,
        );
      }
      let offset = 0;
      return parts.map((part) => {
        const own = hashes.slice(offset, offset + part.length);
        offset += part.length;
        // Right fold, as MTH splits a right-edge subtree.
        let hash = own[own.length - 1]!;
        for (let i = own.length - 2; i >= 0; i--) hash = nodeHash(own[i]!, hash);
        return hash;
      });
    },
  };
}

/** The plan of PATH(index, D[treeSize]), leaf to root as verifyInclusion expects. */
export function inclusionPlan(index: number, treeSize: number): ProofPlan {
  checkSize(index, 'leafIndex');
  checkSize(treeSize, 'treeSize');
  if (index >= treeSize) {
    throw new MerkleError(
      'MERKLE_INDEX_OUT_OF_RANGE',
      `Mục ${index} không có trong cây ${treeSize} mục — leaf ${index} is not in a tree of size ${treeSize}`,
    );
  }
  const spans: Span[] = [];
  let [m, start, end] = [index, 0, treeSize];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      spans.push({ start: start + k, end });
      end = start + k;
    } else {
      spans.push({ start, end: start + k });
      [m, start] = [m - k, start + k];
    }
  }
  return planOf(spans.reverse());
}

/** The plan of PROOF(oldSize, D[newSize]). */
export function consistencyPlan(oldSize: number, newSize: number): ProofPlan {
  checkSize(oldSize, 'oldSize');
  checkSize(newSize, 'newSize');
  if (oldSize > newSize) {
    throw new MerkleError(
      'MERKLE_BAD_SIZE',
      `Cây cũ (${oldSize} mục) lớn hơn cây mới (${newSize} mục) — old size ${oldSize} exceeds new size ${newSize}`,
    );
  }
  const spans: Span[] = [];
  if (oldSize === 0 || oldSize === newSize) return planOf(spans);
  let [m, start, end, whole] = [oldSize, 0, newSize, true];
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      spans.push({ start: start + k, end });
      end = start + k;
    } else {
      spans.push({ start, end: start + k });
      [m, start, whole] = [m - k, start + k, false];
    }
  }
  if (!whole) spans.push({ start, end });
  return planOf(spans.reverse());
}

async function fetchAll(hashAt: HashAt, nodes: readonly NodeId[]): Promise<Hash[]> {
  const hashes = await Promise.all(nodes.map(async (n) => hashAt(n.level, n.index)));
  return hashes.map((hash, i) => {
    if (hash === undefined) {
      const { level, index } = nodes[i]!;
      throw new MerkleError(
        'MERKLE_MISSING_NODE',
        `Không tìm thấy nút cây Merkle (tầng ${level}, vị trí ${index}) — node (${level}, ${index}) is not stored`,
      );
    }
    return hash;
  });
}

export async function inclusionProofFrom(hashAt: HashAt, index: number, treeSize: number): Promise<Hash[]> {
  const plan = inclusionPlan(index, treeSize);
  return plan.assemble(await fetchAll(hashAt, plan.nodes));
}

export async function consistencyProofFrom(
  hashAt: HashAt,
  oldSize: number,
  newSize: number,
): Promise<Hash[]> {
  const plan = consistencyPlan(oldSize, newSize);
  return plan.assemble(await fetchAll(hashAt, plan.nodes));
}

/** The compact range of the first `size` leaves, from popcount(size) stored nodes. */
export async function compactRangeFrom(hashAt: HashAt, size: number): Promise<CompactRange> {
  return CompactRange.of(size, await fetchAll(hashAt, frontierNodes(size)));
}

/** The tree hash at any past size, from popcount(size) stored nodes. */
export async function rootFrom(hashAt: HashAt, size: number): Promise<Hash> {
  return (await compactRangeFrom(hashAt, size)).root();
}

/** A HashAt that computes each node from its leaves: 2^level leaves read per node (see above). */
export function hashAtFromLeaves(leavesRange: LeavesRange): HashAt {
  return async (level, index) => {
    const width = 2 ** level;
    const leaves = await leavesRange(index * width, (index + 1) * width);
    return leaves.length === width ? rootOf(leaves) : undefined;
  };
}

/** Nodes kept in memory, fed by CompactRange.append: what a node table holds, for tests and tools. */
export class NodeMap {
  readonly #nodes = new Map<string, Hash>();

  readonly record: NodeSink = (level, index, hash) => {
    this.#nodes.set(`${level}/${index}`, hash);
  };

  readonly hashAt = (level: number, index: number): Hash | undefined => this.#nodes.get(`${level}/${index}`);

  get size(): number {
    return this.#nodes.size;
  }
}
