/** The cases of the route table, and checking one request against the oracle. */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Permission } from '../../modules/auth';
import { multipart } from '../dossier-fixtures';
import {
  type UnitKey,
  UNIT_CODES,
  UNIT_KEYS,
  type Role,
  type Grant,
  type PersonaDef,
  PERSONAS,
  type PersonaKey,
  persona,
  type DossierFixture,
  call,
  fingerprint,
  world,
} from './world';
import {
  ROLE_PERMISSIONS,
  isAdmin,
  holds,
  isOwner,
  maySee,
  type Expectation,
  ALLOW_READ,
  DENY_403,
  DENY_404,
  SKIP,
} from './oracle';

type AccessClass = 'public' | 'signed-in' | 'permission' | 'dossier' | 'document' | 'unit' | 'self';

export interface Case {
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

export interface RouteSpec {
  access: AccessClass;
  permission?: Permission;
  cases: () => Case[];
}

export const fixtures = () => Object.values(world.dossiers);
export const everyone = (): Expectation => ALLOW_READ;

/** An empty upload: refused as empty (422) or for the dossier's state (409) once authorised. */
export function emptyUpload(url: string): InjectOptions {
  const body = multipart('rong.pdf', Buffer.alloc(0), 'application/pdf');
  return { method: 'POST', url, payload: body.payload, headers: body.headers };
}

export function dossierRead(suffix: string, allowed: (key: PersonaKey, d: DossierFixture) => Expectation) {
  return (): Case[] =>
    fixtures().map((d) => ({
      target: d.key,
      request: () => ({ method: 'GET', url: `/api/dossiers/${d.code}${suffix}` }),
      expect: (key) => (maySee(key, d) ? allowed(key, d) : DENY_404),
    }));
}

export const period = () => `from=${world.year}-01-01&to=${world.year}-12-31`;

export function unitRead(path: string, roles: readonly Role[]) {
  return (): Case[] =>
    UNIT_KEYS.map((unit) => ({
      target: unit,
      request: () => ({ method: 'GET', url: `${path}?unit=${UNIT_CODES[unit]}&${period()}` }),
      expect: (key) => (isAdmin(persona(key)) || holds(persona(key), roles, unit) ? ALLOW_READ : DENY_403),
    }));
}

/** A permission-only route: the system administrator's writes are not sent. */
export function permissionCase(request: () => InjectOptions, write = true): Case[] {
  return [
    {
      target: '-',
      request,
      write,
      expect: (key) => (isAdmin(persona(key)) ? (write ? SKIP : ALLOW_READ) : DENY_403),
    },
  ];
}

export function publicCase(request: () => InjectOptions): Case[] {
  return [{ target: '-', request, expect: everyone }];
}

/** Users an administrator may manage: officers of the units of their users.manage grants (subtree). */
export function mayManageUnit(key: PersonaKey, unit: UnitKey | null): boolean {
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
export function managesSubtree(key: PersonaKey, unit: UnitKey): boolean {
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
export function mayManageUser(key: PersonaKey, username: string): boolean {
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

export const USER_TARGETS: Array<{ username: string; unit: UnitKey | null }> = [
  { username: 'chuyenvien.xd', unit: 'X' },
  { username: 'chuyenvien', unit: 'Y' },
  { username: 'congdan', unit: null },
  { username: 'admin', unit: 'province' },
  { username: 'lanhdao.tinh', unit: 'province' },
];

export const citizenOnly = (key: PersonaKey, own: Expectation, other: Expectation): Expectation =>
  !persona(key).citizen ? DENY_403 : isOwner(key, world.draft.owner) ? own : other;

export async function check(
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
