/** Users and role grants as the users page shows and edits them (pure helpers). */
import type { paths } from '../api/schema';

export const USERS_KEY = ['admin', 'users'] as const;

export type AdminUser =
  paths['/api/admin/users/{id}']['get']['responses'][200]['content']['application/json'];
export type RoleGrant = AdminUser['roles'][number];
export type Role = RoleGrant['role'];
export type GrantableRole = Exclude<Role, 'citizen'>;

export const GRANTABLE_ROLES: readonly GrantableRole[] = [
  'receiving_officer',
  'specialist',
  'leader',
  'agency_admin',
  'system_admin',
];
/** Roles an agency administrator may hand out (the server refuses the others). */
export const AGENCY_GRANTABLE_ROLES: readonly GrantableRole[] = [
  'receiving_officer',
  'specialist',
  'leader',
  'agency_admin',
];

export function grantableRoles(systemAdmin: boolean): readonly GrantableRole[] {
  return systemAdmin ? GRANTABLE_ROLES : AGENCY_GRANTABLE_ROLES;
}

export interface ProfileValues {
  fullName: string;
  email: string;
  phone: string;
  primaryUnitId: string | null;
}

export type ProfilePatch = Partial<{
  fullName: string;
  email: string | null;
  phone: string | null;
  primaryUnitId: number;
}>;

/** Only what changed, for PATCH /api/admin/users/:id (the reason is added by the caller). */
export function profileChanges(user: AdminUser, values: ProfileValues): ProfilePatch {
  const patch: ProfilePatch = {};
  const fullName = values.fullName.trim();
  if (fullName !== user.fullName) patch.fullName = fullName;
  const email = values.email.trim() || null;
  if (email !== user.email) patch.email = email;
  const phone = values.phone.trim() || null;
  if (phone !== user.phone) patch.phone = phone;
  const unit = values.primaryUnitId ? Number(values.primaryUnitId) : null;
  if (unit !== null && unit !== (user.primaryUnit?.id ?? null)) patch.primaryUnitId = unit;
  return patch;
}
