/** Row types: Dossiers, their history, tasks, attachments and ratings (module dossiers). */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DateOnly, Json } from './columns';

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
  /** Migration 0012: the chosen cases, the result delivery, the documents checked at the counter. */
  cases: ColumnType<string[], string | undefined, string>;
  result_delivery: 'counter' | 'post' | 'online' | null;
  result_address: string | null;
  documents_received: Json<string[]> | null;
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
  /** Hash chain (migrations 0011, 0021), set by trigger: stream, position in it, previous hash, own hash. */
  chain_stream: Generated<string>;
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
