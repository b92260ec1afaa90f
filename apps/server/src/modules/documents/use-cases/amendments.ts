/**
 * Replacing or correcting an issued document (NĐ 30/2020 Điều 18.3; the rules are the domain's,
 * amendments.ts): the draft names the document it amends, how and why; its issuance marks the
 * original (replaced, or corrected and still in force) and each recipient's copy inside the
 * deployment, linking that copy to the new one its agency receives — all in the issuance's
 * transaction, so a failed issuance amends nothing. The document a draft answers is checked here
 * too: both are links from a draft to an earlier document.
 */
import type { Kysely } from 'kysely';
import {
  amendmentProblems,
  AMENDMENT_NAMES,
  type AmendingDraft,
  type AmendmentKind,
} from '@tayninh/domain/documents/amendments';
import { allowedDocumentEvents } from '@tayninh/domain/documents/lifecycle';
import { numberAndNotation } from '@tayninh/domain/documents/notation';
import type { Database } from '../../../db/schema';
import { DomainError, fieldError, type FieldError } from '../../../http/errors';
import type { Principal } from '../../auth';
import { loadDocument, visibleDocument, type DocumentRow, type LoadedDocument } from '../load';
import { appendEvents } from '../store/history';
import { actorOf } from './record';

export interface AmendsInput {
  documentId: number;
  kind: AmendmentKind;
  reason: string;
}

const originalOf = (loaded: LoadedDocument) => ({
  direction: loaded.row.direction,
  status: loaded.state.status,
  agencyId: Number(loaded.row.unit_id),
  kind: loaded.row.kind,
  secret: loaded.row.secrecy !== 'none',
  recipients: loaded.row.recipients,
});

/** The field errors of a draft's `amends` (the original must be one the drafter may see). */
export async function amendmentErrors(
  db: Kysely<Database>,
  principal: Principal,
  draft: AmendingDraft,
  amends: AmendsInput,
): Promise<FieldError[]> {
  const field = 'amends/documentId';
  let original: LoadedDocument;
  try {
    original = await visibleDocument(db, principal, amends.documentId);
  } catch (error) {
    if (!(error instanceof DomainError) || error.status !== 404) throw error;
    return [fieldError(field, 'unknown_document', 'Không có văn bản này.', 'No such document.')];
  }
  return amendmentProblems(amends.kind, draft, originalOf(original)).map((p) =>
    fieldError(
      p.code === 'amendment_recipients_missing' ? 'recipients' : field,
      p.code,
      p.message,
      p.messageEn,
    ),
  );
}

/** The incoming document a draft answers: one of the same agency that the drafter may see. */
export async function answeredErrors(
  db: Kysely<Database>,
  principal: Principal,
  agencyId: number,
  answersDocumentId: number,
): Promise<FieldError[]> {
  const field = 'answersDocumentId';
  try {
    const answered = await visibleDocument(db, principal, answersDocumentId);
    if (answered.row.direction === 'incoming' && Number(answered.row.unit_id) === agencyId) return [];
    return [
      fieldError(
        field,
        'not_answerable',
        'Văn bản được trả lời phải là văn bản đến của cơ quan.',
        'The answered document must be one the agency received.',
      ),
    ];
  } catch (error) {
    if (!(error instanceof DomainError) || error.status !== 404) throw error;
    return [fieldError(field, 'unknown_document', 'Không có văn bản này.', 'No such document.')];
  }
}

/** The columns a draft's `amends` sets (or clears). */
export const amendmentColumns = (amends: AmendsInput | null | undefined) => ({
  amends_document_id: amends?.documentId ?? null,
  amendment: amends?.kind ?? null,
  amendment_reason: amends?.reason.trim() ?? null,
});

/** The amended original, locked, checked again at issuance (it may have been recalled since). */
export async function lockOriginal(trx: Kysely<Database>, row: DocumentRow) {
  if (row.amends_document_id === null || row.amendment === null) return null;
  const original = (await loadDocument(trx, Number(row.amends_document_id), true))!;
  const [problem] = amendmentProblems(
    row.amendment,
    { agencyId: Number(row.unit_id), kind: row.kind, recipients: row.recipients },
    originalOf(original),
  );
  if (problem)
    throw new DomainError({
      code: problem.code,
      status: 409,
      message: problem.message,
      messageEn: problem.messageEn,
    });
  const copies = await trx
    .selectFrom('document_deliveries as d')
    .innerJoin('documents as c', 'c.id', 'd.incoming_document_id')
    .select(['c.id', 'c.unit_id'])
    .where('d.document_id', '=', original.row.id)
    .execute();
  return { original, copyByAgency: new Map(copies.map((c) => [Number(c.unit_id), Number(c.id)])) };
}

/**
 * After the amending document's copies were delivered: the original and each earlier copy
 * record the amendment (a copy whose status no longer allows it — returned, withdrawn — is left).
 */
export async function recordAmendment(
  trx: Kysely<Database>,
  principal: Principal,
  row: DocumentRow,
  locked: NonNullable<Awaited<ReturnType<typeof lockOriginal>>>,
  newCopyByAgency: Map<number, number>,
  at: string,
) {
  const kind = row.amendment!;
  const reason = row.amendment_reason!;
  const actor = actorOf(principal);
  await appendEvents(
    trx,
    Number(locked.original.row.id),
    locked.original,
    [{ type: 'amended', at, kind, byDocumentId: Number(row.id), reason }],
    actor,
    { reason },
  );
  for (const [agency, copyId] of locked.copyByAgency) {
    const copy = (await loadDocument(trx, copyId, true))!;
    if (!allowedDocumentEvents(copy.state).includes('amended')) continue;
    await appendEvents(
      trx,
      copyId,
      copy,
      [{ type: 'amended', at, kind, byDocumentId: newCopyByAgency.get(agency) ?? null, reason }],
      actor,
      { reason },
    );
  }
}

/** What a document amends and what amended it once issued (its history says which), for its page. */
export async function amendmentsView(db: Kysely<Database>, loaded: LoadedDocument) {
  const { row, state } = loaded;
  const ids = [row.amends_document_id, ...state.amendments.map((a) => a.byDocumentId)].filter(
    (id): id is number => id !== null,
  );
  const linked =
    ids.length === 0
      ? []
      : await db
          .selectFrom('documents')
          .select([
            'id',
            'subject',
            'code_number',
            'code_notation',
            'origin_code_number',
            'origin_code_notation',
          ])
          .where('id', 'in', ids)
          .execute();
  const entry = (id: number | null, kind: AmendmentKind, reason: string | null, at: string | null) => {
    const d = linked.find((l) => Number(l.id) === id);
    const code = d?.code_number ?? d?.origin_code_number;
    const notation = d?.code_notation ?? d?.origin_code_notation;
    return {
      documentId: id,
      kind,
      kindName: AMENDMENT_NAMES[kind],
      reason,
      at,
      subject: d?.subject ?? null,
      text: code && notation ? numberAndNotation(code, notation) : null,
    };
  };
  const reasons = loaded.events.flatMap((e) => (e.type === 'amended' ? [e.reason] : []));
  return {
    amends:
      row.amendment && row.amends_document_id !== null
        ? entry(Number(row.amends_document_id), row.amendment, row.amendment_reason, null)
        : null,
    amendedBy: state.amendments.map((a, i) => entry(a.byDocumentId, a.kind, reasons[i] ?? null, a.at)),
  };
}
