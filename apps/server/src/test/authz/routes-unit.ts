/** The route table (2/3): unit-scoped routes. */
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../harness';
import { type PersonaKey, persona, unitKeyOf, world } from './world';
import {
  REPORT_ROLES,
  REGISTER_ROLES,
  isAdmin,
  hasPermission,
  maySee,
  type Expectation,
  ALLOW_READ,
  DENY_403,
  SKIP,
} from './oracle';
import {
  type RouteSpec,
  fixtures,
  unitRead,
  mayManageUnit,
  managesSubtree,
  mayManageUser,
  USER_TARGETS,
} from './cases';

export const UNIT_ROUTES: Record<string, RouteSpec> = {
  // Unit-scoped ----------------------------------------------------------------------------------
  'GET /api/dossiers': {
    access: 'unit',
    cases: () => [
      {
        target: 'queue=all',
        request: () => ({ method: 'GET', url: '/api/dossiers?queue=all&pageSize=100' }),
        expect: (key) => (persona(key).citizen ? DENY_403 : ALLOW_READ),
        // A queue lists no dossier the officer may not see.
        check: (key, response) => {
          const listed = new Set(
            response.json<{ items: Array<{ code: string }> }>().items.map((i) => i.code),
          );
          for (const d of fixtures())
            if (listed.has(d.code))
              expect({ key, d: d.key, visible: maySee(key, d) }).toEqual({ key, d: d.key, visible: true });
        },
      },
      {
        target: 'queue=tasks',
        request: () => ({ method: 'GET', url: '/api/dossiers?queue=tasks&pageSize=100' }),
        expect: (key) => (persona(key).citizen ? DENY_403 : ALLOW_READ),
        check: (key, response) => {
          const listed = new Set(
            response.json<{ items: Array<{ code: string }> }>().items.map((i) => i.code),
          );
          for (const d of fixtures()) if (listed.has(d.code)) expect(maySee(key, d)).toBe(true);
        },
      },
    ],
  },
  'GET /api/dossiers/queue-counts': {
    access: 'unit',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/dossiers/queue-counts' }),
        expect: (key) => (persona(key).citizen ? DENY_403 : ALLOW_READ),
      },
    ],
  },
  'GET /api/registers/dossiers.pdf': {
    access: 'unit',
    cases: unitRead('/api/registers/dossiers.pdf', REGISTER_ROLES),
  },
  'GET /api/stats/report': { access: 'unit', cases: unitRead('/api/stats/report', REPORT_ROLES) },
  'GET /api/stats/trend': { access: 'unit', cases: unitRead('/api/stats/trend', REPORT_ROLES) },
  'GET /api/stats/report.xlsx': { access: 'unit', cases: unitRead('/api/stats/report.xlsx', REPORT_ROLES) },
  'GET /api/stats/indicators': { access: 'unit', cases: unitRead('/api/stats/indicators', REPORT_ROLES) },
  'GET /api/admin/users': {
    access: 'unit',
    permission: 'users.manage',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/admin/users?pageSize=100' }),
        expect: (key) => (hasPermission(persona(key), 'users.manage') ? ALLOW_READ : DENY_403),
        // An agency administrator lists only the users of their units.
        check: (key, response) => {
          if (isAdmin(persona(key))) return;
          const items = response.json<{ items: Array<{ primaryUnit: { id: number } | null }> }>().items;
          expect(items.length).toBeGreaterThan(0);
          for (const item of items)
            expect(mayManageUnit(key, unitKeyOf(item.primaryUnit?.id ?? null))).toBe(true);
        },
      },
    ],
  },
  'GET /api/admin/users/{id}': {
    access: 'unit',
    permission: 'users.manage',
    cases: () =>
      USER_TARGETS.map((target) => ({
        target: target.username,
        request: () => ({ method: 'GET', url: `/api/admin/users/${world.userIds[target.username]}` }),
        expect: (key) => (mayManageUnit(key, target.unit) ? ALLOW_READ : DENY_403),
      })),
  },
  'POST /api/admin/users': {
    access: 'unit',
    permission: 'users.manage',
    cases: () => [
      ...(['X', 'Y'] as const).map((unit) => ({
        target: `officer@${unit}`,
        write: true,
        request: () => ({
          method: 'POST',
          url: '/api/admin/users',
          payload: {
            username: `moi.${unit.toLowerCase()}`,
            fullName: 'Cán bộ mới',
            kind: 'officer',
            primaryUnitId: world.unitIds[unit],
            password: TEST_PASSWORD,
          },
        }),
        expect: (key: PersonaKey): Expectation => (mayManageUnit(key, unit) ? SKIP : DENY_403),
      })),
      {
        target: 'citizen',
        write: true,
        request: () => ({
          method: 'POST',
          url: '/api/admin/users',
          payload: {
            username: 'congdan.moi',
            fullName: 'Công dân mới',
            kind: 'citizen',
            password: TEST_PASSWORD,
          },
        }),
        // Only the system administrator manages citizen accounts.
        expect: (key) => (isAdmin(persona(key)) ? SKIP : DENY_403),
      },
    ],
  },
  'PATCH /api/admin/users/{id}': {
    access: 'unit',
    permission: 'users.manage',
    cases: () =>
      USER_TARGETS.map((target) => ({
        target: target.username,
        write: true,
        request: () => ({
          method: 'PATCH',
          url: `/api/admin/users/${world.userIds[target.username]}`,
          payload: { status: 'disabled', reason: 'Kiểm thử phân quyền' },
        }),
        expect: (key) => (mayManageUser(key, target.username) ? SKIP : DENY_403),
      })),
  },
  'POST /api/admin/users/{id}/roles': {
    access: 'unit',
    permission: 'users.manage',
    cases: () =>
      (
        [
          { role: 'leader', unit: 'Y', subtree: false },
          { role: 'system_admin', unit: 'X', subtree: false },
          { role: 'leader', unit: 'X', subtree: false },
          { role: 'leader', unit: 'province', subtree: false },
          { role: 'agency_admin', unit: 'province', subtree: true },
        ] as const
      ).map(({ role, unit, subtree }) => ({
        target: `${role}@${unit}${subtree ? '+subtree' : ''}`,
        write: true,
        request: () => ({
          method: 'POST',
          url: `/api/admin/users/${world.userIds['chuyenvien.xd']}/roles`,
          payload: { role, unitId: world.unitIds[unit], includeSubtree: subtree },
        }),
        // Agency administrators grant agency roles in their own units, over the units below only
        // where they administer those too; administrator roles above theirs only the system
        // administrator.
        expect: (key) =>
          isAdmin(persona(key))
            ? SKIP
            : role !== 'system_admin' && mayManageUnit(key, unit) && (!subtree || managesSubtree(key, unit))
              ? SKIP
              : DENY_403,
      })),
  },
  'POST /api/admin/role-grants/{id}/revoke': {
    access: 'unit',
    permission: 'users.manage',
    cases: () => [
      {
        target: 'grant@Y',
        write: true,
        request: () => ({
          method: 'POST',
          url: `/api/admin/role-grants/${world.grantAtY}/revoke`,
          payload: { reason: 'Kiểm thử phân quyền' },
        }),
        expect: (key) => (mayManageUnit(key, 'Y') ? SKIP : DENY_403),
      },
      {
        target: 'grant@province+subtree',
        write: true,
        request: () => ({
          method: 'POST',
          url: `/api/admin/role-grants/${world.grantOverProvince}/revoke`,
          payload: { reason: 'Kiểm thử phân quyền' },
        }),
        // A role over the units below is revoked by those who manage those units too.
        expect: (key) =>
          mayManageUnit(key, 'province') && managesSubtree(key, 'province') ? SKIP : DENY_403,
      },
    ],
  },
};
