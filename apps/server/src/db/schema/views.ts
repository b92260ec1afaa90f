import type { DocumentActionsTable } from './documents';
import type { DossierActionsTable, DossierRatingsTable, DossiersTable } from './dossiers';
import type { RoleGrantsTable, UnitSuccessionsTable, UnitsTable, UsersTable } from './org';
import type { ProcedureSearchTable, ProceduresTable, ProcedureVersionsTable } from './procedures';

/** Views the owners publish for other modules to read (migration 0017, ownership.ts): never written. */
export type UnitsView = UnitsTable;
export type UnitSuccessionsView = UnitSuccessionsTable;
export type UsersView = Pick<
  UsersTable,
  'id' | 'username' | 'full_name' | 'kind' | 'primary_unit_id' | 'status' | 'created_at'
>;
export type RoleGrantsView = RoleGrantsTable;
export type ProceduresView = ProceduresTable;
export type ProcedureVersionsView = ProcedureVersionsTable;
export type ProcedureSearchView = ProcedureSearchTable;
export type DossiersView = Omit<
  DossiersTable,
  'applicant' | 'form_data' | 'idempotency_key' | 'result_address' | 'documents_received'
>;
export type DossierActionsView = Omit<
  DossierActionsTable,
  'reason' | 'idempotency_key' | 'chain_seq' | 'prev_hash' | 'hash'
>;
export type DossierRatingsView = Omit<DossierRatingsTable, 'comment'>;
export type DocumentActionsView = Omit<
  DocumentActionsTable,
  'reason' | 'payload' | 'idempotency_key' | 'chain_seq' | 'prev_hash' | 'hash'
>;
