/**
 * Public surface of the evidence module: the signed, timestamped checkpoints of the history
 * entries (migration 0021), their proofs, and their verification. See docs/EVIDENCE.md.
 */
export { headBytes, headHash, parseHead, LOG_ID, type TreeHead } from './head';
export { sealRound, sealUntilCaughtUp, type SealingKit, type SealResult } from './seal';
export { openSealingKit } from './job';
export { inclusionProofOf, consistencyProofOf, type InclusionProof, type ConsistencyProof } from './proofs';
export { evidenceLogPresent, rebaseAfterRestore } from './restore';
export { latestCheckpointSummary } from './store';
export {
  compareWithSource,
  describeEvidence,
  verifyEvidence,
  type CheckpointAnchor,
  type EvidenceReport,
} from './verify';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { evidenceModule } from './module';
