/** Public surface of the dossiers module: submission, intake, processing and results of dossiers. */
export { MAX_FILE_BYTES } from './attachments';
export { formatDossierCode } from './codes';
export { ratingRow, timeScore, type Satisfaction, type Score } from './rating';
export { dossierCodeSql, nextDossierCode } from './store/codes';
// Commands for a system actor (no account): payments confirming a fee.
export { runDossierCommand, type ActInput, type SystemActor } from './use-cases/act';
// The one writer of the dossier tables, for those who write past histories: the demo seed, the
// test helpers and the benchmarks (store/import.ts, store/corrections.ts).
export { importDossierRows, importDossiers, type ImportedDossier } from './store/import';
export { correctDossier, type DossierCorrection } from './store/corrections';
export { insertRating as importRating } from './store/ratings';
// The deadline rules, for the demo seed's histories (rules/deadlines.ts).
export {
  applicableDuration,
  appointmentOf,
  dueAfterSupplement,
  mayApologiseAt,
  maySupplementAt,
  supplementDeadline,
  type Clock,
} from './rules/deadlines';
// For the evidence log: which of a dossier's actions a principal may see proofs of.
export { visibleActions } from './officer-reads';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { dossiersModule } from './module';
