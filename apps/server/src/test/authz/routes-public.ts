/** The route table (1/3): public routes, any signed-in user, system-wide permissions. */
import { expect } from 'vitest';
import { PERMIT, permitForm } from '../dossier-fixtures';
import { persona, world } from './world';
import { holds, ALLOW_READ, DENY_403, SKIP } from './oracle';
import { type RouteSpec, fixtures, everyone, period, permissionCase, publicCase } from './cases';

export const PUBLIC_ROUTES: Record<string, RouteSpec> = {
  // Public -------------------------------------------------------------------------------------
  'GET /api/health/live': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/health/live' })),
  },
  'GET /api/health': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/health' })),
  },
  'POST /api/auth/login': {
    access: 'public',
    // A body without a password: the public route answers it (400, or 429 once the sign-in rate
    // limit of the test's address is reached) whoever asks.
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } }),
        expect: () => ({ allow: [400, 429] }),
      },
    ],
  },
  'POST /api/auth/register': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'POST', url: '/api/auth/register', payload: {} }),
        expect: () => ({ allow: [400, 429] }),
      },
    ],
  },
  // Public: "who is signed in" answers 204 (nobody) without an error status, each persona itself.
  'GET /api/auth/me': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/auth/me' }),
        expect: (key) => (persona(key).username === null ? { allow: [204] } : ALLOW_READ),
        check: (key, response) =>
          persona(key).username === null
            ? expect(response.body).toBe('')
            : expect(response.json().username).toBe(persona(key).username),
      },
    ],
  },
  'GET /api/units': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/units' })),
  },
  'GET /api/units/tree': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/units/tree' })),
  },
  'GET /api/units/{id}': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: `/api/units/${world.unitIds.X}` })),
  },
  'GET /api/calendar/due-date': {
    access: 'public',
    cases: () =>
      publicCase(() => ({
        method: 'GET',
        url: `/api/calendar/due-date?from=${encodeURIComponent(`${world.year}-03-02T08:00:00+07:00`)}&amount=5&unit=working-days`,
      })),
  },
  'GET /api/calendar/holidays': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: `/api/calendar/holidays?year=${world.year}` })),
  },
  'GET /api/calendar/non-working-days': {
    access: 'public',
    cases: () =>
      publicCase(() => ({
        method: 'GET',
        url: `/api/calendar/non-working-days?from=${world.year}-01-01&to=${world.year}-12-31`,
      })),
  },
  'GET /api/calendar/office-hours': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/calendar/office-hours' })),
  },
  'GET /api/procedures': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/procedures' })),
  },
  'GET /api/procedure-fields': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/procedure-fields' })),
  },
  'GET /api/procedures/popular': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/procedures/popular' })),
  },
  'GET /api/procedure-agencies': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/procedure-agencies' })),
  },
  'GET /api/procedures/{code}': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: `/api/procedures/${PERMIT}` })),
  },
  'GET /api/procedures/{code}/versions': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: `/api/procedures/${PERMIT}/versions` })),
  },
  'GET /api/catalogue/export.json': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/catalogue/export.json' })),
  },
  'GET /api/catalogue/export.xlsx': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/catalogue/export.xlsx' })),
  },
  'GET /api/public/dossiers/{code}': {
    access: 'public',
    cases: () =>
      fixtures().map((d) => ({
        target: d.key,
        request: () => ({ method: 'GET', url: `/api/public/dossiers/${d.code}` }),
        expect: everyone,
        // The public lookup shows no personal data, whoever asks.
        check: (_key, response) => expect(response.body).not.toContain(permitForm.applicant.identityNumber),
      })),
  },
  'GET /api/public/stats': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: `/api/public/stats?${period()}` })),
  },

  // Any signed-in user -------------------------------------------------------------------------
  'POST /api/auth/logout': {
    access: 'signed-in',
    // Signing out would end the persona's session for the rest of the run.
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({ method: 'POST', url: '/api/auth/logout' }),
        expect: () => SKIP,
      },
    ],
  },
  'POST /api/dossiers': {
    access: 'signed-in',
    // Citizens submit online; officers enter counter dossiers only as receiving officers of the
    // receiving unit (the service centre for the permit).
    cases: () =>
      (['online', 'counter'] as const).map((channel) => ({
        target: channel,
        write: true,
        request: () => ({
          method: 'POST',
          url: '/api/dossiers',
          payload: {
            procedureCode: PERMIT,
            channel,
            formData: permitForm,
            ...(channel === 'counter' ? { applicant: { fullName: 'Võ Thị Ngọc Ánh' } } : {}),
          },
        }),
        expect: (key) => {
          const p = persona(key);
          if (p.citizen) return channel === 'online' ? SKIP : DENY_403;
          if (!holds(p, ['receiving_officer'], 'centre')) return DENY_403;
          return channel === 'counter' ? SKIP : { allow: [422] };
        },
      })),
  },

  // Permission (system-wide; held only by the system administrator) ------------------------------
  'POST /api/admin/units': {
    access: 'permission',
    permission: 'units.manage',
    cases: () => permissionCase(() => ({ method: 'POST', url: '/api/admin/units', payload: {} })),
  },
  'PATCH /api/admin/units/{id}': {
    access: 'permission',
    permission: 'units.manage',
    cases: () =>
      permissionCase(() => ({
        method: 'PATCH',
        url: `/api/admin/units/${world.unitIds.X}`,
        payload: { name: 'Sở Xây dựng mới' },
      })),
  },
  'POST /api/admin/units/{id}/close': {
    access: 'permission',
    permission: 'units.manage',
    cases: () =>
      permissionCase(() => ({
        method: 'POST',
        url: `/api/admin/units/${world.unitIds.Y}/close`,
        payload: {},
      })),
  },
  'GET /api/admin/audit': {
    access: 'permission',
    permission: 'audit.read',
    cases: () => permissionCase(() => ({ method: 'GET', url: '/api/admin/audit' }), false),
  },
  'PUT /api/admin/calendar/years/{year}': {
    access: 'permission',
    permission: 'calendar.manage',
    cases: () =>
      permissionCase(() => ({ method: 'PUT', url: `/api/admin/calendar/years/${world.year}`, payload: {} })),
  },
  'PUT /api/admin/calendar/office-hours': {
    access: 'permission',
    permission: 'settings.manage',
    cases: () =>
      permissionCase(() => ({ method: 'PUT', url: '/api/admin/calendar/office-hours', payload: {} })),
  },
  'POST /api/admin/procedures': {
    access: 'permission',
    permission: 'procedures.manage',
    cases: () => permissionCase(() => ({ method: 'POST', url: '/api/admin/procedures', payload: {} })),
  },
  'PUT /api/admin/procedures/{code}': {
    access: 'permission',
    permission: 'procedures.manage',
    cases: () =>
      permissionCase(() => ({ method: 'PUT', url: `/api/admin/procedures/${PERMIT}`, payload: {} })),
  },
  'POST /api/admin/procedures/import': {
    access: 'permission',
    permission: 'procedures.manage',
    cases: () => permissionCase(() => ({ method: 'POST', url: '/api/admin/procedures/import', payload: [] })),
  },
  'POST /api/admin/procedures/import.xlsx': {
    access: 'permission',
    permission: 'procedures.manage',
    cases: () =>
      permissionCase(() => ({
        method: 'POST',
        url: '/api/admin/procedures/import.xlsx',
        payload: Buffer.from('PK\u0003\u0004'),
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      })),
  },
  // The evidence log's checkpoints and consistency proofs are public (hashes only). The world is
  // never sealed: 404 for everyone.
  'GET /api/evidence/checkpoints/latest': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/evidence/checkpoints/latest' }),
        expect: () => ({ allow: [200, 404] }),
      },
    ],
  },
  'GET /api/evidence/checkpoints/{seq}': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/evidence/checkpoints/1' }),
        expect: () => ({ allow: [200, 404] }),
      },
    ],
  },
  'GET /api/evidence/consistency': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/evidence/consistency?from=1' }),
        expect: () => ({ allow: [200, 404] }),
      },
    ],
  },
  // Trust services (module trust): public anchors and demo CRL, the registry for the administrator.
  'GET /api/trust/anchors.pem': {
    access: 'public',
    cases: () => publicCase(() => ({ method: 'GET', url: '/api/trust/anchors.pem' })),
  },
  'GET /api/trust/demo/crl': {
    access: 'public',
    // The authorisation world has no demo PKI: 404 for everyone (200 where it exists).
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/trust/demo/crl' }),
        expect: () => ({ allow: [200, 404] }),
      },
    ],
  },
  // The demo TSA and OCSP responder: public, limited per address; no demo PKI in the world (404).
  'POST /api/trust/demo/tsa': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({
          method: 'POST',
          url: '/api/trust/demo/tsa',
          headers: { 'content-type': 'application/timestamp-query' },
          payload: Buffer.from([0x30, 0x00]),
        }),
        expect: () => ({ allow: [400, 404, 429] }),
      },
    ],
  },
  'POST /api/trust/demo/ocsp': {
    access: 'public',
    cases: () => [
      {
        target: '-',
        request: () => ({
          method: 'POST',
          url: '/api/trust/demo/ocsp',
          headers: { 'content-type': 'application/ocsp-request' },
          payload: Buffer.from([0x30, 0x00]),
        }),
        expect: () => ({ allow: [400, 404, 429] }),
      },
    ],
  },
  'GET /api/trust/certificates': {
    access: 'permission',
    permission: 'trust.manage',
    cases: () => permissionCase(() => ({ method: 'GET', url: '/api/trust/certificates' }), false),
  },
  'POST /api/trust/anchors': {
    access: 'permission',
    permission: 'trust.manage',
    cases: () =>
      permissionCase(() => ({ method: 'POST', url: '/api/trust/anchors', payload: { certificate: 'x' } })),
  },
  'POST /api/trust/certificates': {
    access: 'permission',
    permission: 'trust.manage',
    cases: () =>
      permissionCase(() => ({
        method: 'POST',
        url: '/api/trust/certificates',
        payload: { purpose: 'signing', userId: 1, certificate: 'x' },
      })),
  },
};
