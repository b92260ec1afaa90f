/** Public surface of the audit module: recording who changed what, and verifying the history chains. */
export { SYSTEM_ACTOR, recordAudit, recordAuditBatch, type Actor, type AuditEntry } from './audit';
export {
  CHAIN_TABLES,
  checkAnchor,
  describeReport,
  historyRows,
  verifyChains,
  type ChainAnchor,
  type ChainReport,
  type ChainTable,
} from './chain';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { auditModule } from './module';
