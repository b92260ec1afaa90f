/** Row types: the evidence log — entries, signed checkpoints, the tree's leaves and nodes (module evidence). */
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './columns';

export type EvidenceSource = 'audit_events' | 'dossier_actions' | 'document_actions';

export interface EvidenceEntriesTable {
  id: Generated<number>;
  source: EvidenceSource;
  source_id: number;
  stream: string;
  stream_seq: number;
  hash: Uint8Array;
  /** xid8, as decimal text. */
  txid: Generated<string>;
  recorded_at: Generated<Date>;
}

/** The compact range a checkpoint leaves (lib/merkle CompactRange.toJSON()). */
export interface FrontierJson {
  size: number;
  hashes: string[];
}

export interface EvidenceCheckpointsTable {
  seq: number;
  tree_size: number;
  root_hash: Uint8Array;
  previous_head_hash: Uint8Array;
  sealed_at: Timestamp;
  head: Uint8Array;
  signature: Uint8Array;
  signer_fingerprint: string;
  timestamp_token: Uint8Array;
  timestamp_at: Timestamp;
  frontier: Json<FrontierJson>;
  entries: number;
  oldest_recorded_at: Timestamp;
}

export interface EvidenceLeavesTable {
  leaf_index: number;
  entry_id: number;
  checkpoint_seq: number;
  leaf_hash: Uint8Array;
}

export interface EvidenceNodesTable {
  level: number;
  node_index: number;
  hash: Uint8Array;
}

export interface EvidenceStateTable {
  id: number;
  /** xid8 as decimal text; null before the first round in this cluster. */
  sealed_below: string | null;
}
