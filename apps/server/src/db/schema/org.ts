/** Row types: The administrative tree, users and their roles (module org). */
import type { Generated } from 'kysely';
import type { Timestamp, DateOnly } from './columns';

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
  // Văn thư (migration 0023): receives, registers, numbers, seals and issues documents.
  'clerk',
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
