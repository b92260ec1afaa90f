/** The sections of the administration, and who may use each: the admin home and the side navigation. */
import type { Role } from '../auth/auth';

export const ADMIN_SECTIONS = [
  { key: 'units', path: '/quan-tri/don-vi', roles: ['agency_admin', 'system_admin'] },
  { key: 'users', path: '/quan-tri/nguoi-dung', roles: ['agency_admin', 'system_admin'] },
  { key: 'catalogue', path: '/quan-tri/thu-tuc', roles: ['system_admin'] },
  { key: 'calendar', path: '/quan-tri/lich', roles: ['system_admin'] },
  { key: 'trust', path: '/quan-tri/chung-thu', roles: ['system_admin'] },
] as const satisfies ReadonlyArray<{ key: string; path: string; roles: readonly Role[] }>;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** The sections someone holding these roles may open. */
export function adminSectionsFor(roles: readonly string[]): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => section.roles.some((role) => roles.includes(role)));
}
