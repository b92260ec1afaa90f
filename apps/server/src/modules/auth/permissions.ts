/**
 * Who may do what, as pure functions. A role is held in a unit and, when the grant says so, in
 * every unit below it. The system administrator acts province-wide.
 */
import type { Role, UserKind } from '../../db/schema';

export const PERMISSIONS = [
  'units.manage',
  'users.manage',
  'calendar.manage',
  'settings.manage',
  'procedures.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  agency_admin: ['users.manage'],
  leader: [],
  specialist: [],
  receiving_officer: [],
  citizen: [],
};

/** Roles an agency administrator may hand out inside their subtree (never administrator roles above their own). */
export const AGENCY_GRANTABLE_ROLES: readonly Role[] = [
  'receiving_officer',
  'specialist',
  'leader',
  'agency_admin',
];

export interface Grant {
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
  return principal.grants.some((grant) => grant.role === 'system_admin');
}

/** Has the permission somewhere (used by route access rules before the target is known). */
export function hasPermissionAnywhere(principal: Principal, permission: Permission): boolean {
  return principal.grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission));
}

/**
 * Has the permission in the unit whose path from the root is `unitPath` (root first, the unit
 * itself last).
 */
export function hasPermissionIn(
  principal: Principal,
  permission: Permission,
  unitPath: readonly number[],
): boolean {
  const target = unitPath[unitPath.length - 1];
  return principal.grants.some((grant) => {
    if (!ROLE_PERMISSIONS[grant.role].includes(permission)) return false;
    if (grant.role === 'system_admin') return true;
    if (grant.unitId === null) return false;
    if (grant.unitId === target) return true;
    return grant.includeSubtree && unitPath.includes(grant.unitId);
  });
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
  return principal.grants.some(
    (grant) =>
      ROLE_PERMISSIONS[grant.role].includes(permission) &&
      (grant.role === 'system_admin' ||
        (grant.includeSubtree && grant.unitId !== null && unitPath.includes(grant.unitId))),
  );
}
