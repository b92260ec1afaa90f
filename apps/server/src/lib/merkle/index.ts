/**
 * RFC 6962 (Certificate Transparency) Merkle trees over SHA-256, for the evidence log of issue
 * #13: leaf and node hashing, the tree hash of any number of leaves, inclusion and consistency
 * proofs and their verification (RFC 9162 §2.1.3.2 and §2.1.4.2), an incremental compact range
 * for the sealing job, and proofs answered from stored nodes. See docs/TRUST-MERKLE.md.
 */
export * from './hash';
export { consistencyProof, inclusionProof, rootOf } from './tree';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify';
export {
  CompactRange,
  frontierNodes,
  perfectNodes,
  type CompactRangeState,
  type NodeId,
  type NodeSink,
} from './compact';
export {
  compactRangeFrom,
  consistencyPlan,
  consistencyProofFrom,
  hashAtFromLeaves,
  inclusionPlan,
  inclusionProofFrom,
  NodeMap,
  rootFrom,
  type HashAt,
  type LeavesRange,
  type ProofPlan,
} from './stored';
