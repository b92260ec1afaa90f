/** Public surface of the stats module: the official reports (Biểu 06) and their rollups. */
export {
  EMPTY_ROW,
  addRows,
  brokenInvariants,
  totalRow,
  classify,
  type Report06Row,
  type ReportDossier,
} from './report-06';
export { monthlyFlows, report06 } from './report-query';
export { StatsRollupJob, rewindRollups, rollUp, rollupState, type RollupState } from './rollup';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { statsModule } from './module';
