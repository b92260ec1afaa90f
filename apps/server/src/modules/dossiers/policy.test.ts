import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema';
import type { Grant, Principal } from '../auth';
import { actsFor, canView, mayAct, type DossierScope } from './policy';
import { mayReadRegister } from './register';

// 1 province → 2 Sở Xây dựng → 4 its office; 1 → 3 Sở Tư pháp; 1 → 5 a commune.
const PATH = { province: [1], construction: [1, 2], office: [1, 2, 4], justice: [1, 3], commune: [1, 5] };
const PARENT: Record<number, number> = { 1: 0, 2: 1, 3: 1, 4: 2, 5: 1 };
const UNITS = [1, 2, 3, 4, 5];
const pathOf = (unit: number): number[] => {
  const up: number[] = [];
  for (let at = unit; at !== 0; at = PARENT[at]!) up.unshift(at);
  return up;
};

const APPLICANT = 100;
const officer = (...grants: Array<[Role, number | null, boolean?]>): Principal => ({
  userId: 7,
  username: 'canbo',
  fullName: 'Cán bộ',
  kind: 'officer',
  primaryUnitId: null,
  grants: grants.map(([role, unitId, includeSubtree], id): Grant => ({
    id,
    role,
    unitId,
    includeSubtree: includeSubtree ?? false,
  })),
  via: 'session',
});

/** A dossier received by the province's centre, handled by Sở Xây dựng, with a task at Sở Tư pháp. */
const scope: DossierScope = {
  applicantUserId: APPLICANT,
  receivingPath: PATH.province,
  handlingPath: PATH.construction,
  taskPaths: [PATH.justice],
};

describe('who sees a dossier', () => {
  it('an officer of one of its units, or with a grant over the subtree above it; nobody below or beside', () => {
    expect(canView(officer(['specialist', 2]), scope)).toBe(true);
    expect(canView(officer(['specialist', 3]), scope)).toBe(true); // the open task
    expect(canView(officer(['specialist', 3]), { ...scope, taskPaths: [] })).toBe(false);
    expect(canView(officer(['leader', 4]), scope)).toBe(false); // the office below the handling unit
    expect(canView(officer(['leader', 5]), scope)).toBe(false);
    const commune = { ...scope, receivingPath: PATH.commune, handlingPath: PATH.commune, taskPaths: [] };
    expect(canView(officer(['agency_admin', 1, true]), commune)).toBe(true);
    expect(canView(officer(['agency_admin', 1]), commune)).toBe(false);
    // A citizen's role is on no unit; the applicant sees their own dossier.
    expect(canView(officer(['citizen', null]), commune)).toBe(false);
    expect(canView({ ...officer(['citizen', null]), userId: APPLICANT }, commune)).toBe(true);
  });

  it('a draft: its applicant alone, not even the system administrator', () => {
    const draft = { ...scope, draft: true };
    expect(canView(officer(['system_admin', null]), draft)).toBe(false);
    expect(canView(officer(['specialist', 2]), draft)).toBe(false);
    expect(canView({ ...officer(), userId: APPLICANT }, draft)).toBe(true);
    expect(canView(officer(['system_admin', null]), scope)).toBe(true);
  });

  it('is a grant of an officer role reaching one of its units, walking up from the unit', () => {
    const role = fc.constantFrom<Role>(
      'receiving_officer',
      'specialist',
      'leader',
      'agency_admin',
      'citizen',
    );
    const unit = fc.constantFrom(...UNITS);
    const grant = fc.tuple(role, unit, fc.boolean());
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 4 }), unit, unit, (grants, receiving, handling) => {
        const dossier = {
          applicantUserId: APPLICANT,
          receivingPath: pathOf(receiving),
          handlingPath: pathOf(handling),
          taskPaths: [],
        };
        const reaches = ([grantRole, grantUnit, subtree]: [Role, number, boolean], target: number) => {
          if (grantRole === 'citizen') return false;
          for (let at = target; at !== 0; at = PARENT[at]!)
            if (grantUnit === at && (at === target || subtree)) return true;
          return false;
        };
        const expected = grants.some((g) => reaches(g, receiving) || reaches(g, handling));
        expect(canView(officer(...grants), dossier)).toBe(expected);
      }),
    );
  });
});

describe('who acts on a dossier', () => {
  it('by role in the unit the action belongs to', () => {
    const leader = officer(['leader', 2]);
    const specialist = officer(['specialist', 2]);
    const reception = officer(['receiving_officer', 1]);
    expect(mayAct(leader, scope, 'approved')).toBe(true);
    expect(mayAct(specialist, scope, 'approved')).toBe(false);
    expect(mayAct(specialist, scope, 'forwarded')).toBe(true);
    expect(mayAct(reception, scope, 'forwarded')).toBe(false);
    expect(mayAct(reception, scope, 'accepted')).toBe(true);
    expect(mayAct(specialist, scope, 'accepted')).toBe(false);
    expect(mayAct(officer(['specialist', 3]), scope, 'task_completed')).toBe(true);
    expect(mayAct(specialist, scope, 'task_completed')).toBe(false);
    // A leader over the province's subtree approves for Sở Xây dựng; one on the office below does not.
    expect(mayAct(officer(['leader', 1, true]), scope, 'approved')).toBe(true);
    expect(mayAct(officer(['leader', 4, true]), scope, 'approved')).toBe(false);
    expect(actsFor(officer(['specialist', 1, true]), PATH.office)).toBe(true);
    expect(actsFor(officer(['receiving_officer', 4]), PATH.office)).toBe(false);
  });
});

describe("who reads a unit's register (Mẫu 06)", () => {
  it('its one-stop officers, leaders and administrators, there or over the subtree above; the system administrator', () => {
    expect(mayReadRegister(officer(['receiving_officer', 5]), PATH.commune)).toBe(true);
    expect(mayReadRegister(officer(['specialist', 5]), PATH.commune)).toBe(false);
    expect(mayReadRegister(officer(['leader', 1, true]), PATH.commune)).toBe(true);
    expect(mayReadRegister(officer(['leader', 1]), PATH.commune)).toBe(false);
    expect(mayReadRegister(officer(['agency_admin', 2, true]), PATH.commune)).toBe(false);
    expect(mayReadRegister(officer(['system_admin', null]), PATH.commune)).toBe(true);
  });
});
