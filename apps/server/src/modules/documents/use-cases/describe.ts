/**
 * A document as its reader sees it: the metadata of Phụ lục VI, its status, its number or số
 * đến, its files and signatures, its recipients and deliveries, its parties, and the actions this
 * principal may take now (the lifecycle's possible events, filtered by the policy).
 */
import type { Kysely } from 'kysely';
import {
  allowedDocumentEvents,
  DOCUMENT_STATUS_NAMES,
  type DocumentEventType,
  type DocumentStatus,
} from '@tayninh/domain/documents/lifecycle';
import { documentKind } from '@tayninh/domain/documents/types';
import { numberAndNotation } from '@tayninh/domain/documents/notation';
import { holdsRoleIn } from '@tayninh/domain/org/grants';
import type { Database } from '../../../db/schema';
import type { Principal } from '../../auth';
import { mayActOnDocument } from '../policy';
import type { LoadedDocument } from '../load';
import type { DocumentScope } from '../policy';
import { filesOf } from '../store/files';
import { probeOf } from './incoming';
import { amendmentsView } from './amendments';
import { grantsOf } from './grants';
import { mayAttachScan, suspectedDuplicates } from './paper';

/** The API's action names (POST /api/documents/:id/actions) and the event each records. */
export const ACTION_EVENTS = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  cancel: 'cancelled',
  sign: 'signed',
  'prepare-signature': 'signature_prepared',
  'attach-signature': 'signed',
  'number-and-seal': 'numbered_sealed',
  issue: 'issued',
  recall: 'recalled',
  'add-recipients': 'recipients_added',
  receive: 'received',
  'return-to-sender': 'returned_to_sender',
  register: 'registered',
  direct: 'directed',
  assign: 'assigned',
  'add-opinion': 'opinion_added',
  complete: 'completed',
  file: 'filed',
  'grant-access': 'access_granted',
  'revoke-access': 'access_revoked',
} as const satisfies Record<string, DocumentEventType>;
export type ActionName = keyof typeof ACTION_EVENTS;
export const ACTION_NAMES = Object.keys(ACTION_EVENTS) as ActionName[];

export function allowedActions(
  principal: Principal,
  loaded: LoadedDocument,
  scope: DocumentScope,
): ActionName[] {
  const possible = allowedDocumentEvents(loaded.state);
  return ACTION_NAMES.filter((name) => {
    const event = ACTION_EVENTS[name];
    if (!possible.includes(event)) return false;
    return mayActOnDocument(principal, scope, event);
  });
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const day = (value: string | null) => (value === null ? null : value.slice(0, 10));

export async function describeDocument(
  db: Kysely<Database>,
  principal: Principal,
  loaded: LoadedDocument & { scope: DocumentScope },
) {
  const { row, state } = loaded;
  const id = Number(row.id);
  const assignees = await db
    .selectFrom('document_assignees')
    .selectAll()
    .where('document_id', '=', id)
    .orderBy('seq')
    .execute();
  const partyUsers = assignees.flatMap((a) => (a.user_id === null ? [] : [Number(a.user_id)]));
  const [files, signatures, deliveries, units, people] = await Promise.all([
    filesOf(db, id),
    db.selectFrom('document_signatures').selectAll().where('document_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('document_deliveries')
      .selectAll()
      .where('document_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('units_view')
      .select(['id', 'name', 'agency_code'])
      .where('id', 'in', [
        Number(row.unit_id),
        Number(row.drafting_unit_id ?? row.unit_id),
        ...assignees.map((a) => Number(a.unit_id)),
      ])
      .execute(),
    partyUsers.length === 0
      ? Promise.resolve([])
      : db.selectFrom('users_view').select(['id', 'full_name']).where('id', 'in', partyUsers).execute(),
  ]);
  const unit = (unitId: number | null) => {
    const found = units.find((u) => Number(u.id) === unitId);
    return found ? { id: Number(found.id), name: found.name, agencyCode: found.agency_code } : null;
  };
  const kind = documentKind(row.kind);
  const status = row.status as DocumentStatus;
  // The văn thư deciding on an arrival sees what it may duplicate (Điều 21.1.a: checked first).
  const deciding =
    row.direction === 'incoming' &&
    (status === 'delivered' || status === 'received') &&
    mayActOnDocument(principal, loaded.scope, 'registered');
  const duplicates = deciding ? await suspectedDuplicates(db, probeOf(loaded)) : [];
  const grants = mayActOnDocument(principal, loaded.scope, 'access_granted') ? await grantsOf(db, id) : null;
  const { amends, amendedBy } = await amendmentsView(db, loaded);
  return {
    id,
    direction: row.direction,
    status,
    statusName: DOCUMENT_STATUS_NAMES[status],
    kind: row.kind,
    kindName: kind?.name ?? row.kind,
    subject: row.subject,
    urgency: row.urgency,
    secrecy: row.secrecy,
    electronic: row.electronic,
    /** A register entry of the previous software (its files and signatures stay in its archive). */
    carriedOver: row.carried_over,
    pageAmount: row.page_amount,
    description: row.description,
    duplicates,
    /** Who was given access to this secret document (for those who may give it; else null). */
    grants,
    mayAttachScan: mayAttachScan(principal, loaded),
    agency: unit(Number(row.unit_id)),
    draftingUnit: row.drafting_unit_id === null ? null : unit(Number(row.drafting_unit_id)),
    version: state.version,
    returnedReason: state.returnedReason,
    signer: {
      userId: row.signer_user_id === null ? null : Number(row.signer_user_id),
      name: row.signer_name,
      position: row.signer_position,
      notation: row.signing_notation,
      authorityTitle: row.authority_title,
    },
    number: state.number
      ? { ...state.number, text: numberAndNotation(state.number.codeNumber, state.number.codeNotation) }
      : null,
    arrival: state.arrival,
    origin:
      row.direction === 'incoming'
        ? {
            organId: row.issuer_organ_id,
            organName: row.issuer_organ_name,
            codeNumber: row.origin_code_number,
            codeNotation: row.origin_code_notation,
            issuedDate: day(row.origin_issued_date),
            text:
              row.origin_code_number && row.origin_code_notation
                ? numberAndNotation(row.origin_code_number, row.origin_code_notation)
                : null,
            sourceDocumentId: row.source_document_id === null ? null : Number(row.source_document_id),
          }
        : null,
    dueDate: state.dueDate ?? day(row.due_date),
    answersDocumentId: row.answers_document_id === null ? null : Number(row.answers_document_id),
    /** The document this one replaces or corrects (Điều 18.3), and those that replaced or corrected it. */
    amends,
    amendedBy,
    /** The principal may draft its replacement or correction (a drafter of its unit, once issued). */
    mayAmend:
      status === 'issued' &&
      row.secrecy === 'none' &&
      loaded.scope.draftingPath.length > 0 &&
      holdsRoleIn(principal.grants, ['specialist', 'leader'], loaded.scope.draftingPath),
    replyDocumentId: state.replyDocumentId,
    fileCode: state.fileCode,
    recipients: row.recipients,
    deliveries: deliveries.map((d) => ({
      position: d.position,
      name: d.name,
      unitId: d.unit_id === null ? null : Number(d.unit_id),
      organId: d.organ_id,
      state: d.state,
      incomingDocumentId: d.incoming_document_id === null ? null : Number(d.incoming_document_id),
      at: iso(d.at),
    })),
    parties: assignees.map((a) => ({
      role: a.role,
      unitId: Number(a.unit_id),
      unitName: unit(Number(a.unit_id))?.name ?? null,
      userId: a.user_id === null ? null : Number(a.user_id),
      userName: people.find((p) => Number(p.id) === Number(a.user_id))?.full_name ?? null,
      dueDate: day(a.due_date),
      assignedAt: iso(a.assigned_at),
    })),
    files: files
      .filter((f) => f.role !== 'prepared')
      .map((f) => ({
        id: f.id,
        role: f.role,
        version: f.version,
        position: f.position,
        fileName: f.fileName,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        createdAt: f.createdAt.toISOString(),
      })),
    signatures: signatures.map((s) => ({
      kind: s.kind,
      method: s.method,
      fileId: Number(s.file_id),
      certificateSubject: s.certificate_subject,
      certificateSerial: s.certificate_serial,
      signedAt: iso(s.signed_at),
      timestampAt: iso(s.timestamp_at),
    })),
    allowedActions: allowedActions(principal, loaded, loaded.scope),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export type DocumentView = Awaited<ReturnType<typeof describeDocument>>;
