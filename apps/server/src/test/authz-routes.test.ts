/**
 * Authorisation of every route of the API, role × agency × action, generated rather than
 * hand-picked (issue "Reliability and security").
 *
 * 1. Every operation of the OpenAPI document is classified in ROUTES (public, any signed-in user,
 *    permission, dossier-scoped, unit-scoped, self-scoped); a route missing from the table fails
 *    the test, so a new route cannot ship without an authorisation expectation.
 * 2. A small world: dossiers at two agencies (Sở Xây dựng = X, Sở Tư pháp = Y; all received by
 *    the provincial service centre), one with an inter-agency task routed to Y, files uploaded by
 *    applicants and officers, a result file, receipts; a citizen's draft with a file; and personas
 *    for every role of X and Y, the centre, two unit administrators (of X; of the province's own
 *    unit, without its subtree), a provincial leader (subtree), the system administrator, two
 *    citizens and a citizen's bearer API token. The router's own listing (printRoutes) must match
 *    the OpenAPI document, and HEAD requests answer as their GET, so no route escapes the table.
 * 3. The oracle below states who may do what from the written policy (policy.ts, permissions.ts,
 *    stats and register rules), independently of the server code; fast-check picks route ×
 *    persona × target and compares. Denials are asserted exactly: 401 for anonymous callers, 404
 *    where the target's existence is hidden (dossiers, drafts, files, slips, other people's
 *    tokens), 403 where the target is known but the role or unit is not enough (actions outside the
 *    role, statistics and registers of other units, users of other units, admin permissions). A
 *    refused write changes nothing (database fingerprint).
 *
 * Holes this test found and that are fixed: the system administrator could read and add files of a
 * citizen's draft (drafts are their owner's alone: policy.canView); an agency administrator could
 * reset the password of (or disable) a stronger account whose primary unit is theirs, such as the
 * system administrator's, and could widen a grant to the units below their own (org/users.ts).
 *
 * Allowed writes that would really change the world (and so the oracle's premises) are not sent by
 * the property; the journey and use-case tests exercise them. Allowed writes that are refused for
 * a non-authorisation reason (an empty file, an action impossible in the dossier's state) are
 * sent, and must be answered 409/422 without a change.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedCommands, DOSSIER_COMMANDS, type DossierCommand } from '@tayninh/domain/dossiers/commands';
import { foldActions, type DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import type { Permission } from '../modules/auth/permissions';
import { unitPath } from '../modules/org/tree';
import { dbFingerprint } from './db-fingerprint';
import { unitByCode } from './dossier-history';
import { multipart, PDF, PERMIT, permitForm, submitPermit } from './dossier-fixtures';
import { operationsOf } from './fuzz/requests';
import { as, login, problem, startTestApp, TEST_PASSWORD, type Session, type TestContext } from './harness';

// ---------------------------------------------------------------------------------------------
// The world

type UnitKey = 'province' | 'centre' | 'X' | 'Y';
const UNIT_CODES: Record<UnitKey, string> = {
  province: '000.00.00.H53',
  centre: '000.02.01.H53',
  X: '000.00.16.H53', // Sở Xây dựng: handles the building permit
  Y: '000.00.14.H53', // Sở Tư pháp
};
const UNIT_KEYS = Object.keys(UNIT_CODES) as UnitKey[];

type Role = 'receiving_officer' | 'specialist' | 'leader' | 'agency_admin' | 'system_admin';
interface Grant {
  role: Role;
  unit: UnitKey;
  subtree?: boolean;
}
interface PersonaDef {
  /** null: anonymous. */
  username: string | null;
  citizen: boolean;
  grants: Grant[];
  /** Created by the test (not a demo account). */
  create?: { fullName: string; primary: UnitKey };
  /** Calls with a bearer API token of the account instead of the session cookie. */
  token?: boolean;
}

const PERSONAS = {
  anonymous: { username: null, citizen: false, grants: [] },
  citizenA: { username: 'congdan', citizen: true, grants: [] },
  citizenB: { username: 'congdan2', citizen: true, grants: [] },
  tokenA: { username: 'congdan', citizen: true, grants: [], token: true },
  receivingCentre: {
    username: 'tiepnhan',
    citizen: false,
    grants: [{ role: 'receiving_officer', unit: 'centre' }],
  },
  receivingX: {
    username: 'tiepnhan.xd',
    citizen: false,
    grants: [{ role: 'receiving_officer', unit: 'X' }],
    create: { fullName: 'Ngô Thị Lan', primary: 'X' },
  },
  specialistX: { username: 'chuyenvien.xd', citizen: false, grants: [{ role: 'specialist', unit: 'X' }] },
  leaderX: { username: 'lanhdao.xd', citizen: false, grants: [{ role: 'leader', unit: 'X' }] },
  receivingY: {
    username: 'tiepnhan.tp',
    citizen: false,
    grants: [{ role: 'receiving_officer', unit: 'Y' }],
    create: { fullName: 'Trương Văn Lực', primary: 'Y' },
  },
  specialistY: { username: 'chuyenvien', citizen: false, grants: [{ role: 'specialist', unit: 'Y' }] },
  leaderY: { username: 'lanhdao', citizen: false, grants: [{ role: 'leader', unit: 'Y' }] },
  unitAdminX: {
    username: 'quantri.xd',
    citizen: false,
    grants: [{ role: 'agency_admin', unit: 'X' }],
    create: { fullName: 'Đoàn Thị Mỹ', primary: 'X' },
  },
  /** Administers the users of the province's own unit only (no subtree): the system admin's unit. */
  unitAdminProvince: {
    username: 'quantri.tinh',
    citizen: false,
    grants: [{ role: 'agency_admin', unit: 'province' }],
    create: { fullName: 'Mai Thị Hồng', primary: 'province' },
  },
  provinceLeader: {
    username: 'lanhdao.tinh',
    citizen: false,
    grants: [{ role: 'leader', unit: 'province', subtree: true }],
    create: { fullName: 'Lý Văn Sơn', primary: 'province' },
  },
  systemAdmin: {
    username: 'admin',
    citizen: false,
    grants: [{ role: 'system_admin', unit: 'province', subtree: true }],
  },
} satisfies Record<string, PersonaDef>;
type PersonaKey = keyof typeof PERSONAS;
const PERSONA_KEYS = Object.keys(PERSONAS) as PersonaKey[];
const persona = (key: PersonaKey): PersonaDef => PERSONAS[key];

type DossierKey = 'D1' | 'D2' | 'D3' | 'D4';
interface DossierFixture {
  key: DossierKey;
  code: string;
  owner: PersonaKey;
  receiving: UnitKey;
  handling: UnitKey;
  /** Units holding an open inter-agency task. */
  tasks: UnitKey[];
  attachments: number[];
  /** Of those, the files attached as the electronic result. */
  results: number[];
  status: string;
  /** Commands the lifecycle allows in the current state (whoever asks). */
  possible: DossierCommand[];
}

interface World {
  unitIds: Record<UnitKey, number>;
  /** Root-first unit paths (ids). */
  paths: Record<UnitKey, number[]>;
  userIds: Record<string, number>;
  sessions: Map<PersonaKey, Session>;
  bearer: string;
  tokenId: number;
  dossiers: Record<DossierKey, DossierFixture>;
  draft: { id: number; owner: PersonaKey; attachments: number[] };
  /** A role grant held at Y (for revocation attempts). */
  grantAtY: number;
  /** The provincial leader's grant over the whole province. */
  grantOverProvince: number;
  year: number;
}

// ---------------------------------------------------------------------------------------------
// The oracle: the written policy, restated

const OFFICER_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'leader', 'agency_admin'];
/** Statistics (Biểu 06, trend, indicators): any officer role in the unit or above it (subtree). */
const REPORT_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'leader', 'agency_admin'];
/** The register (Mẫu 06): one-stop officers, leaders and administrators of the unit. */
const REGISTER_ROLES: readonly Role[] = ['receiving_officer', 'leader', 'agency_admin'];
/** Every admin permission belongs to the system administrator; agency_admin has users.manage. */
const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    'units.manage',
    'users.manage',
    'calendar.manage',
    'settings.manage',
    'procedures.manage',
    'audit.read',
  ],
  agency_admin: ['users.manage'],
  leader: [],
  specialist: [],
  receiving_officer: [],
};

let world: World;

const isAdmin = (p: PersonaDef) => p.grants.some((g) => g.role === 'system_admin');
const hasPermission = (p: PersonaDef, permission: Permission) =>
  p.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));

/** Holds one of `roles` in `unit`, directly or through a subtree grant above it. */
function holds(p: PersonaDef, roles: readonly Role[], unit: UnitKey): boolean {
  return p.grants.some(
    (g) =>
      roles.includes(g.role) &&
      (g.unit === unit || (g.subtree === true && world.paths[unit].includes(world.unitIds[g.unit]))),
  );
}

const isOwner = (key: PersonaKey, owner: PersonaKey) =>
  persona(key).username !== null && persona(key).username === persona(owner).username;

/** Who sees a dossier: its applicant, officers of its receiving, handling or open-task units, the admin. */
function maySee(key: PersonaKey, d: DossierFixture): boolean {
  const p = persona(key);
  if (isAdmin(p) || isOwner(key, d.owner)) return true;
  return [d.receiving, d.handling, ...d.tasks].some((unit) => holds(p, OFFICER_ROLES, unit));
}

/** A result file: the officers who see the dossier at once, the applicant once it is returned. */
function maySeeFile(key: PersonaKey, d: DossierFixture, id: number): boolean {
  if (!maySee(key, d)) return false;
  if (!d.results.includes(id) || d.status === 'returned') return true;
  const p = persona(key);
  return isAdmin(p) || [d.receiving, d.handling, ...d.tasks].some((unit) => holds(p, OFFICER_ROLES, unit));
}

/** Who may give this command on this dossier (before the lifecycle says whether it is possible now). */
function mayCommand(key: PersonaKey, d: DossierFixture, command: DossierCommand): boolean {
  const p = persona(key);
  const owner = isOwner(key, d.owner);
  const reception = holds(p, ['receiving_officer'], d.receiving);
  const handling = holds(p, ['specialist', 'leader'], d.handling);
  switch (command) {
    case 'accept':
    case 'refuse':
    case 'return-result':
    case 'confirm-payment':
      return reception;
    case 'request-supplement':
      return d.status === 'submitted' ? reception : handling;
    case 'supplement':
      return owner || reception;
    case 'withdraw':
    case 'rate':
      return owner;
    case 'assign':
    case 'forward':
    case 'send-for-approval':
    case 'request-payment':
      return handling;
    case 'complete-task':
      return d.tasks.some((unit) => holds(p, ['specialist', 'leader'], unit));
    case 'approve':
    case 'reject':
    case 'apologize':
    case 'stop':
      return holds(p, ['leader'], d.handling);
  }
}

/** What a request must be answered with. */
type Expectation =
  | { allow: readonly number[] }
  | { deny: 401 | 403 | 404 }
  /** An allowed write that would change the world: not sent by the property. */
  | { skip: true };

const ALLOW_READ = { allow: [200] } as const;
/** Allowed, but refused for another reason (state, empty file): never a change. */
const ALLOW_REFUSED = { allow: [409, 422] } as const;
const DENY_403 = { deny: 403 } as const;
const DENY_404 = { deny: 404 } as const;
const SKIP = { skip: true } as const;

// ---------------------------------------------------------------------------------------------
// The route table

type AccessClass = 'public' | 'signed-in' | 'permission' | 'dossier' | 'unit' | 'self';

interface Case {
  /** What is targeted, for the report. */
  target: string;
  request: () => InjectOptions;
  /** The expectation for signed-in personas (anonymous callers are handled by the class). */
  expect: (key: PersonaKey) => Expectation;
  /** Extra checks of an allowed answer (what a list shows). */
  check?: (key: PersonaKey, response: LightMyRequestResponse) => void;
  /** The request changes state when allowed. */
  write?: boolean;
}

interface RouteSpec {
  access: AccessClass;
  permission?: Permission;
  cases: () => Case[];
}

const fixtures = () => Object.values(world.dossiers);
const everyone = (): Expectation => ALLOW_READ;

/** An empty upload: refused as empty (422) or for the dossier's state (409) once authorised. */
function emptyUpload(url: string): InjectOptions {
  const body = multipart('rong.pdf', Buffer.alloc(0), 'application/pdf');
  return { method: 'POST', url, payload: body.payload, headers: body.headers };
}

function dossierRead(suffix: string, allowed: (key: PersonaKey, d: DossierFixture) => Expectation) {
  return (): Case[] =>
    fixtures().map((d) => ({
      target: d.key,
      request: () => ({ method: 'GET', url: `/api/dossiers/${d.code}${suffix}` }),
      expect: (key) => (maySee(key, d) ? allowed(key, d) : DENY_404),
    }));
}

const period = () => `from=${world.year}-01-01&to=${world.year}-12-31`;

function unitRead(path: string, roles: readonly Role[]) {
  return (): Case[] =>
    UNIT_KEYS.map((unit) => ({
      target: unit,
      request: () => ({ method: 'GET', url: `${path}?unit=${UNIT_CODES[unit]}&${period()}` }),
      expect: (key) => (isAdmin(persona(key)) || holds(persona(key), roles, unit) ? ALLOW_READ : DENY_403),
    }));
}

/** A permission-only route: the system administrator's writes are not sent. */
function permissionCase(request: () => InjectOptions, write = true): Case[] {
  return [
    {
      target: '-',
      request,
      write,
      expect: (key) => (isAdmin(persona(key)) ? (write ? SKIP : ALLOW_READ) : DENY_403),
    },
  ];
}

function publicCase(request: () => InjectOptions): Case[] {
  return [{ target: '-', request, expect: everyone }];
}

/** Users an administrator may manage: officers of the units of their users.manage grants (subtree). */
function mayManageUnit(key: PersonaKey, unit: UnitKey | null): boolean {
  const p = persona(key);
  if (isAdmin(p)) return true;
  if (unit === null) return false;
  return p.grants.some(
    (g) =>
      ROLE_PERMISSIONS[g.role].includes('users.manage') &&
      (g.unit === unit || (g.subtree === true && world.paths[unit].includes(world.unitIds[g.unit]))),
  );
}
/** Whether the persona's users.manage reaches every unit below `unit` too (a subtree grant there or above). */
function managesSubtree(key: PersonaKey, unit: UnitKey): boolean {
  const p = persona(key);
  return (
    isAdmin(p) ||
    p.grants.some(
      (g) =>
        ROLE_PERMISSIONS[g.role].includes('users.manage') &&
        g.subtree === true &&
        world.paths[unit].includes(world.unitIds[g.unit]),
    )
  );
}

/**
 * Whom an administrator may change (disable, reset the password of): an account of their units
 * whose roles all lie within their reach too. Nobody but the system administrator changes an
 * account with more power than their own (a system administrator, a subtree grant above theirs).
 */
function mayManageUser(key: PersonaKey, username: string): boolean {
  if (isAdmin(persona(key))) return true;
  const target = (Object.values(PERSONAS) as PersonaDef[]).find((p) => p.username === username && !p.token)!;
  const primary = target.create?.primary ?? DEMO_PRIMARY[username] ?? null;
  if (target.citizen || !mayManageUnit(key, primary)) return false;
  return target.grants.every(
    (g: Grant) =>
      g.role !== 'system_admin' && mayManageUnit(key, g.unit) && (!g.subtree || managesSubtree(key, g.unit)),
  );
}
/** Primary units of the demo accounts used as targets. */
const DEMO_PRIMARY: Record<string, UnitKey> = {
  admin: 'province',
  'chuyenvien.xd': 'X',
  chuyenvien: 'Y',
};

const USER_TARGETS: Array<{ username: string; unit: UnitKey | null }> = [
  { username: 'chuyenvien.xd', unit: 'X' },
  { username: 'chuyenvien', unit: 'Y' },
  { username: 'congdan', unit: null },
  { username: 'admin', unit: 'province' },
  { username: 'lanhdao.tinh', unit: 'province' },
];

const citizenOnly = (key: PersonaKey, own: Expectation, other: Expectation): Expectation =>
  !persona(key).citizen ? DENY_403 : isOwner(key, world.draft.owner) ? own : other;

const ROUTES: Record<string, RouteSpec> = {
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
  'GET /api/auth/me': {
    access: 'signed-in',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/auth/me' }),
        expect: everyone,
        check: (key, response) => expect(response.json().username).toBe(persona(key).username),
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

  // Dossier-scoped --------------------------------------------------------------------------------
  'GET /api/dossiers/{code}': { access: 'dossier', cases: dossierRead('', () => ALLOW_READ) },
  'GET /api/dossiers/{code}/events': { access: 'dossier', cases: dossierRead('/events', () => ALLOW_READ) },
  'GET /api/dossiers/{code}/history': { access: 'dossier', cases: dossierRead('/history', () => ALLOW_READ) },
  'GET /api/dossiers/{code}/allowed-actions': {
    access: 'dossier',
    cases: dossierRead('/allowed-actions', () => ALLOW_READ),
  },
  'GET /api/dossiers/{code}/process-control': {
    access: 'dossier',
    cases: dossierRead('/process-control', () => ALLOW_READ),
  },
  'GET /api/dossiers/{code}/assignees': {
    access: 'dossier',
    // Visible, but only specialists and leaders of the handling unit assign.
    cases: dossierRead('/assignees', (key, d) =>
      holds(persona(key), ['specialist', 'leader'], d.handling) ? ALLOW_READ : DENY_403,
    ),
  },
  'GET /api/dossiers/{code}/slips/{file}': {
    access: 'dossier',
    cases: () =>
      fixtures().flatMap((d) =>
        ['receipt', 'supplement', 'refusal', 'apology', 'control'].map((kind) => ({
          target: `${d.key}/${kind}.pdf`,
          request: () => ({ method: 'GET', url: `/api/dossiers/${d.code}/slips/${kind}.pdf` }),
          // Not every slip exists in every state (409): that is no authorisation matter.
          expect: (key: PersonaKey): Expectation => (maySee(key, d) ? { allow: [200, 409] } : DENY_404),
        })),
      ),
  },
  'GET /api/dossiers/{code}/attachments/{id}': {
    access: 'dossier',
    cases: () => [
      ...fixtures().flatMap((d) =>
        d.attachments.map((id) => ({
          target: `${d.key}#${id}`,
          request: (): InjectOptions => ({ method: 'GET', url: `/api/dossiers/${d.code}/attachments/${id}` }),
          expect: (key: PersonaKey): Expectation => (maySeeFile(key, d, id) ? ALLOW_READ : DENY_404),
        })),
      ),
      // A file of another dossier through a dossier one may see: never.
      {
        target: `D2→D3#${world.dossiers.D3.attachments.at(-1)}`,
        request: () => ({
          method: 'GET',
          url: `/api/dossiers/${world.dossiers.D2.code}/attachments/${world.dossiers.D3.attachments.at(-1)}`,
        }),
        expect: () => DENY_404,
      },
      // A draft's file through a submitted dossier of the same owner: never.
      {
        target: `D1→draft#${world.draft.attachments[0]}`,
        request: () => ({
          method: 'GET',
          url: `/api/dossiers/${world.dossiers.D1.code}/attachments/${world.draft.attachments[0]}`,
        }),
        expect: () => DENY_404,
      },
    ],
  },
  'POST /api/dossiers/{code}/attachments': {
    access: 'dossier',
    cases: () =>
      fixtures().flatMap((d) =>
        (['', 'result', 'supplement'] as const).map((purpose) => ({
          target: `${d.key}${purpose ? `?purpose=${purpose}` : ''}`,
          write: true,
          request: () =>
            emptyUpload(`/api/dossiers/${d.code}/attachments${purpose ? `?purpose=${purpose}` : ''}`),
          expect: (key: PersonaKey): Expectation => {
            if (!maySee(key, d)) return DENY_404;
            const p = persona(key);
            if (
              purpose === 'result' &&
              !holds(p, ['receiving_officer'], d.receiving) &&
              !holds(p, ['specialist', 'leader'], d.handling)
            )
              return DENY_403;
            if (
              purpose === 'supplement' &&
              !isOwner(key, d.owner) &&
              !holds(p, ['receiving_officer'], d.receiving)
            )
              return DENY_403;
            return ALLOW_REFUSED;
          },
        })),
      ),
  },
  'POST /api/dossiers/{code}/actions': {
    access: 'dossier',
    cases: () =>
      fixtures().flatMap((d) =>
        DOSSIER_COMMANDS.map((command) => ({
          target: `${d.key}:${command}`,
          write: true,
          request: () => ({
            method: 'POST',
            url: `/api/dossiers/${d.code}/actions`,
            payload: { type: command, reason: 'Kiểm thử phân quyền' },
          }),
          expect: (key: PersonaKey): Expectation => {
            if (!maySee(key, d)) return DENY_404;
            if (!mayCommand(key, d, command)) return DENY_403;
            return d.possible.includes(command) ? SKIP : ALLOW_REFUSED;
          },
        })),
      ),
  },

  // Self-scoped ----------------------------------------------------------------------------------
  'GET /api/auth/tokens': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/auth/tokens' }),
        expect: everyone,
        check: (key, response) => {
          const ids = response.json<Array<{ id: number }>>().map((t) => t.id);
          expect(ids).toEqual(isOwner(key, 'citizenA') ? [world.tokenId] : []);
        },
      },
    ],
  },
  'POST /api/auth/tokens': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'Kiểm thử' } }),
        expect: () => SKIP,
      },
    ],
  },
  'DELETE /api/auth/tokens/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'token of citizen A',
        write: true,
        request: () => ({ method: 'DELETE', url: `/api/auth/tokens/${world.tokenId}` }),
        // Somebody else's token is not found (its existence is not revealed).
        expect: (key) => (isOwner(key, 'citizenA') ? SKIP : DENY_404),
      },
    ],
  },
  'GET /api/dossiers/mine': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/dossiers/mine?pageSize=100' }),
        expect: everyone,
        check: (key, response) => {
          const listed = response
            .json<{ items: Array<{ code: string }> }>()
            .items.map((i) => i.code)
            .sort();
          expect(listed).toEqual(
            fixtures()
              .filter((d) => isOwner(key, d.owner))
              .map((d) => d.code)
              .sort(),
          );
        },
      },
    ],
  },
  'POST /api/drafts': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        write: true,
        request: () => ({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } }),
        expect: (key) => (persona(key).citizen ? SKIP : DENY_403),
      },
    ],
  },
  'GET /api/drafts': {
    access: 'self',
    cases: () => [
      {
        target: '-',
        request: () => ({ method: 'GET', url: '/api/drafts' }),
        expect: (key) => (persona(key).citizen ? ALLOW_READ : DENY_403),
        check: (key, response) =>
          expect(response.json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).toEqual(
            isOwner(key, world.draft.owner) ? [world.draft.id] : [],
          ),
      },
    ],
  },
  'GET /api/drafts/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        request: () => ({ method: 'GET', url: `/api/drafts/${world.draft.id}` }),
        expect: (key) => citizenOnly(key, ALLOW_READ, DENY_404),
      },
    ],
  },
  'PUT /api/drafts/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => ({ method: 'PUT', url: `/api/drafts/${world.draft.id}`, payload: { formData: {} } }),
        expect: (key) => citizenOnly(key, SKIP, DENY_404),
      },
    ],
  },
  'DELETE /api/drafts/{id}': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => ({ method: 'DELETE', url: `/api/drafts/${world.draft.id}` }),
        expect: (key) => citizenOnly(key, SKIP, DENY_404),
      },
    ],
  },
  'POST /api/drafts/{id}/submit': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => ({ method: 'POST', url: `/api/drafts/${world.draft.id}/submit` }),
        // The draft's form is empty: its owner is told so (422), nothing is submitted.
        expect: (key) => citizenOnly(key, { allow: [422] }, DENY_404),
      },
      {
        target: 'dossier D1 as a draft',
        write: true,
        request: () => ({ method: 'POST', url: `/api/drafts/${dossierRowId.D1}/submit` }),
        // A submitted dossier is no draft: its owner gets it back unchanged (201), others nothing.
        expect: (key) =>
          !persona(key).citizen ? DENY_403 : isOwner(key, 'citizenA') ? { allow: [201] } : DENY_404,
      },
    ],
  },
  'POST /api/drafts/{id}/attachments': {
    access: 'self',
    cases: () => [
      {
        target: 'draft of A',
        write: true,
        request: () => emptyUpload(`/api/drafts/${world.draft.id}/attachments`),
        // A draft is its owner's alone, whoever else asks (no officer, not even the administrator).
        expect: (key) => (isOwner(key, world.draft.owner) ? { allow: [422] } : DENY_404),
      },
    ],
  },
  'GET /api/drafts/{id}/attachments/{attachmentId}': {
    access: 'self',
    cases: () => [
      ...world.draft.attachments.map((id) => ({
        target: `draft#${id}`,
        request: (): InjectOptions => ({
          method: 'GET',
          url: `/api/drafts/${world.draft.id}/attachments/${id}`,
        }),
        expect: (key: PersonaKey): Expectation => (isOwner(key, world.draft.owner) ? ALLOW_READ : DENY_404),
      })),
      {
        target: `draft→D1#${world.dossiers.D1.attachments[0]}`,
        request: () => ({
          method: 'GET',
          url: `/api/drafts/${world.draft.id}/attachments/${world.dossiers.D1.attachments[0]}`,
        }),
        expect: () => DENY_404,
      },
    ],
  },
};

/** Row ids of the fixtures (a submitted dossier is still a row id for the draft routes). */
const dossierRowId = {} as Record<DossierKey, number>;

function unitKeyOf(id: number | null): UnitKey | null {
  return UNIT_KEYS.find((key) => world.unitIds[key] === id) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Calling and fingerprinting

let ctx: TestContext;

function call(key: PersonaKey, options: InjectOptions): Promise<LightMyRequestResponse> {
  const p = persona(key);
  if (p.username === null) return ctx.app.inject(options);
  if (p.token) {
    return ctx.app.inject({
      ...options,
      headers: {
        ...(options.headers as Record<string, string> | undefined),
        authorization: `Bearer ${world.bearer}`,
      },
    });
  }
  return as(ctx.app, world.sessions.get(key)!)(options);
}

/** What a refused request must not change (see db-fingerprint.ts). */
const fingerprint = () => dbFingerprint(ctx.handle.db);

/** Checks one request against the oracle; returns what happened, for the statistics. */
async function check(
  route: string,
  spec: RouteSpec,
  c: Case,
  key: PersonaKey,
): Promise<'allowed' | 'denied' | 'skipped'> {
  const anonymous = persona(key).username === null;
  const expectation: Expectation = anonymous && spec.access !== 'public' ? { deny: 401 } : c.expect(key);
  if ('skip' in expectation) return 'skipped';
  const before = c.write || 'deny' in expectation ? await fingerprint() : null;
  const response = await call(key, c.request());
  const label = { route, target: c.target, persona: key };
  if ('deny' in expectation) {
    expect({
      ...label,
      status: response.statusCode,
      body: response.statusCode === expectation.deny ? '' : response.body.slice(0, 300),
    }).toEqual({
      ...label,
      status: expectation.deny,
      body: '',
    });
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  } else {
    const ok = expectation.allow.includes(response.statusCode);
    expect({
      ...label,
      status: response.statusCode,
      ok,
      body: ok ? '' : response.body.slice(0, 300),
    }).toEqual({
      ...label,
      status: response.statusCode,
      ok: true,
      body: '',
    });
    if (response.statusCode < 300) c.check?.(key, response);
  }
  // Refused, or allowed but answered 4xx: nothing changed.
  if (before !== null && response.statusCode >= 400) expect(await fingerprint()).toBe(before);
  return 'deny' in expectation ? 'denied' : 'allowed';
}

// ---------------------------------------------------------------------------------------------
// Building the world

async function buildWorld(): Promise<World> {
  const db = ctx.handle.db;
  const unitIds = {} as Record<UnitKey, number>;
  const paths = {} as Record<UnitKey, number[]>;
  for (const key of UNIT_KEYS) {
    unitIds[key] = await unitByCode(db, UNIT_CODES[key]);
    paths[key] = await unitPath(db, unitIds[key]);
  }

  const admin = await login(ctx.app, 'admin');
  const asAdmin = as(ctx.app, admin);
  let grantAtY = 0;
  let grantOverProvince = 0;
  for (const key of PERSONA_KEYS) {
    const p = persona(key);
    if (!p.create || !p.username) continue;
    const created = await asAdmin({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: p.username,
        fullName: p.create.fullName,
        kind: 'officer',
        primaryUnitId: unitIds[p.create.primary],
        password: TEST_PASSWORD,
      },
    });
    if (created.statusCode !== 201) throw new Error(`create ${p.username}: ${created.body}`);
    for (const grant of p.grants) {
      const granted = await asAdmin({
        method: 'POST',
        url: `/api/admin/users/${created.json().id}/roles`,
        payload: { role: grant.role, unitId: unitIds[grant.unit], includeSubtree: grant.subtree ?? false },
      });
      if (granted.statusCode !== 200) throw new Error(`grant ${p.username}: ${granted.body}`);
      const grantId = granted.json<{ roles: Array<{ id: number }> }>().roles.at(-1)!.id;
      if (grant.unit === 'Y') grantAtY = grantId;
      if (grant.unit === 'province' && grant.subtree) grantOverProvince = grantId;
    }
  }

  const sessions = new Map<PersonaKey, Session>();
  const userIds: Record<string, number> = {};
  for (const key of PERSONA_KEYS) {
    const p = persona(key);
    if (!p.username || p.token) continue;
    const session = await login(ctx.app, p.username);
    sessions.set(key, session);
    userIds[p.username] = session.userId;
  }
  const session = (key: PersonaKey) => sessions.get(key)!;
  const token = await as(
    ctx.app,
    session('citizenA'),
  )({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'Ứng dụng của công dân A' },
  });
  const act = async (key: PersonaKey, code: string, body: object) => {
    const response = await as(
      ctx.app,
      session(key),
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: body });
    if (response.statusCode !== 200) throw new Error(`${key} ${JSON.stringify(body)}: ${response.body}`);
  };
  const upload = async (key: PersonaKey, url: string, name: string) => {
    // Distinct bytes for every file: identical content could be taken for a repeated upload.
    const body = multipart(name, Buffer.concat([PDF, Buffer.from(`% ${url} ${name}\n`)]), 'application/pdf');
    const response = await as(
      ctx.app,
      session(key),
    )({ method: 'POST', url, payload: body.payload, headers: body.headers });
    if (response.statusCode !== 201) throw new Error(`upload ${key} ${url}: ${response.body}`);
    return response.json<{ id: number }>().id;
  };
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  // The draft of citizen A, with a file.
  const draft = await as(
    ctx.app,
    session('citizenA'),
  )({ method: 'POST', url: '/api/drafts', payload: { procedureCode: PERMIT } });
  const draftId = draft.json<{ id: number }>().id;
  const draftFile = await upload('citizenA', `/api/drafts/${draftId}/attachments`, 'ban-nhap.pdf');

  // D1: A's dossier waiting for reception, with A's file.
  const d1 = await submitPermit(ctx.app, session('citizenA'));
  const d1Files = [await upload('citizenA', `/api/dossiers/${d1}/attachments`, 'don-de-nghi.pdf')];

  // D2: A's dossier received, handled by X, with a task routed to Y; a working file of X.
  const d2 = await submitPermit(ctx.app, session('citizenA'));
  const d2Files = [await upload('citizenA', `/api/dossiers/${d2}/attachments`, 'ban-ve.pdf')];
  await act('receivingCentre', d2, { type: 'accept' });
  await act('specialistX', d2, {
    type: 'forward',
    unitId: unitIds.Y,
    dueAt: inDays(5),
    task: 'Xác minh giấy tờ',
  });
  d2Files.push(await upload('specialistX', `/api/dossiers/${d2}/attachments`, 'to-trinh.pdf'));

  // D3: B's dossier with a result, handled by X, no task; the result file attached by the centre.
  const d3 = await submitPermit(ctx.app, session('citizenB'));
  const d3Files = [await upload('citizenB', `/api/dossiers/${d3}/attachments`, 'don.pdf')];
  await act('receivingCentre', d3, { type: 'accept' });
  await act('leaderX', d3, { type: 'assign', assigneeId: userIds['chuyenvien.xd'] });
  await act('specialistX', d3, { type: 'send-for-approval' });
  await act('leaderX', d3, { type: 'approve' });
  d3Files.push(
    await upload('receivingCentre', `/api/dossiers/${d3}/attachments?purpose=result`, 'giay-phep.pdf'),
  );

  // D4: B's dossier received and handled by Y (moved there as a reassignment would).
  const d4 = await submitPermit(ctx.app, session('citizenB'));
  const d4Files = [await upload('citizenB', `/api/dossiers/${d4}/attachments`, 'don.pdf')];
  await act('receivingCentre', d4, { type: 'accept' });
  await db.updateTable('dossiers').set({ handling_unit_id: unitIds.Y }).where('code', '=', d4).execute();

  const fixture = async (
    key: DossierKey,
    code: string,
    owner: PersonaKey,
    handling: UnitKey,
    tasks: UnitKey[],
    attachments: number[],
    results: number[] = [],
  ): Promise<DossierFixture> => {
    const events = (await asAdmin({ method: 'GET', url: `/api/dossiers/${code}/events` })).json<{
      events: DossierAction[];
    }>().events;
    const state = foldActions(events);
    const row = await db
      .selectFrom('dossiers')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    dossierRowId[key] = row.id;
    return {
      key,
      code,
      owner,
      receiving: 'centre',
      handling,
      tasks,
      attachments,
      results,
      status: state.status,
      possible: allowedCommands(state),
    };
  };
  return {
    unitIds,
    paths,
    userIds,
    sessions,
    bearer: token.json<{ token: string }>().token,
    tokenId: token.json<{ id: number }>().id,
    dossiers: {
      D1: await fixture('D1', d1, 'citizenA', 'X', [], d1Files),
      D2: await fixture('D2', d2, 'citizenA', 'X', ['Y'], d2Files),
      D3: await fixture('D3', d3, 'citizenB', 'X', [], d3Files, d3Files.slice(-1)),
      D4: await fixture('D4', d4, 'citizenB', 'Y', [], d4Files),
    },
    draft: { id: draftId, owner: 'citizenA', attachments: [draftFile] },
    grantAtY,
    grantOverProvince,
    year: new Date().getUTCFullYear(),
  };
}

// ---------------------------------------------------------------------------------------------
// The tests

describe('authorisation of every route (role × agency × action)', () => {
  let routeKeys: string[];
  let cases: Map<string, Case[]>;

  beforeAll(async () => {
    ctx = await startTestApp();
    routeKeys = operationsOf(ctx.app.swagger() as unknown as Record<string, unknown>).map((op) => op.key);
    world = await buildWorld();
    cases = new Map(Object.entries(ROUTES).map(([route, spec]) => [route, spec.cases()]));
  }, 60_000);
  afterAll(async () => ctx?.close());

  it('classifies every route of the OpenAPI document, and nothing else', () => {
    const unclassified = routeKeys.filter((key) => !(key in ROUTES));
    const stale = Object.keys(ROUTES).filter((key) => !routeKeys.includes(key));
    expect({ unclassified, stale }).toEqual({ unclassified: [], stale: [] });
    for (const [route, list] of cases)
      expect({ route, cases: list.length > 0 }).toEqual({ route, cases: true });
    const perClass: Record<string, number> = {};
    for (const spec of Object.values(ROUTES)) perClass[spec.access] = (perClass[spec.access] ?? 0) + 1;
    // The summary of the table (reported by the issue's checklist).
    console.info(`authz routes: ${routeKeys.length} routes`, perClass);
  });

  it('finds every registered route in the OpenAPI document (none hidden from the table)', () => {
    // The router's own listing; only the API documentation (public by prefix) is not described.
    const registered = registeredRoutes(ctx.app.printRoutes({ commonPrefix: false })).filter(
      (key) => !key.includes(' /api/docs'),
    );
    expect({
      undocumented: registered.filter((key) => !routeKeys.includes(key)),
      unparsed: routeKeys.filter((key) => !registered.includes(key)),
    }).toEqual({ undocumented: [], unparsed: [] });
  });

  it('refuses permission routes to every persona without the permission (403), and changes nothing', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      if (!spec.permission) continue;
      for (const key of PERSONA_KEYS) {
        const p = persona(key);
        if (p.username === null || hasPermission(p, spec.permission)) continue;
        for (const c of cases.get(route)!) {
          const expectation = c.expect(key);
          // Users administration is unit-scoped: an agency administrator passes the route rule.
          if (!('deny' in expectation)) continue;
          expect(await check(route, spec, c, key)).toBe('denied');
        }
      }
    }
  });

  it('answers 401 to anonymous callers on every non-public route, and changes nothing', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      for (const c of cases.get(route)!) {
        const before = await fingerprint();
        const response = await ctx.app.inject(c.request());
        const expected = spec.access === 'public' ? 'answered' : 401;
        const got =
          spec.access === 'public'
            ? response.statusCode === 401 || response.statusCode === 403
              ? response.statusCode
              : 'answered'
            : response.statusCode;
        expect({ route, target: c.target, status: got }).toEqual({
          route,
          target: c.target,
          status: expected,
        });
        if (spec.access !== 'public') {
          expect(problem(response).code).toBe('unauthenticated');
          expect(await fingerprint()).toBe(before);
        }
      }
    }
  });

  it('answers HEAD requests (not in the OpenAPI document) as their GET', async () => {
    for (const route of Object.keys(ROUTES)) {
      if (!route.startsWith('GET ')) continue;
      // Two targets per route keep this quick; the GET answers themselves are checked elsewhere.
      for (const c of cases.get(route)!.slice(0, 2)) {
        for (const key of ['anonymous', 'citizenB', 'specialistY'] as const) {
          const get = await call(key, c.request());
          const head = await call(key, { ...c.request(), method: 'HEAD' });
          expect({ route, target: c.target, key, status: head.statusCode }).toEqual({
            route,
            target: c.target,
            key,
            status: get.statusCode,
          });
          if (get.statusCode >= 400) expect(head.headers['content-disposition']).toBeUndefined();
        }
      }
    }
  });

  it('answers 401 to an unknown or malformed bearer token, even on public routes', async () => {
    for (const authorization of ['Bearer tnk_khongtontai', 'Bearer ', 'Basic YWRtaW46YWRtaW4=']) {
      for (const url of ['/api/auth/me', `/api/dossiers/${world.dossiers.D1.code}`, '/api/procedures']) {
        const response = await ctx.app.inject({ method: 'GET', url, headers: { authorization } });
        expect({ authorization, url, status: response.statusCode }).toEqual({
          authorization,
          url,
          status: 401,
        });
      }
    }
  });

  it('matches the oracle for random route × persona × target (property-based)', async () => {
    const tally = { allowed: 0, denied: 0, skipped: 0 };
    const routes = Object.keys(ROUTES);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...routes)
          .chain((route) =>
            fc.tuple(
              fc.constant(route),
              fc.constantFrom(...cases.get(route)!),
              fc.constantFrom(...PERSONA_KEYS),
            ),
          ),
        async ([route, c, key]) => {
          tally[await check(route, ROUTES[route]!, c, key)]++;
        },
      ),
      { seed: 20_260_601, numRuns: 600, endOnFailure: true },
    );
    console.info('authz property:', tally);
    expect(tally.allowed).toBeGreaterThan(150);
    expect(tally.denied).toBeGreaterThan(150);
  }, 60_000);

  it('keeps agency X’s files, slips and result from officers of Y unless a task is routed to Y', async () => {
    const { D2, D3 } = world.dossiers;
    const result = D3.attachments.at(-1)!;
    for (const key of ['receivingY', 'specialistY', 'leaderY'] as const) {
      for (const url of [
        `/api/dossiers/${D3.code}/attachments/${D3.attachments[0]}`,
        `/api/dossiers/${D3.code}/attachments/${result}`,
        `/api/dossiers/${D3.code}/slips/receipt.pdf`,
        `/api/dossiers/${D3.code}/slips/control.pdf`,
        `/api/dossiers/${D3.code}`,
      ])
        expect({ key, url, status: (await call(key, { method: 'GET', url })).statusCode }).toEqual({
          key,
          url,
          status: 404,
        });
      // With the task routed to Y: the files and the receipt are Y's to read too.
      for (const url of [
        `/api/dossiers/${D2.code}/attachments/${D2.attachments[0]}`,
        `/api/dossiers/${D2.code}/attachments/${D2.attachments[1]}`,
        `/api/dossiers/${D2.code}/slips/receipt.pdf`,
      ]) {
        const response = await call(key, { method: 'GET', url });
        expect({ key, url, status: response.statusCode }).toEqual({ key, url, status: 200 });
      }
    }
    // The result file is the officers' at once, the applicant's once it is returned (fees paid).
    const fetchResult = (key: PersonaKey) =>
      call(key, { method: 'GET', url: `/api/dossiers/${D3.code}/attachments/${result}` });
    expect(D3.status).toBe('result_ready');
    expect((await fetchResult('receivingCentre')).statusCode).toBe(200);
    expect((await fetchResult('citizenB')).statusCode).toBe(404);
    const listed = await call('citizenB', { method: 'GET', url: `/api/dossiers/${D3.code}` });
    expect(listed.json<{ attachments: Array<{ id: number }> }>().attachments.map((a) => a.id)).not.toContain(
      result,
    );
  });

  it('keeps one citizen’s dossiers, files, slips and drafts from another citizen', async () => {
    const pairs: Array<[PersonaKey, DossierFixture]> = [
      ['citizenB', world.dossiers.D1],
      ['citizenB', world.dossiers.D2],
      ['citizenA', world.dossiers.D3],
      ['tokenA', world.dossiers.D4],
    ];
    for (const [key, d] of pairs) {
      const urls = [
        `/api/dossiers/${d.code}`,
        `/api/dossiers/${d.code}/events`,
        `/api/dossiers/${d.code}/history`,
        `/api/dossiers/${d.code}/process-control`,
        `/api/dossiers/${d.code}/allowed-actions`,
        ...d.attachments.map((id) => `/api/dossiers/${d.code}/attachments/${id}`),
        ...['receipt', 'control', 'supplement'].map((kind) => `/api/dossiers/${d.code}/slips/${kind}.pdf`),
      ];
      for (const url of urls) {
        const response = await call(key, { method: 'GET', url });
        expect({ key, url, status: response.statusCode }).toEqual({ key, url, status: 404 });
        expect(problem(response).code).toBe('not_found');
      }
    }
    for (const url of [
      `/api/drafts/${world.draft.id}`,
      `/api/drafts/${world.draft.id}/attachments/${world.draft.attachments[0]}`,
    ]) {
      expect((await call('citizenB', { method: 'GET', url })).statusCode).toBe(404);
      expect((await call('tokenA', { method: 'GET', url })).statusCode).toBe(200);
    }
    // The owner's own token reads the owner's dossiers and files.
    const own = world.dossiers.D2;
    expect(
      (await call('tokenA', { method: 'GET', url: `/api/dossiers/${own.code}/slips/receipt.pdf` }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call('tokenA', {
          method: 'GET',
          url: `/api/dossiers/${own.code}/attachments/${own.attachments[0]}`,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('keeps a draft, and its files, to its owner alone: no officer, not even the administrator', async () => {
    for (const [route, spec] of Object.entries(ROUTES)) {
      if (!route.includes('/api/drafts/{id}')) continue;
      for (const c of cases.get(route)!)
        for (const key of PERSONA_KEYS)
          if (!isOwner(key, world.draft.owner)) await check(route, spec, c, key);
    }
  });

  it('refuses statistics, reports and registers of units outside the officer’s units (403)', async () => {
    const cases: Array<[PersonaKey, UnitKey, number]> = [
      ['leaderX', 'X', 200],
      ['leaderX', 'Y', 403],
      ['leaderX', 'province', 403],
      ['leaderX', 'centre', 403],
      ['specialistY', 'Y', 200],
      ['specialistY', 'X', 403],
      ['unitAdminX', 'X', 200],
      ['unitAdminX', 'Y', 403],
      ['receivingCentre', 'centre', 200],
      ['receivingCentre', 'X', 403],
      ['provinceLeader', 'province', 200],
      ['provinceLeader', 'X', 200], // a subtree grant covers the units below
      ['systemAdmin', 'Y', 200],
      ['citizenA', 'X', 403],
      ['tokenA', 'province', 403],
    ];
    for (const [key, unit, status] of cases) {
      for (const path of [
        '/api/stats/report',
        '/api/stats/trend',
        '/api/stats/indicators',
        '/api/stats/report.xlsx',
      ]) {
        const response = await call(key, {
          method: 'GET',
          url: `${path}?unit=${UNIT_CODES[unit]}&${period()}`,
        });
        expect({ key, unit, path, status: response.statusCode }).toEqual({ key, unit, path, status });
      }
    }
    // The register is for one-stop officers, leaders and administrators: not for specialists.
    const register = (key: PersonaKey, unit: UnitKey) =>
      call(key, { method: 'GET', url: `/api/registers/dossiers.pdf?unit=${UNIT_CODES[unit]}&${period()}` });
    expect((await register('receivingCentre', 'centre')).statusCode).toBe(200);
    expect((await register('receivingCentre', 'X')).statusCode).toBe(403);
    expect((await register('specialistX', 'X')).statusCode).toBe(403);
    expect((await register('leaderY', 'centre')).statusCode).toBe(403);
  });

  it('lets no agency administrator take over a stronger account or widen a grant to units below', async () => {
    const adminId = world.userIds.admin!;
    const provinceLeaderId = world.userIds['lanhdao.tinh']!;
    const attempts: Array<[string, InjectOptions]> = [
      // The system administrator's primary unit is the province: within quantri.tinh's unit.
      [
        'reset the system administrator’s password',
        {
          method: 'PATCH',
          url: `/api/admin/users/${adminId}`,
          payload: { password: 'ChiemQuyen2026', reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'disable the system administrator',
        {
          method: 'PATCH',
          url: `/api/admin/users/${adminId}`,
          payload: { status: 'disabled', reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'reset the password of a leader over the whole province',
        {
          method: 'PATCH',
          url: `/api/admin/users/${provinceLeaderId}`,
          payload: { password: 'ChiemQuyen2026', reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'revoke a role over every unit below',
        {
          method: 'POST',
          url: `/api/admin/role-grants/${world.grantOverProvince}/revoke`,
          payload: { reason: 'Kiểm thử phân quyền' },
        },
      ],
      [
        'grant oneself administration of every unit below',
        {
          method: 'POST',
          url: `/api/admin/users/${world.userIds['quantri.tinh']}/roles`,
          payload: { role: 'agency_admin', unitId: world.unitIds.province, includeSubtree: true },
        },
      ],
      [
        'grant a leader role over every unit below',
        {
          method: 'POST',
          url: `/api/admin/users/${world.userIds['quantri.tinh']}/roles`,
          payload: { role: 'leader', unitId: world.unitIds.province, includeSubtree: true },
        },
      ],
    ];
    for (const [what, request] of attempts) {
      const before = await fingerprint();
      const response = await call('unitAdminProvince', request);
      expect({ what, status: response.statusCode }).toEqual({ what, status: 403 });
      expect(problem(response).code).toBe('forbidden');
      expect(await fingerprint()).toBe(before);
    }
    // Within their reach the same administrator still works: a role in their own unit only (this
    // changes the world: the tests after this one do not use this persona).
    const own = await call('unitAdminProvince', {
      method: 'POST',
      url: `/api/admin/users/${world.userIds['quantri.tinh']}/roles`,
      payload: { role: 'leader', unitId: world.unitIds.province },
    });
    expect(own.statusCode).toBe(200);
  });

  it('takes Y’s sight of the dossier away once Y completes its task', async () => {
    const { D2 } = world.dossiers;
    const before = await call('specialistY', {
      method: 'GET',
      url: `/api/dossiers/${D2.code}/attachments/${D2.attachments[0]}`,
    });
    expect(before.statusCode).toBe(200);
    const events = (
      await call('systemAdmin', { method: 'GET', url: `/api/dossiers/${D2.code}/events` })
    ).json<{ events: DossierAction[] }>().events;
    const taskId = foldActions(events).openTasks[0]!.taskId;
    const done = await call('specialistY', {
      method: 'POST',
      url: `/api/dossiers/${D2.code}/actions`,
      payload: { type: 'complete-task', taskId, reason: 'Đã xác minh' },
    });
    expect(done.statusCode).toBe(200);
    for (const url of [
      `/api/dossiers/${D2.code}`,
      `/api/dossiers/${D2.code}/attachments/${D2.attachments[0]}`,
      `/api/dossiers/${D2.code}/slips/receipt.pdf`,
    ])
      expect({ url, status: (await call('specialistY', { method: 'GET', url })).statusCode }).toEqual({
        url,
        status: 404,
      });
    // X still handles it.
    expect((await call('specialistX', { method: 'GET', url: `/api/dossiers/${D2.code}` })).statusCode).toBe(
      200,
    );
  });
});

/** `METHOD /path/{param}` of every route (HEAD excepted) in the tree that printRoutes draws. */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const keys: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?) \(([^)]*)\)$/.exec(line) ?? /^([│ ]*)[├└]── (.*)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()))
      if (method && method !== 'HEAD') keys.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return keys;
}
