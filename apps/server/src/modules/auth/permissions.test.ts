import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/schema';
import {
  hasPermissionIn,
  hasPermissionOverSubtree,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  type Principal,
} from './permissions';

const principal = (role: Role, unitId: number | null, includeSubtree: boolean): Principal => ({
  userId: 1,
  username: 'u',
  fullName: 'U',
  kind: role === 'citizen' ? 'citizen' : 'officer',
  primaryUnitId: unitId,
  grants: [{ id: 1, role, unitId, includeSubtree }],
  via: 'session',
});

describe('scoped permissions', () => {
  // A small tree: 1 (province) → 2, 3 (departments); 2 → 4 (sub-unit).
  const paths: Record<number, number[]> = { 1: [1], 2: [1, 2], 3: [1, 3], 4: [1, 2, 4] };

  it('holds a permission over a whole subtree only through a subtree grant there or above', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(1, 2, 3, 4),
        fc.boolean(),
        fc.constantFrom(...PERMISSIONS),
        fc.constantFrom(1, 2, 3, 4),
        (role, grantUnit, subtree, permission, target) => {
          const unitId = role === 'citizen' ? null : grantUnit;
          const p = principal(role, unitId, subtree);
          const over = hasPermissionOverSubtree(p, permission, paths[target]!);
          const roleHas = ROLE_PERMISSIONS[role].includes(permission);
          const covers =
            role === 'system_admin' || (subtree && unitId !== null && paths[target]!.includes(unitId));
          expect(over).toBe(roleHas && covers);
          // Over the subtree implies in the unit itself.
          if (over) expect(hasPermissionIn(p, permission, paths[target]!)).toBe(true);
        },
      ),
    );
  });

  it('grants exactly what the role allows, only in the unit or its subtree', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(1, 2, 3, 4),
        fc.boolean(),
        fc.constantFrom(...PERMISSIONS),
        fc.constantFrom(1, 2, 3, 4),
        (role, grantUnit, subtree, permission, target) => {
          const unitId = role === 'citizen' ? null : grantUnit;
          const allowed = hasPermissionIn(principal(role, unitId, subtree), permission, paths[target]!);
          const roleHas = ROLE_PERMISSIONS[role].includes(permission);
          const inScope =
            role === 'system_admin' ||
            (unitId !== null && (unitId === target || (subtree && paths[target]!.includes(unitId))));
          expect(allowed).toBe(roleHas && inScope);
        },
      ),
    );
  });

  it('does not let an agency admin of one department manage another', () => {
    expect(hasPermissionIn(principal('agency_admin', 2, true), 'users.manage', paths[3]!)).toBe(false);
    expect(hasPermissionIn(principal('agency_admin', 2, true), 'users.manage', paths[4]!)).toBe(true);
    expect(hasPermissionIn(principal('agency_admin', 2, false), 'users.manage', paths[4]!)).toBe(false);
  });
});
