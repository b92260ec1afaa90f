/**
 * Who may see a dossier and who may take which action: pure functions of the principal's grants
 * and the dossier's units. An officer sees a dossier only through a role in its receiving or
 * handling unit (or the subtree above them, when the grant says so).
 */
import type { Role } from '../../db/schema';
import { isSystemAdmin, type Principal } from '../auth';
import type { DossierActionType, DossierStatus } from '@tayninh/domain/dossiers/lifecycle';
import { holdsRoleIn } from '@tayninh/domain/org/grants';

export interface DossierScope {
  applicantUserId: number | null;
  /** Root-first unit paths of the receiving and handling units. */
  receivingPath: readonly number[];
  handlingPath: readonly number[];
  /** Paths of the units holding an open inter-agency task (liên thông). */
  taskPaths: ReadonlyArray<readonly number[]>;
  /** A draft (not submitted yet): its applicant's alone. */
  draft?: boolean;
}

/** Whether the principal holds one of `roles` in the unit at the end of `path` (the shared rule). */
function holds(principal: Principal, roles: readonly Role[], path: readonly number[]): boolean {
  return holdsRoleIn(principal.grants, roles, path);
}

const OFFICER_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'leader', 'agency_admin'];

export function canView(principal: Principal, scope: DossierScope): boolean {
  const isApplicant = scope.applicantUserId !== null && scope.applicantUserId === principal.userId;
  // Nobody else sees a draft, not even the system administrator (its files included).
  if (scope.draft) return isApplicant;
  if (isSystemAdmin(principal) || isApplicant) return true;
  return (
    holds(principal, OFFICER_ROLES, scope.receivingPath) ||
    holds(principal, OFFICER_ROLES, scope.handlingPath) ||
    scope.taskPaths.some((path) => holds(principal, OFFICER_ROLES, path))
  );
}

/** Whether the principal acts for the unit at the end of `path` as a specialist or leader. */
export function actsFor(principal: Principal, path: readonly number[]): boolean {
  return holds(principal, ['specialist', 'leader'], path);
}

/** The actions this principal may take on this dossier (the lifecycle decides which are possible now). */
export function mayAct(principal: Principal, scope: DossierScope, action: DossierActionType): boolean {
  const isApplicant = scope.applicantUserId !== null && scope.applicantUserId === principal.userId;
  const receiving = holds(principal, ['receiving_officer'], scope.receivingPath);
  switch (action) {
    case 'submitted':
      return isApplicant || receiving;
    case 'supplemented':
      return isApplicant || receiving;
    case 'withdrawn':
    case 'rated':
      return isApplicant;
    case 'attachment_added':
      // Applicants add files to their dossier; officers add working files and electronic results.
      return canView(principal, scope);
    case 'accepted':
    case 'intake_supplement_requested':
    case 'intake_refused':
    case 'result_returned':
    case 'payment_confirmed':
      return receiving;
    case 'assigned':
      return holds(principal, ['leader', 'specialist'], scope.handlingPath);
    case 'task_completed':
      return scope.taskPaths.some((path) => holds(principal, ['specialist', 'leader'], path));
    case 'forwarded':
    case 'supplement_requested':
    case 'sent_for_approval':
    case 'payment_requested':
      return holds(principal, ['specialist', 'leader'], scope.handlingPath);
    case 'approved':
    case 'rejected':
    case 'apologised':
    case 'stopped':
      return holds(principal, ['leader'], scope.handlingPath);
  }
}

/**
 * The electronic result (files attached with purpose `result`) reaches the applicant when the
 * one-stop shop returns it — after any fees and charges are paid, as at the counter — not as soon
 * as an officer attaches it. The officers who see the dossier see it at once.
 */
export function maySeeResult(principal: Principal, scope: DossierScope, status: DossierStatus): boolean {
  return status === 'returned' || canView(principal, { ...scope, applicantUserId: null });
}
