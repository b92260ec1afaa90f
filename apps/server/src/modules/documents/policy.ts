/**
 * Who may see an official document and who may take which step: pure functions of the
 * principal's grants and the document's parties (NĐ 30/2020: Điều 11 review, 13 signing, 15–16
 * numbering and the agency's signature by the văn thư only, 20–24 incoming; Phụ lục VI: access
 * limited to those it was sent or assigned to, their leaders, and the văn thư).
 *
 * - An outgoing draft: its drafter, the leaders of the drafting unit (and of the agency above
 *   it), the văn thư of the agency, the designated signer.
 * - An incoming document: the văn thư and the leaders of the receiving agency, each unit or
 *   person it was directed or assigned to and the leaders of those units.
 * - A secret document (mật, tối mật, tuyệt mật): only its drafter or registrar, its signer, and
 *   those given an explicit grant — no role reaches it on its own, not even the văn thư's or a
 *   system administrator's (Luật Bảo vệ bí mật nhà nước 2018, Điều 11).
 */
import type { DocumentEventType, DocumentStatus } from '@tayninh/domain/documents/lifecycle';
import { holdsRoleIn } from '@tayninh/domain/org/grants';
import type { Role } from '../../db/schema';
import type { Principal } from '../auth';

export interface DocumentParty {
  role: 'lead' | 'coordinator' | 'assignee';
  /** Root-first path of the unit. */
  unitPath: readonly number[];
  userId: number | null;
}

export interface DocumentScope {
  direction: 'outgoing' | 'incoming';
  status: DocumentStatus;
  secret: boolean;
  /** Root-first path of the agency that issues or received it. */
  agencyPath: readonly number[];
  /** Root-first path of the drafting unit (outgoing). */
  draftingPath: readonly number[];
  /** The drafter, or the văn thư who registered a paper document; null for one delivered. */
  createdBy: number | null;
  signerUserId: number | null;
  parties: readonly DocumentParty[];
  grantedUserIds: readonly number[];
}

function holds(principal: Principal, roles: readonly Role[], path: readonly number[]): boolean {
  return path.length > 0 && holdsRoleIn(principal.grants, roles, path);
}

const isClerk = (p: Principal, s: DocumentScope) => holds(p, ['clerk'], s.agencyPath);
const isAgencyLeader = (p: Principal, s: DocumentScope) => holds(p, ['leader'], s.agencyPath);

/** The principal is a party by name, or leads a unit that is one. */
function partyRoles(p: Principal, s: DocumentScope): Set<DocumentParty['role']> {
  const roles = new Set<DocumentParty['role']>();
  for (const party of s.parties) {
    if (party.userId === p.userId) roles.add(party.role);
    else if (party.userId === null && holds(p, ['leader', 'specialist'], party.unitPath))
      roles.add(party.role);
    else if (holds(p, ['leader'], party.unitPath)) roles.add(party.role);
  }
  return roles;
}

function leadsLeadUnit(p: Principal, s: DocumentScope): boolean {
  return s.parties.some((party) => party.role === 'lead' && holds(p, ['leader'], party.unitPath));
}

function personal(p: Principal, s: DocumentScope): boolean {
  return s.createdBy === p.userId || s.signerUserId === p.userId || s.grantedUserIds.includes(p.userId);
}

export function canViewDocument(p: Principal, s: DocumentScope): boolean {
  if (personal(p, s)) return true;
  if (s.secret) return false;
  if (s.direction === 'outgoing') {
    // A draft still being written is its drafter's until submitted — except for the unit's leaders.
    return holds(p, ['leader'], s.draftingPath) || isClerk(p, s) || isAgencyLeader(p, s);
  }
  return isClerk(p, s) || isAgencyLeader(p, s) || partyRoles(p, s).size > 0;
}

/** Whether the principal may record `event` on this document (the lifecycle says whether it is possible now). */
export function mayActOnDocument(p: Principal, s: DocumentScope, event: DocumentEventType): boolean {
  if (!canViewDocument(p, s)) return false;
  switch (event) {
    case 'viewed':
      return true;
    case 'revised':
    case 'submitted':
    case 'cancelled':
      return s.createdBy === p.userId;
    case 'approved':
    case 'returned':
      if (s.status === 'content_review') return holds(p, ['leader'], s.draftingPath);
      if (s.status === 'form_review') return isClerk(p, s);
      if (s.status === 'awaiting_signature') return s.signerUserId === p.userId;
      return false;
    case 'signed':
    case 'signature_prepared':
      return s.signerUserId === p.userId;
    case 'numbered_sealed':
    case 'issued':
    case 'recipients_added':
    case 'received':
    case 'scanned':
    case 'registered':
    case 'returned_to_sender':
      return isClerk(p, s);
    case 'recalled':
      return isClerk(p, s) || isAgencyLeader(p, s);
    case 'directed':
      return isAgencyLeader(p, s);
    case 'access_granted':
    case 'access_revoked':
      // Who holds a secret document for the agency — its văn thư or leader with access to it —
      // decides who else may read it (Luật Bảo vệ bí mật nhà nước 2018, Điều 11).
      return s.secret && personal(p, s) && (isClerk(p, s) || isAgencyLeader(p, s));
    case 'assigned':
      return isAgencyLeader(p, s) || leadsLeadUnit(p, s);
    case 'opinion_added':
      return isAgencyLeader(p, s) || partyRoles(p, s).size > 0;
    case 'completed':
    case 'filed': {
      const roles = partyRoles(p, s);
      return roles.has('lead') || roles.has('assignee') || (event === 'filed' && isClerk(p, s));
    }
    case 'drafted':
    case 'withdrawn_by_sender':
    case 'amended':
    case 'carried_over':
      // Drafting is checked on creation; a delivery, a withdrawal or an amendment comes from the
      // sender (the issuance of the amending document).
      return false;
    case 'delivered':
      return false;
  }
}
