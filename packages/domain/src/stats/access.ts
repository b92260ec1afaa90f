/**
 * Who reads a unit's statistics (Biểu 06, indicators): its officers and administrators, in the
 * unit or over a subtree holding it, and the system administrator everywhere. The server refuses
 * the others (stats reportUnit); the web offers only these units (the dashboard's unit picker).
 */
import { GLOBAL_ROLE, holdsRoleIn, type UnitGrant } from '../org/grants';

/** The unit roles that read the unit's reports. */
export const REPORT_ROLES = ['leader', 'agency_admin', 'receiving_officer', 'specialist'] as const;

/** Whether the grants let one read the reports of the unit at the end of `unitPath` (root first). */
export function mayReadReports(grants: readonly UnitGrant[], unitPath: readonly number[]): boolean {
  return holdsRoleIn(grants, [GLOBAL_ROLE, ...REPORT_ROLES], unitPath);
}
