/**
 * Row types of the database for Kysely. Kept by hand next to the SQL migrations; the comments
 * on each column live in the migrations (COMMENT ON), not here.
 */
import type { ColumnType, Generated, JSONColumnType, RawBuilder } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Generated<Date>;
  actor_user_id: number | null;
  actor_label: string;
  ip_address: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  reason: string | null;
  before: Json<object> | null;
  after: Json<object> | null;
  /** Hash chain (migration 0011), set by trigger: position, previous entry's hash, own hash. */
  chain_seq: Generated<number>;
  prev_hash: Generated<Uint8Array>;
  hash: Generated<Uint8Array>;
}

export type UnitKind = 'province' | 'district' | 'commune' | 'department' | 'service_centre' | 'office';
export type Tier = 'province' | 'district' | 'commune';

export interface UnitsTable {
  id: Generated<number>;
  agency_code: string | null;
  agency_code_confirmed: Generated<boolean>;
  admin_area_code: string | null;
  name: string;
  kind: UnitKind;
  tier: Tier;
  parent_id: number | null;
  valid_from: DateOnly;
  valid_until: DateOnly | null;
  search_text: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UnitSuccessionsTable {
  id: Generated<number>;
  predecessor_id: number;
  successor_id: number;
  effective_date: DateOnly;
  whole: Generated<boolean>;
  legal_basis: string;
}

export type UserKind = 'citizen' | 'officer';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  kind: UserKind;
  identity_number: string | null;
  primary_unit_id: number | null;
  password_hash: string;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export const ROLES = [
  'citizen',
  'receiving_officer',
  'specialist',
  'leader',
  'agency_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  unit_id: number | null;
  include_subtree: Generated<boolean>;
  granted_by: number | null;
  granted_at: Generated<Date>;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token_hash: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_prefix: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  last_failure_at: Timestamp | null;
  locked_until: Timestamp | null;
}

export interface CalendarYearsTable {
  year: number;
  status: 'official' | 'provisional';
  source: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  date: DateOnly;
  year: number;
  kind: 'holiday' | 'compensatory' | 'swapped-off' | 'weekend-in-break' | 'swapped-workday';
  name: string;
  source: string;
}

export interface SettingsTable {
  key: string;
  value: Json<object>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface ProcedureFieldsTable {
  code: string;
  name: string;
}

export interface ProceduresTable {
  id: Generated<number>;
  code: string;
  current_version: Generated<number>;
  created_at: Generated<Date>;
}

export interface ProcedureVersionsTable {
  id: Generated<number>;
  procedure_id: number;
  version: number;
  effective_from: DateOnly;
  effective_until: DateOnly | null;
  decision: string | null;
  name: string;
  field_code: string;
  levels: string[];
  implementing_agency: string;
  handling_unit_id: number | null;
  online_level: number | null;
  online_class: string | null;
  channels: Json<object>;
  documents: Json<object>;
  result: string;
  legal_basis: Json<object>;
  sub_cases: Json<object>;
  steps: Json<object>;
  form_schema: Json<object>;
  deadline_policy: Json<object>;
  notes: string | null;
  content_hash: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface ProcedureSearchTable {
  version_id: number;
  procedure_id: number;
  version: number;
  code: string;
  name: string;
  field_code: string;
  levels: string[];
  implementing_agency: string;
  handling_unit_id: number | null;
  online_level: number | null;
  online_class: string | null;
  channel_durations: Json<object>;
  effective_from: DateOnly;
  effective_until: DateOnly | null;
  search_name: string;
}

export interface DossiersTable {
  id: Generated<number>;
  code: string | null;
  procedure_version_id: number;
  procedure_code: string;
  receiving_unit_id: number;
  handling_unit_id: number;
  applicant_user_id: number | null;
  applicant: Json<object>;
  channel: 'online' | 'counter' | 'post';
  form_data: Json<object>;
  status: string;
  submitted_at: Timestamp | null;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  original_due_at: Timestamp | null;
  completed_at: Timestamp | null;
  assignee_id: number | null;
  created_by: number;
  idempotency_key: string | null;
  action_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DossierActionsTable {
  id: Generated<number>;
  dossier_id: number;
  seq: number;
  type: string;
  at: Timestamp;
  actor_user_id: number | null;
  actor_unit_id: number | null;
  reason: string | null;
  payload: Json<object>;
  idempotency_key: string | null;
  /** Hash chain (migration 0011), set by trigger: position, previous entry's hash, own hash. */
  chain_seq: Generated<number>;
  prev_hash: Generated<Uint8Array>;
  hash: Generated<Uint8Array>;
}

export interface DossierCodeCountersTable {
  agency_code: string;
  day: DateOnly;
  last_number: number;
}

export interface DossierOpenTasksTable {
  task_id: string;
  dossier_id: number;
  unit_id: number;
  task: string;
  due_at: Timestamp;
  opened_at: Timestamp;
}

/** What an attachment is for (migration 0010): recorded at upload, never inferred. */
export const ATTACHMENT_PURPOSES = ['document', 'supplement', 'result'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

export interface DossierAttachmentsTable {
  id: Generated<number>;
  dossier_id: number;
  document_code: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: Generated<Date>;
  purpose: Generated<AttachmentPurpose>;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  dossier_id: number;
  action_seq: number;
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
  created_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string | RawBuilder<unknown>>;
  sent_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
}

export interface DossierRatingsTable {
  dossier_id: number;
  rated_by: number;
  rated_at: Generated<Date>;
  time_score: number;
  contacts_score: number;
  bodies_score: number;
  attitude_score: number;
  satisfaction: string;
  comment: string | null;
}

export interface StatsDailyTable {
  unit_id: number;
  day: DateOnly;
  received_online: number;
  received_counter_or_post: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  withdrawn_or_stopped: number;
  open_at_end: number;
  open_within_time_at_end: number;
}

export interface StatsRollupStateTable {
  id: Generated<boolean>;
  rolled_through: DateOnly | null;
  claimed_through: DateOnly | null;
  claimed_at: Timestamp | null;
  dirty_from: DateOnly | null;
  updated_at: Generated<Date>;
}

export interface Database {
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
}
