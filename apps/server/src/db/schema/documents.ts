/** Row types: official documents, their numbering and history (module documents, migration 0023). */
import type { Generated } from 'kysely';
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
