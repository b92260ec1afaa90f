/**
 * The writes of drafts (a dossier row without a code): created, edited, discarded (withdrawn,
 * never deleted) and submitted (numbered, with `submitted` appended). Each answers whether the
 * row was still the draft the caller read (false: it changed meanwhile).
 */
import type { Kysely } from 'kysely';
import type { DossierAction, DossierState } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';

type Delivery = 'counter' | 'post' | 'online';
import { appendAction, type Actor } from './history';

export interface NewDraft {
  versionId: number;
  procedureCode: string;
  receivingUnitId: number;
  handlingUnitId: number;
  applicantUserId: number;
  applicant: object;
  formData: Record<string, unknown>;
  /** The declaration as typed (draft columns: cases, result_delivery, result_address). */
  declaration: { cases?: string; result_delivery?: Delivery; result_address?: string | null };
}

export async function insertDraft(trx: Kysely<Database>, draft: NewDraft): Promise<{ id: number }> {
  return trx
    .insertInto('dossiers')
    .values({
      code: null,
      procedure_version_id: draft.versionId,
      procedure_code: draft.procedureCode,
      receiving_unit_id: draft.receivingUnitId,
      handling_unit_id: draft.handlingUnitId,
      applicant_user_id: draft.applicantUserId,
      applicant: JSON.stringify(draft.applicant),
      channel: 'online',
      form_data: JSON.stringify(draft.formData),
      status: 'draft',
      created_by: draft.applicantUserId,
      action_count: 0,
      ...draft.declaration,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateDraftRow(
  db: Kysely<Database>,
  id: number,
  patch: {
    formData: Record<string, unknown>;
    declaration: NewDraft['declaration'];
    routing: { receivingUnitId: number; handlingUnitId: number } | null;
  },
): Promise<boolean> {
  const updated = await db
    .updateTable('dossiers')
    .set({
      form_data: JSON.stringify(patch.formData),
      ...patch.declaration,
      updated_at: new Date(),
      ...(patch.routing
        ? { receiving_unit_id: patch.routing.receivingUnitId, handling_unit_id: patch.routing.handlingUnitId }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('code', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

interface DraftRow {
  id: number;
  action_count: number;
}

/** The draft withdrawn by its owner, with the history entry. */
export async function discardDraftRow(
  db: Kysely<Database>,
  row: DraftRow,
  next: DossierState,
  action: DossierAction & { type: 'withdrawn' },
  actor: Actor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('dossiers')
      .set({ status: next.status, updated_at: new Date(), action_count: row.action_count + 1 })
      .where('id', '=', row.id)
      .where('action_count', '=', row.action_count)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await appendAction(trx, row.id, row.action_count + 1, action, actor, action.reason, null);
    return true;
  });
}

/** Inside the caller's transaction (which took the code): the draft becomes a submitted dossier. */
export async function submitDraftRow(
  trx: Kysely<Database>,
  row: DraftRow,
  submitted: {
    code: string;
    applicant: object;
    versionId: number;
    resultDelivery: Delivery | null;
    resultAddress: string | null;
    next: DossierState;
    action: DossierAction;
    actor: Actor;
  },
): Promise<boolean> {
  const now = new Date(submitted.action.at);
  const updated = await trx
    .updateTable('dossiers')
    .set({
      code: submitted.code,
      applicant: JSON.stringify(submitted.applicant),
      procedure_version_id: submitted.versionId,
      result_delivery: submitted.resultDelivery,
      result_address: submitted.resultAddress,
      status: submitted.next.status,
      submitted_at: now,
      updated_at: now,
      action_count: row.action_count + 1,
    })
    .where('id', '=', row.id)
    .where('action_count', '=', row.action_count)
    .where('code', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await appendAction(trx, row.id, row.action_count + 1, submitted.action, submitted.actor, null, null);
  return true;
}
