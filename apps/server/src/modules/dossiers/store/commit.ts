/**
 * Recording an action on a submitted dossier: in one transaction, the optimistic check that the
 * history has not grown since it was read, the projection, the open tasks, what the action brings
 * with it (the rating), the notification to the applicant and the history entry.
 */
import type { Kysely } from 'kysely';
import type { DossierAction, DossierState } from '@tayninh/domain/dossiers/lifecycle';
import type { Database } from '../../../db/schema';
import { conflict } from '../../../http/errors';
import { recordAudit, type Actor as AuditActor } from '../../audit';
import { enqueueNotification } from '../../notifications';
import type { loadDossier } from '../repo';
import { appendAction, projectionOf, syncOpenTasks, type Actor } from './history';
import { insertRating, type RatingValues } from './ratings';

export type DossierRow = Awaited<ReturnType<typeof loadDossier>>['row'];

export interface RecordedAction {
  row: DossierRow;
  next: DossierState;
  action: DossierAction;
  actor: Actor;
  reason: string | null;
  idempotencyKey: string | null;
  /** The rating that comes with a `rated` action, by its applicant. */
  rating?: { ratedBy: number; values: RatingValues };
  /** A system actor (no account) is also written to the audit log under its name. */
  audit?: AuditActor;
  publicBaseUrl: string;
}

export async function commitAction(db: Kysely<Database>, input: RecordedAction): Promise<void> {
  const { row } = input;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('dossiers')
      .set({ ...projectionOf(input.next), updated_at: new Date(), action_count: row.action_count + 1 })
      .where('id', '=', row.id)
      .where('action_count', '=', row.action_count)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw conflict(
        'concurrent_change',
        'Hồ sơ vừa được người khác cập nhật; vui lòng tải lại và thử lại.',
        'The dossier changed meanwhile; reload and retry.',
      );
    }
    await syncOpenTasks(trx, row.id, input.action);
    if (input.rating) await insertRating(trx, row.id, input.rating.ratedBy, input.rating.values);
    await enqueueNotification(trx, row, row.action_count + 1, input.action, input.publicBaseUrl);
    await appendAction(
      trx,
      row.id,
      row.action_count + 1,
      input.action,
      input.actor,
      input.reason,
      input.idempotencyKey,
    );
    if (input.audit)
      await recordAudit(trx, input.audit, {
        action: `dossier.${input.action.type}`,
        entityType: 'dossier',
        entityId: row.code ?? row.id,
        after: { seq: row.action_count + 1, unitId: input.actor.unitId },
      });
  });
}

/** Whether an action with this idempotency key is in the dossier's history. */
export async function actionRecorded(db: Kysely<Database>, dossierId: number, key: string): Promise<boolean> {
  const recorded = await db
    .selectFrom('dossier_actions')
    .select('seq')
    .where('dossier_id', '=', dossierId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return recorded !== undefined;
}
