/** The oracle of the authorisation test: the written policy, restated (see authz-routes.test.ts). */
import { type DossierCommand } from '@tayninh/domain/dossiers/commands';
import type { Permission } from '../../modules/auth';
import {
  type UnitKey,
  type Role,
  type PersonaDef,
  type PersonaKey,
  persona,
  type DossierFixture,
  type DocumentFixture,
  world,
} from './world';

const OFFICER_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'leader', 'agency_admin'];
/** Statistics (Biểu 06, trend, indicators): any officer role in the unit or above it (subtree). */
export const REPORT_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'leader', 'agency_admin'];
/** The register (Mẫu 06): one-stop officers, leaders and administrators of the unit. */
export const REGISTER_ROLES: readonly Role[] = ['receiving_officer', 'leader', 'agency_admin'];
/** Every admin permission belongs to the system administrator; agency_admin has users.manage. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    'units.manage',
    'users.manage',
    'calendar.manage',
    'settings.manage',
    'procedures.manage',
    'audit.read',
    'trust.manage',
  ],
  agency_admin: ['users.manage'],
  leader: [],
  specialist: [],
  receiving_officer: [],
  clerk: [],
};

export const isAdmin = (p: PersonaDef) => p.grants.some((g) => g.role === 'system_admin');
export const hasPermission = (p: PersonaDef, permission: Permission) =>
  p.grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));

/** Holds one of `roles` in `unit`, directly or through a subtree grant above it. */
export function holds(p: PersonaDef, roles: readonly Role[], unit: UnitKey): boolean {
  return p.grants.some(
    (g) =>
      roles.includes(g.role) &&
      (g.unit === unit || (g.subtree === true && world.paths[unit].includes(world.unitIds[g.unit]))),
  );
}

export const isOwner = (key: PersonaKey, owner: PersonaKey) =>
  persona(key).username !== null && persona(key).username === persona(owner).username;

/** Who sees a dossier: its applicant, officers of its receiving, handling or open-task units, the admin. */
export function maySee(key: PersonaKey, d: DossierFixture): boolean {
  const p = persona(key);
  if (isAdmin(p) || isOwner(key, d.owner)) return true;
  return [d.receiving, d.handling, ...d.tasks].some((unit) => holds(p, OFFICER_ROLES, unit));
}

/** A result file: the officers who see the dossier at once, the applicant once it is returned. */
export function maySeeFile(key: PersonaKey, d: DossierFixture, id: number): boolean {
  if (!maySee(key, d)) return false;
  if (!d.results.includes(id) || d.status === 'returned') return true;
  const p = persona(key);
  return isAdmin(p) || [d.receiving, d.handling, ...d.tasks].some((unit) => holds(p, OFFICER_ROLES, unit));
}

/** Who may give this command on this dossier (before the lifecycle says whether it is possible now). */
export function mayCommand(key: PersonaKey, d: DossierFixture, command: DossierCommand): boolean {
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
export type Expectation =
  | { allow: readonly number[] }
  | { deny: 401 | 403 | 404 }
  /** An allowed write that would change the world: not sent by the property. */
  | { skip: true };

export const ALLOW_READ = { allow: [200] } as const;
/** Allowed, but refused for another reason (state, empty file): never a change. */
export const ALLOW_REFUSED = { allow: [409, 422] } as const;
export const DENY_403 = { deny: 403 } as const;
export const DENY_404 = { deny: 404 } as const;
export const SKIP = { skip: true } as const;

/**
 * Who sees an official document (modules/documents/policy.ts, restated): its drafter and its
 * signer; unless it is secret, the leaders of the drafting unit and of the agency (directly or
 * through a subtree grant above) and the agency's văn thư. Nobody else — not the system
 * administrator.
 */
export function maySeeDocument(key: PersonaKey, n: DocumentFixture): boolean {
  if (isOwner(key, n.owner) || isOwner(key, n.signer)) return true;
  if (n.secret) return false;
  // The agency's leaders and its văn thư (NĐ 30/2020; policy.ts keeps the two apart).
  return holds(persona(key), ['leader', 'clerk'], n.agency);
}

/** Who may draft at all: a specialist or leader of their own unit (an agency without settings: 422). */
export function mayDraft(key: PersonaKey): boolean {
  return persona(key).grants.some((g) => g.role === 'specialist' || g.role === 'leader');
}
