import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  grantedUnits,
  grantReaches,
  holdsRoleAnywhere,
  holdsRoleIn,
  holdsRoleOverSubtree,
  type UnitGrant,
} from './grants';

const ROLES = ['system_admin', 'agency_admin', 'leader', 'specialist', 'citizen'] as const;
type Role = (typeof ROLES)[number];

/** A forest of units 1..n: each unit's parent is an earlier unit, or none (a root). */
const forest = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.nat(), { minLength: n, maxLength: n }).map((picks) =>
        // parent[i] for unit i+1: 0 = root, otherwise one of the units before it.
        picks.map((pick, i) => (i === 0 || pick % 4 === 0 ? 0 : (pick % i) + 1)),
      ),
    ),
  )
  .map(([n, parents]) => {
    const parentOf = (unit: number) => parents[unit - 1]!;
    const pathOf = (unit: number): number[] => {
      const up: number[] = [];
      for (let at = unit; at !== 0; at = parentOf(at)) up.unshift(at);
      return up;
    };
    const units = Array.from({ length: n }, (_, i) => i + 1);
    return { units, parentOf, pathOf };
  });

const grantsIn = (n: number) =>
  fc.array(
    fc.record({
      role: fc.constantFrom(...ROLES),
      unitId: fc.option(fc.integer({ min: 1, max: n }), { freq: 5 }),
      includeSubtree: fc.boolean(),
    }),
    { maxLength: 5 },
  );
const world = forest.chain((tree) =>
  fc.record({
    tree: fc.constant(tree),
    grants: grantsIn(tree.units.length),
    roles: fc.subarray([...ROLES]),
  }),
);

/** The rule as the issue states it, by walking up the parents: on U, or a subtree grant on U or above. */
function reference(
  tree: { parentOf: (u: number) => number },
  grants: UnitGrant<Role>[],
  roles: Role[],
  unit: number,
) {
  return grants.some((grant) => {
    if (!roles.includes(grant.role)) return false;
    if (grant.role === 'system_admin') return true;
    if (grant.unitId === unit) return true;
    for (let at = unit; at !== 0; at = tree.parentOf(at))
      if (grant.includeSubtree && grant.unitId === at) return true;
    return false;
  });
}

describe('where a role is held', () => {
  it('in a unit: a grant there, or over the subtree of it or of an ancestor, or province-wide', () => {
    fc.assert(
      fc.property(world, ({ tree, grants, roles }) => {
        for (const unit of tree.units)
          expect(holdsRoleIn(grants, roles, tree.pathOf(unit))).toBe(reference(tree, grants, roles, unit));
      }),
    );
  });

  it('takes the roles as a list or as a test alike', () => {
    fc.assert(
      fc.property(world, ({ tree, grants, roles }) => {
        const test = (role: Role) => roles.includes(role);
        expect(holdsRoleAnywhere(grants, test)).toBe(holdsRoleAnywhere(grants, roles));
        for (const unit of tree.units) {
          const path = tree.pathOf(unit);
          expect(holdsRoleIn(grants, test, path)).toBe(holdsRoleIn(grants, roles, path));
          expect(holdsRoleOverSubtree(grants, test, path)).toBe(holdsRoleOverSubtree(grants, roles, path));
        }
      }),
    );
  });

  it('over a subtree: in the unit and in every unit below it, and over their subtrees too', () => {
    fc.assert(
      fc.property(world, ({ tree, grants, roles }) => {
        for (const unit of tree.units) {
          if (!holdsRoleOverSubtree(grants, roles, tree.pathOf(unit))) continue;
          for (const below of tree.units) {
            const path = tree.pathOf(below);
            if (!path.includes(unit)) continue;
            expect(holdsRoleIn(grants, roles, path)).toBe(true);
            expect(holdsRoleOverSubtree(grants, roles, path)).toBe(true);
          }
        }
      }),
    );
  });

  it('somewhere whenever it is held in a unit', () => {
    fc.assert(
      fc.property(world, ({ tree, grants, roles }) => {
        if (tree.units.some((unit) => holdsRoleIn(grants, roles, tree.pathOf(unit))))
          expect(holdsRoleAnywhere(grants, roles)).toBe(true);
      }),
    );
  });

  it('is never lost by adding a grant', () => {
    fc.assert(
      fc.property(
        world,
        fc.nat(),
        fc.boolean(),
        fc.constantFrom(...ROLES),
        ({ tree, grants, roles }, pick, sub, role) => {
          const more = [...grants, { role, unitId: (pick % tree.units.length) + 1, includeSubtree: sub }];
          for (const unit of tree.units) {
            const path = tree.pathOf(unit);
            if (holdsRoleIn(grants, roles, path)) expect(holdsRoleIn(more, roles, path)).toBe(true);
            if (holdsRoleOverSubtree(grants, roles, path))
              expect(holdsRoleOverSubtree(more, roles, path)).toBe(true);
          }
        },
      ),
    );
  });

  it('lists the units it reaches: the granted units and everything below the subtree grants', () => {
    fc.assert(
      fc.property(world, ({ tree, grants, roles }) => {
        const granted = grantedUnits(grants, roles);
        expect(granted.subtrees.every((unit) => granted.units.includes(unit))).toBe(true);
        for (const unit of tree.units) {
          const path = tree.pathOf(unit);
          const listed =
            granted.global ||
            granted.units.includes(unit) ||
            granted.subtrees.some((root) => path.includes(root));
          expect(listed).toBe(holdsRoleIn(grants, roles, path));
        }
      }),
    );
  });

  it('reaches one unit only, without the subtree', () => {
    fc.assert(
      fc.property(forest, fc.nat(), ({ units, pathOf }, pick) => {
        const grant = { role: 'leader', unitId: (pick % units.length) + 1, includeSubtree: false };
        expect(units.filter((unit) => grantReaches(grant, pathOf(unit)))).toEqual([grant.unitId]);
      }),
    );
  });

  it('on examples: a department officer, a province-wide subtree administrator, a citizen', () => {
    // 1 province → 2 department → 4 office; 1 → 3 commune.
    const path = { 1: [1], 2: [1, 2], 3: [1, 3], 4: [1, 2, 4] };
    const officer: UnitGrant<Role>[] = [{ role: 'specialist', unitId: 2, includeSubtree: false }];
    expect(holdsRoleIn(officer, ['specialist'], path[2])).toBe(true);
    expect(holdsRoleIn(officer, ['specialist'], path[4])).toBe(false);
    expect(holdsRoleIn(officer, ['leader'], path[2])).toBe(false);
    expect(holdsRoleOverSubtree(officer, ['specialist'], path[2])).toBe(false);
    const admin: UnitGrant<Role>[] = [{ role: 'agency_admin', unitId: 1, includeSubtree: true }];
    expect([1, 2, 3, 4].every((u) => holdsRoleOverSubtree(admin, ['agency_admin'], path[u as 1]))).toBe(true);
    const system: UnitGrant<Role>[] = [{ role: 'system_admin', unitId: null, includeSubtree: false }];
    expect(holdsRoleOverSubtree(system, ['system_admin'], path[4])).toBe(true);
    expect(holdsRoleIn(system, ['agency_admin'], path[4])).toBe(false);
    const citizen: UnitGrant<Role>[] = [{ role: 'citizen', unitId: null, includeSubtree: false }];
    expect(holdsRoleIn(citizen, ['citizen'], path[1])).toBe(false);
    expect(holdsRoleAnywhere(citizen, ['citizen'])).toBe(true);
  });
});
