/**
 * Who may do what, as pure functions. A role is held in a unit and, when the grant says so, in
 * every unit below it. The system administrator acts province-wide. Where a role is held is the
 * domain's rule (@tayninh/domain/org/grants), which the web applies too; this adds permissions.
 */
import {
  GLOBAL_ROLE,
  holdsRoleAnywhere,
  holdsRoleIn,
  holdsRoleOverSubtree,
  type UnitGrant,
} from '@tayninh/domain/org/grants';
import type { Role, UserKind } from '../../db/schema';

export const PERMISSIONS = [
  'units.manage',
  'users.manage',
  'calendar.manage',
  'settings.manage',
  'procedures.manage',
  'audit.read',
  // Trust anchors and the registry of signing certificates (module trust).
  'trust.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  agency_admin: ['users.manage'],
  leader: [],
  specialist: [],
  receiving_officer: [],
  clerk: [],
  citizen: [],
};

/** Roles an agency administrator may hand out inside their subtree (never administrator roles above their own). */
export const AGENCY_GRANTABLE_ROLES: readonly Role[] = [
  'receiving_officer',
  'clerk',
  'specialist',
  'leader',
  'agency_admin',
];

export interface Grant extends UnitGrant<Role> {
  id: number;
  role: Role;
  unitId: number | null;
  includeSubtree: boolean;
}

export interface Principal {
  userId: number;
  username: string;
  fullName: string;
  kind: UserKind;
  primaryUnitId: number | null;
  grants: Grant[];
  via: 'session' | 'token';
  sessionIdHash?: string;
}

export function isSystemAdmin(principal: Principal): boolean {
  return holdsRoleAnywhere(principal.grants, [GLOBAL_ROLE]);
}

/** The roles that carry the permission. */
const carrying =
  (permission: Permission) =>
  (role: Role): boolean =>
    ROLE_PERMISSIONS[role].includes(permission);

/** Has the permission somewhere (used by route access rules before the target is known). */
export function hasPermissionAnywhere(principal: Principal, permission: Permission): boolean {
  return holdsRoleAnywhere(principal.grants, carrying(permission));
}

/**
 * Has the permission in the unit whose path from the root is `unitPath` (root first, the unit
 * itself last): a grant of a role carrying it there, or over the subtree of it or of an ancestor
 * (the system administrator everywhere).
 */
export function hasPermissionIn(
  principal: Principal,
  permission: Permission,
  unitPath: readonly number[],
): boolean {
  return holdsRoleIn(principal.grants, carrying(permission), unitPath);
}

/**
 * Has the permission in the unit at the end of `unitPath` and in every unit below it: a grant of
 * the permission over the subtree, there or above (the system administrator everywhere).
 */
export function hasPermissionOverSubtree(
  principal: Principal,
  permission: Permission,
  unitPath: readonly number[],
): boolean {
  return holdsRoleOverSubtree(principal.grants, carrying(permission), unitPath);
}
