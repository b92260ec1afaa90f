/** Test data of the statistics: dossiers inserted as their projection plus the history the report reads. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { finalDueAt, type ReportDossier } from './report-06';

export interface Fixture {
  versionId: number;
  unitId: number;
  otherUnitId: number;
  userId: number;
}

/** Inserts a dossier as its projection and the history entries the report reads. */
export async function insertDossier(
  db: Kysely<Database>,
  fixture: Fixture,
  code: string,
  dossier: ReportDossier,
  unitId = fixture.unitId,
  people: { assigneeId?: number; receiverId?: number } = {},
): Promise<number> {
  const last = dossier.supplements.at(-1);
  const status =
    dossier.finishedAt === null
      ? last && last.providedAt === null
        ? 'supplement_requested'
        : 'processing'
      : dossier.finish === 'resolved'
        ? 'returned'
        : dossier.finish!;
  const due = finalDueAt(dossier);
  const row = await db
    .insertInto('dossiers')
    .values({
      code,
      procedure_version_id: fixture.versionId,
      procedure_code: '1.013236',
      receiving_unit_id: unitId,
      handling_unit_id: unitId,
      applicant_user_id: fixture.userId,
      applicant: JSON.stringify({ fullName: 'Thử' }),
      channel: dossier.channel,
      form_data: '{}',
      status,
      submitted_at: dossier.receivedAt!,
      received_at: dossier.receivedAt,
      due_at: due,
      original_due_at: due,
      completed_at: dossier.finishedAt,
      assignee_id: people.assigneeId ?? null,
      created_by: fixture.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actions: Array<{ type: string; at: Date; payload: object; actor?: number }> = [
    {
      type: 'accepted',
      actor: people.receiverId,
      at: dossier.receivedAt!,
      payload: { dueAt: dossier.originalDueAt!.toISOString() },
    },
  ];
  for (const episode of dossier.supplements) {
    actions.push({ type: 'supplement_requested', at: episode.requestedAt, payload: { items: ['Bản vẽ'] } });
    if (episode.providedAt)
      actions.push({
        type: 'supplemented',
        at: episode.providedAt,
        payload: episode.newDueAt ? { newDueAt: episode.newDueAt.toISOString() } : {},
      });
  }
  for (const [index, action] of actions.entries()) {
    await db
      .insertInto('dossier_actions')
      .values({
        dossier_id: row.id,
        seq: index + 2,
        type: action.type,
        at: action.at,
        actor_user_id: action.actor ?? null,
        actor_unit_id: null,
        reason: null,
        payload: JSON.stringify({ type: action.type, at: action.at.toISOString(), ...action.payload }),
        idempotency_key: null,
      })
      .execute();
  }
  return row.id;
}
