/**
 * Row types of the database for Kysely, one file per owning module under schema/ (ownership.ts).
 * Kept by hand next to the SQL migrations and held against the migrated schema by
 * schema-drift.test.ts; the comments on each column live in the migrations (COMMENT ON).
 */
import type { PlatformTables } from './schema-platform';
import type { AuditEventsTable } from './schema/audit';
import type {
  DocumentActionsTable,
  DocumentAssigneesTable,
  DocumentDeliveriesTable,
  DocumentFilesTable,
  DocumentGrantsTable,
  DocumentSignaturesTable,
  DocumentNumberCountersTable,
  DocumentNumbersTable,
  DocumentSettingsTable,
  DocumentsTable,
} from './schema/documents';
import type { ApiTokensTable, LoginThrottleTable, SessionsTable } from './schema/auth';
import type { CalendarDaysTable, CalendarYearsTable, SettingsTable } from './schema/calendar';
import type {
  DossierActionsTable,
  DossierAttachmentsTable,
  DossierCodeCountersTable,
  DossierOpenTasksTable,
  DossierRatingsTable,
  DossiersTable,
} from './schema/dossiers';
import type {
  EvidenceCheckpointsTable,
  EvidenceEntriesTable,
  EvidenceLeavesTable,
  EvidenceNodesTable,
  EvidenceStateTable,
} from './schema/evidence';
import type { NotificationOutboxTable } from './schema/notifications';
import type { RoleGrantsTable, UnitSuccessionsTable, UnitsTable, UsersTable } from './schema/org';
import type {
  ProcedureFieldsTable,
  ProcedureSearchTable,
  ProceduresTable,
  ProcedureVersionsTable,
} from './schema/procedures';
import type { StatsDailyTable, StatsRollupStateTable } from './schema/stats';
import type {
  TrustAnchorsTable,
  TrustCertificatesTable,
  TrustCrlsTable,
  TrustIntermediatesTable,
  TrustKeysTable,
  TrustRevocationChecksTable,
} from './schema/trust';
import type {
  DocumentActionsView,
  DossierActionsView,
  DossierRatingsView,
  DossiersView,
  ProcedureSearchView,
  ProceduresView,
  ProcedureVersionsView,
  RoleGrantsView,
  UnitSuccessionsView,
  UnitsView,
  UsersView,
} from './schema/views';

export * from './schema/audit';
export * from './schema/auth';
export * from './schema/calendar';
export * from './schema/documents';
export * from './schema/dossiers';
export * from './schema/evidence';
export * from './schema/notifications';
export * from './schema/org';
export * from './schema/procedures';
export * from './schema/stats';
export * from './schema/trust';
export * from './schema/views';

export interface Database extends PlatformTables {
  units_view: UnitsView;
  unit_successions_view: UnitSuccessionsView;
  users_view: UsersView;
  role_grants_view: RoleGrantsView;
  procedures_view: ProceduresView;
  procedure_versions_view: ProcedureVersionsView;
  procedure_search_view: ProcedureSearchView;
  dossiers_view: DossiersView;
  dossier_actions_view: DossierActionsView;
  dossier_ratings_view: DossierRatingsView;
  document_actions_view: DocumentActionsView;
  document_settings: DocumentSettingsTable;
  document_number_counters: DocumentNumberCountersTable;
  documents: DocumentsTable;
  document_numbers: DocumentNumbersTable;
  document_actions: DocumentActionsTable;
  document_files: DocumentFilesTable;
  document_signatures: DocumentSignaturesTable;
  document_deliveries: DocumentDeliveriesTable;
  document_assignees: DocumentAssigneesTable;
  document_grants: DocumentGrantsTable;
  stats_daily: StatsDailyTable;
  stats_rollup_state: StatsRollupStateTable;
  dossier_ratings: DossierRatingsTable;
  notification_outbox: NotificationOutboxTable;
  dossier_attachments: DossierAttachmentsTable;
  dossier_open_tasks: DossierOpenTasksTable;
  dossiers: DossiersTable;
  dossier_actions: DossierActionsTable;
  dossier_code_counters: DossierCodeCountersTable;
  procedure_search: ProcedureSearchTable;
  audit_events: AuditEventsTable;
  units: UnitsTable;
  unit_successions: UnitSuccessionsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  settings: SettingsTable;
  procedure_fields: ProcedureFieldsTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  trust_anchors: TrustAnchorsTable;
  trust_intermediates: TrustIntermediatesTable;
  trust_certificates: TrustCertificatesTable;
  trust_crls: TrustCrlsTable;
  trust_keys: TrustKeysTable;
  trust_revocation_checks: TrustRevocationChecksTable;
  evidence_entries: EvidenceEntriesTable;
  evidence_checkpoints: EvidenceCheckpointsTable;
  evidence_leaves: EvidenceLeavesTable;
  evidence_nodes: EvidenceNodesTable;
  evidence_state: EvidenceStateTable;
}
