import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsRoleIn, type UnitGrant } from '../org/grants';
import { mayReadReports, REPORT_ROLES } from './access';

const ROLES = ['system_admin', 'agency_admin', 'leader', 'specialist', 'receiving_officer', 'citizen'];

describe('who reads a unit’s reports', () => {
  // 1 province → 2 department → 4 office; 1 → 3 commune.
  const paths = [[1], [1, 2], [1, 3], [1, 2, 4]];

  it('the system administrator, or a unit role held in the unit', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            role: fc.constantFrom(...ROLES),
            unitId: fc.option(fc.constantFrom(1, 2, 3, 4)),
            includeSubtree: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        fc.constantFrom(...paths),
        (grants: UnitGrant[], path) => {
          const admin = grants.some((grant) => grant.role === 'system_admin');
          expect(mayReadReports(grants, path)).toBe(admin || holdsRoleIn(grants, REPORT_ROLES, path));
        },
      ),
    );
  });

  it('not a citizen, nor an officer of another unit', () => {
    expect(mayReadReports([{ role: 'citizen', unitId: null, includeSubtree: false }], [1])).toBe(false);
    expect(mayReadReports([{ role: 'leader', unitId: 3, includeSubtree: true }], [1, 2])).toBe(false);
    expect(mayReadReports([{ role: 'leader', unitId: 2, includeSubtree: false }], [1, 2, 4])).toBe(false);
    expect(mayReadReports([{ role: 'leader', unitId: 2, includeSubtree: true }], [1, 2, 4])).toBe(true);
    expect(mayReadReports([{ role: 'system_admin', unitId: null, includeSubtree: false }], [1, 3])).toBe(
      true,
    );
  });
});
