/** Row types: official documents, their numbering and history (module documents, migration 0023). */
import type { Generated, JSONColumnType } from 'kysely';
import type { DateOnly, Json, Timestamp } from './columns';

export interface DocumentSettingsTable {
  unit_id: number;
  agency_abbreviation: string;
  place_name: string;
  administrative_series: Json<object>;
  unit_abbreviations: Json<Record<string, string>>;
  advisory_bodies: Json<Array<{ code: string; name: string; abbreviation: string }>>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface DocumentNumberCountersTable {
  unit_id: number;
  year: number;
  series: string;
  last_number: number;
}

export interface DocumentsTable {
  id: Generated<number>;
  direction: 'outgoing' | 'incoming';
  unit_id: number;
  drafting_unit_id: number | null;
  kind: string;
  subject: string;
  urgency: Generated<'normal' | 'urgent' | 'very_urgent' | 'flash' | 'flash_timed'>;
  urgency_deadline: Timestamp | null;
  secrecy: Generated<'none' | 'confidential' | 'secret' | 'top_secret'>;
  language: Generated<string>;
  page_amount: number | null;
  description: string | null;
  signer_user_id: number | null;
  signer_position: string | null;
  signer_name: string | null;
  signing_notation: 'TM.' | 'Q.' | 'KT.' | 'TL.' | 'TUQ.' | null;
  advisory_body: string | null;
  due_date: DateOnly | null;
  answers_document_id: number | null;
  amends_document_id: number | null;
  amendment: 'replacement' | 'correction' | null;
  amendment_reason: string | null;
  carried_over: JSONColumnType<CarriedOver | null, string | null | undefined, string | null>;
  status: string;
  version: Generated<number>;
  action_count: Generated<number>;
  series: string | null;
  number: number | null;
  code_number: string | null;
  code_notation: string | null;
  issued_date: DateOnly | null;
  arrival_series: string | null;
  arrival_number: number | null;
  arrival_date: DateOnly | null;
  issuer_organ_id: string | null;
  issuer_organ_name: string | null;
  source_document_id: number | null;
  body: string | null;
  authority_title: string | null;
  recipients: JSONColumnType<DocumentRecipient[], string | undefined, string>;
  electronic: Generated<boolean>;
  /** Folded metadata and PDF text for search (migration 0026; @tayninh/domain/documents/search). */
  search_text: Generated<string>;
  origin_code_number: string | null;
  origin_code_notation: string | null;
  origin_issued_date: DateOnly | null;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DocumentNumbersTable {
  unit_id: number;
  year: number;
  series: string;
  number: number;
  document_id: number | null;
  state: 'used' | 'cancelled';
  reason: string | null;
  taken_by: number;
  taken_at: Timestamp;
}

export interface DocumentActionsTable {
  id: Generated<number>;
  document_id: number;
  seq: number;
  type: string;
  at: Timestamp;
  actor_user_id: number | null;
  actor_unit_id: number | null;
  reason: string | null;
  payload: Json<object>;
  idempotency_key: string | null;
  /** Hash chain (migration 0023), set by trigger: stream, position in it, previous hash, own hash. */
  chain_stream: Generated<string>;
  chain_seq: Generated<number>;
  prev_hash: Generated<Uint8Array>;
  hash: Generated<Uint8Array>;
}

/** One line of the nơi nhận (Phụ lục I II.9): a unit of this deployment or an external agency. */
export interface DocumentRecipient {
  unitId?: number | null;
  organId?: string | null;
  name: string;
  purpose: 'action' | 'information';
}

export type DocumentFileRole =
  | 'draft'
  | 'attachment'
  | 'signed'
  | 'sealed'
  | 'sealed_attachment'
  | 'prepared'
  | 'received'
  | 'received_attachment';

export interface DocumentFilesTable {
  id: Generated<number>;
  document_id: number;
  role: DocumentFileRole;
  version: number;
  position: Generated<number>;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  layout: Json<object> | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocumentSignaturesTable {
  id: Generated<number>;
  document_id: number;
  kind: 'person' | 'agency';
  method: 'held_key' | 'token' | 'external';
  file_id: number;
  user_id: number | null;
  unit_id: number | null;
  certificate_fingerprint: string;
  certificate_serial: string;
  certificate_subject: string;
  signed_at: Timestamp;
  timestamp_at: Timestamp | null;
}

export interface DocumentDeliveriesTable {
  document_id: number;
  position: number;
  unit_id: number | null;
  organ_id: string | null;
  name: string;
  state: 'delivered' | 'queued_external' | 'paper' | 'returned' | 'recalled';
  incoming_document_id: number | null;
  at: Timestamp;
}

export interface DocumentAssigneesTable {
  document_id: number;
  seq: number;
  role: 'lead' | 'coordinator' | 'assignee';
  unit_id: number;
  user_id: number | null;
  due_date: DateOnly | null;
  assigned_by: number;
  assigned_at: Timestamp;
}

export interface DocumentGrantsTable {
  document_id: number;
  user_id: number;
  granted_by: number;
  granted_at: Timestamp;
  reason: string;
}

/** What the previous document software recorded of a document carried over from it. */
export interface CarriedOver {
  system: string;
  personSigned: boolean;
  agencySigned: boolean;
}
