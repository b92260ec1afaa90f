/**
 * Where a role is held. A role is granted on a unit, either on that unit alone or, when the grant
 * says so, on the unit and every unit below it (its subtree); the system administrator's grant is
 * on no unit and reaches every one. Units are given by their path from the root (root first, the
 * unit itself last), as the server reads it from the tree and the web walks it.
 *
 * One rule for the server (auth's permissions, org's "who may manage whom", the reports' access)
 * and the web (the units a page offers), so both draw the same line.
 */

/** A grant of a role: on a unit (alone or with its subtree), or on none (a province-wide role). */
export interface UnitGrant<R extends string = string> {
  readonly role: R;
  readonly unitId: number | null;
  readonly includeSubtree: boolean;
}

/** The role that acts province-wide, without a unit. */
export const GLOBAL_ROLE = 'system_admin';

/** Which roles count: a list, or a test (e.g. "the roles carrying a permission"). */
export type RoleFilter<R extends string> = readonly R[] | ((role: R) => boolean);

function matcher<R extends string>(roles: RoleFilter<R>): (role: R) => boolean {
  return typeof roles === 'function' ? roles : (role) => roles.includes(role);
}

/** Whether the grant is on the unit at the end of `unitPath`, or over a subtree holding it. */
export function grantReaches(grant: UnitGrant, unitPath: readonly number[]): boolean {
  if (grant.unitId === null) return false;
  return (
    grant.unitId === unitPath[unitPath.length - 1] ||
    (grant.includeSubtree && unitPath.includes(grant.unitId))
  );
}

/** Whether the grant reaches the unit at the end of `unitPath` and every unit below it. */
export function grantCoversSubtree(grant: UnitGrant, unitPath: readonly number[]): boolean {
  return grant.includeSubtree && grant.unitId !== null && unitPath.includes(grant.unitId);
}

/** Whether one of `roles` is held somewhere (before the unit in question is known). */
export function holdsRoleAnywhere<R extends string>(
  grants: readonly UnitGrant<R>[],
  roles: RoleFilter<R>,
): boolean {
  const matches = matcher(roles);
  return grants.some((grant) => matches(grant.role));
}

/** Whether one of `roles` is held in the unit at the end of `unitPath`. */
export function holdsRoleIn<R extends string>(
  grants: readonly UnitGrant<R>[],
  roles: RoleFilter<R>,
  unitPath: readonly number[],
): boolean {
  const matches = matcher(roles);
  return grants.some(
    (grant) => matches(grant.role) && (grant.role === GLOBAL_ROLE || grantReaches(grant, unitPath)),
  );
}

/** Whether one of `roles` is held in the unit at the end of `unitPath` and in every unit below it. */
export function holdsRoleOverSubtree<R extends string>(
  grants: readonly UnitGrant<R>[],
  roles: RoleFilter<R>,
  unitPath: readonly number[],
): boolean {
  const matches = matcher(roles);
  return grants.some(
    (grant) => matches(grant.role) && (grant.role === GLOBAL_ROLE || grantCoversSubtree(grant, unitPath)),
  );
}

/**
 * Where one of `roles` is held, for listing the units reached: everywhere (`global`), or on
 * `units` and below each of `subtrees` (a subset of `units`). The units reached are `units` and the
 * descendants of `subtrees`, exactly those where holdsRoleIn answers yes.
 */
export function grantedUnits<R extends string>(
  grants: readonly UnitGrant<R>[],
  roles: RoleFilter<R>,
): { global: boolean; units: number[]; subtrees: number[] } {
  const matches = matcher(roles);
  const held = grants.filter((grant) => matches(grant.role));
  const onUnits = held.filter((grant) => grant.unitId !== null);
  return {
    global: held.some((grant) => grant.role === GLOBAL_ROLE),
    units: [...new Set(onUnits.map((grant) => grant.unitId!))],
    subtrees: [...new Set(onUnits.filter((grant) => grant.includeSubtree).map((grant) => grant.unitId!))],
  };
}
