/** Test data of the statistics: dossiers inserted as their projection plus the history the report reads. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DossierAction, DossierStatus } from '@tayninh/domain/dossiers/lifecycle';
import { importDossiers } from '../dossiers';
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
  const [row] = await importDossiers(db, [
    {
      code,
      versionId: fixture.versionId,
      procedureCode: '1.013236',
      receivingUnitId: unitId,
      handlingUnitId: unitId,
      applicantUserId: fixture.userId,
      applicant: { fullName: 'Thử' },
      channel: dossier.channel,
      createdBy: fixture.userId,
      submittedAt: dossier.receivedAt!,
      projection: {
        status: status as DossierStatus,
        received_at: dossier.receivedAt!.toISOString(),
        due_at: due?.toISOString() ?? null,
        original_due_at: due?.toISOString() ?? null,
        completed_at: dossier.finishedAt?.toISOString() ?? null,
        assignee_id: people.assigneeId ?? null,
      },
      // The history the report reads, after the submission (not written).
      firstSeq: 2,
      actions: actions.map((action) => ({
        action: { type: action.type, at: action.at.toISOString(), ...action.payload } as DossierAction,
        actor: { userId: action.actor ?? null, unitId: null },
      })),
    },
  ]);
  return row!.id;
}
