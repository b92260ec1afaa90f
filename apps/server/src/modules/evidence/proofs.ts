/**
 * Proofs over the stored tree: an entry's inclusion in a checkpoint, and the consistency of two
 * checkpoints (the later tree extends the earlier one). Each is a handful of node reads, fetched
 * in one query (lib/merkle's plans), and checked here before it is answered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../http/errors';
import {
  consistencyPlan,
  inclusionPlan,
  leafHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeId,
} from '../../lib/merkle';
import {
  checkpointBySeq,
  checkpointCovering,
  latestCheckpoint,
  nodesAt,
  type CheckpointRow,
  type EntryLocation,
} from './store';

export interface InclusionProof {
  entryId: number;
  stream: string;
  streamSeq: number;
  /** The entry's chain hash: the leaf's data. */
  entryHash: string;
  leafIndex: number;
  leafHash: string;
  checkpoint: number;
  treeSize: number;
  rootHash: string;
  auditPath: string[];
}

export interface ConsistencyProof {
  fromCheckpoint: number;
  toCheckpoint: number;
  oldSize: number;
  newSize: number;
  oldRootHash: string;
  newRootHash: string;
  proof: string[];
}

async function fetchPlan(db: Kysely<Database>, nodes: readonly NodeId[]): Promise<Hash[]> {
  const found = await nodesAt(db, nodes);
  return nodes.map((node) => {
    const hash = found.get(`${node.level}/${node.index}`);
    if (!hash) throw new Error(`evidence: node (${node.level}, ${node.index}) is not stored`);
    return hash;
  });
}

export function notSealedYet(entryId: number): DomainError {
  return new DomainError({
    code: 'evidence_not_sealed',
    status: 409,
    message: `Mục ${entryId} đã được ghi nhưng chưa được niêm phong vào một điểm kiểm (việc này diễn ra sau vài giây); hãy thử lại.`,
    messageEn: `Entry ${entryId} is recorded but not yet sealed into a checkpoint (this takes a few seconds); try again.`,
    headers: { 'retry-after': '5' },
  });
}

/**
 * The proof of `entry` against a checkpoint: given (a caller proving several entries reads it
 * once), by number, or the latest one.
 */
export async function inclusionProofOf(
  db: Kysely<Database>,
  entry: EntryLocation,
  at?: number | CheckpointRow,
): Promise<InclusionProof> {
  if (entry.leafIndex === null) throw notSealedYet(entry.entryId);
  const seq = typeof at === 'number' ? at : undefined;
  const checkpoint =
    typeof at === 'object'
      ? at
      : seq === undefined
        ? await latestCheckpoint(db)
        : await checkpointBySeq(db, seq);
  if (!checkpoint) throw notFound(`điểm kiểm ${seq ?? ''}`.trim(), `Checkpoint ${seq ?? ''}`.trim());
  const treeSize = Number(checkpoint.tree_size);
  if (entry.leafIndex >= treeSize) {
    const first = await checkpointCovering(db, entry.leafIndex);
    throw new DomainError({
      code: 'evidence_after_checkpoint',
      status: 422,
      message: `Mục ${entry.entryId} được niêm phong sau điểm kiểm ${checkpoint.seq} (từ điểm kiểm ${first?.seq ?? '?'}).`,
      messageEn: `Entry ${entry.entryId} was sealed after checkpoint ${checkpoint.seq} (from checkpoint ${first?.seq ?? '?'}).`,
    });
  }
  const plan = inclusionPlan(entry.leafIndex, treeSize);
  const path = plan.assemble(await fetchPlan(db, plan.nodes));
  const leaf = leafHash(entry.hash);
  if (!verifyInclusion(leaf, entry.leafIndex, treeSize, path, checkpoint.root_hash))
    throw new Error(
      `evidence: the stored tree does not prove entry ${entry.entryId} in checkpoint ${checkpoint.seq}`,
    );
  return {
    entryId: entry.entryId,
    stream: entry.stream,
    streamSeq: entry.streamSeq,
    entryHash: toHex(entry.hash),
    leafIndex: entry.leafIndex,
    leafHash: toHex(leaf),
    checkpoint: Number(checkpoint.seq),
    treeSize,
    rootHash: toHex(checkpoint.root_hash),
    auditPath: path.map(toHex),
  };
}

/** The consistency proof from checkpoint `from` to checkpoint `to` (the latest when absent). */
export async function consistencyProofOf(
  db: Kysely<Database>,
  from: number,
  to?: number,
): Promise<ConsistencyProof> {
  const older = await checkpointBySeq(db, from);
  const newer: CheckpointRow | null =
    to === undefined ? await latestCheckpoint(db) : await checkpointBySeq(db, to);
  if (!older) throw notFound(`điểm kiểm ${from}`, `Checkpoint ${from}`);
  if (!newer) throw notFound(`điểm kiểm ${to ?? ''}`.trim(), `Checkpoint ${to ?? ''}`.trim());
  if (Number(newer.seq) < Number(older.seq))
    throw new DomainError({
      code: 'evidence_bad_range',
      status: 422,
      message: `Điểm kiểm ${newer.seq} có trước điểm kiểm ${older.seq}.`,
      messageEn: `Checkpoint ${newer.seq} comes before checkpoint ${older.seq}.`,
    });
  const oldSize = Number(older.tree_size);
  const newSize = Number(newer.tree_size);
  const plan = consistencyPlan(oldSize, newSize);
  const proof = plan.assemble(await fetchPlan(db, plan.nodes));
  if (!verifyConsistency(oldSize, newSize, proof, older.root_hash, newer.root_hash))
    throw new Error(
      `evidence: the stored tree is not consistent from checkpoint ${older.seq} to ${newer.seq}`,
    );
  return {
    fromCheckpoint: Number(older.seq),
    toCheckpoint: Number(newer.seq),
    oldSize,
    newSize,
    oldRootHash: toHex(older.root_hash),
    newRootHash: toHex(newer.root_hash),
    proof: proof.map(toHex),
  };
}
