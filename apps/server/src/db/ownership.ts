/**
 * Who owns each table: the one module whose code may name it in SQL (read or write). Another
 * module reads it through the owner's public functions (its index.ts) or through a view the
 * owner publishes in a migration (listed in VIEWS). The boundary test (boundaries.test.ts) fails
 * on a table not listed here, on a module naming a table it does not own, and on an import of
 * another module's internals.
 */
export const TABLES = {
  // The migration runner's own record (db/migrate.ts, outside any module).
  schema_migrations: 'db',
  audit_events: 'audit',
  units: 'org',
  unit_successions: 'org',
  users: 'org',
  role_grants: 'org',
  sessions: 'auth',
  api_tokens: 'auth',
  login_throttle: 'auth',
  calendar_years: 'calendar',
  calendar_days: 'calendar',
  // Platform settings; today only the office hours, kept by the calendar.
  settings: 'calendar',
  procedure_fields: 'procedures',
  procedures: 'procedures',
  procedure_versions: 'procedures',
  procedure_search: 'procedures',
  dossiers: 'dossiers',
  dossier_actions: 'dossiers',
  dossier_code_counters: 'dossiers',
  dossier_open_tasks: 'dossiers',
  dossier_attachments: 'dossiers',
  dossier_ratings: 'dossiers',
  notification_outbox: 'notifications',
  document_settings: 'documents',
  document_number_counters: 'documents',
  documents: 'documents',
  document_numbers: 'documents',
  document_actions: 'documents',
  document_files: 'documents',
  document_signatures: 'documents',
  document_deliveries: 'documents',
  document_assignees: 'documents',
  document_grants: 'documents',
  trust_anchors: 'trust',
  trust_intermediates: 'trust',
  trust_certificates: 'trust',
  trust_crls: 'trust',
  trust_keys: 'trust',
  trust_revocation_checks: 'trust',
  // The evidence log (migration 0021). evidence_entries is written by the history tables' chain
  // trigger in the database, in the writing transaction; the rest by the sealing job.
  evidence_entries: 'evidence',
  evidence_checkpoints: 'evidence',
  evidence_leaves: 'evidence',
  evidence_nodes: 'evidence',
  evidence_state: 'evidence',
  stats_daily: 'stats',
  stats_rollup_state: 'stats',
  // The kernel's own (platform/jobs.ts, counters.ts, revisions.ts; migration 0018).
  job_runs: 'platform',
  shared_counters: 'platform',
  cache_revisions: 'platform',
} as const satisfies Record<string, string>;

/**
 * Views a module publishes for the others to read, never to write (migration 0017): the owner
 * keeps them true when its tables change; they leave out secrets and personal data.
 */
export const VIEWS = {
  units_view: 'org',
  unit_successions_view: 'org',
  users_view: 'org',
  role_grants_view: 'org',
  procedures_view: 'procedures',
  procedure_versions_view: 'procedures',
  procedure_search_view: 'procedures',
  dossiers_view: 'dossiers',
  dossier_actions_view: 'dossiers',
  document_actions_view: 'documents',
  dossier_ratings_view: 'dossiers',
} as const satisfies Record<string, string>;

/** Modules that copy the whole database table by table (backup and restore): they may name any table. */
export const WHOLE_DATABASE_MODULES: readonly string[] = ['backup'];

export type TableName = keyof typeof TABLES;
