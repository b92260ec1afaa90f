/** Row types: The catalogue of procedures (module procedures). */
import type { Generated } from 'kysely';
import type { DateOnly, Json } from './columns';

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
  /** Internal notes of the catalogue editors (never public). */
  notes: string | null;
  /** Requirements and conditions for the applicant, public (migration 0015). */
  requirements: Generated<string | null>;
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
