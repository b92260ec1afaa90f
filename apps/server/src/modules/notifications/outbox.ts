/** Queues the e-mail an action calls for, inside the action's transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { composeMail, NOTIFIED_ACTIONS, renderHtml, renderText } from './templates';

export async function enqueueNotification(
  trx: Kysely<Database>,
  dossier: {
    id: number;
    code: string | null;
    applicant: unknown;
    procedure_version_id: number;
    receiving_unit_id: number;
  },
  seq: number,
  action: DossierAction,
  publicBaseUrl: string,
): Promise<void> {
  const kind = NOTIFIED_ACTIONS[action.type as keyof typeof NOTIFIED_ACTIONS];
  const applicant = dossier.applicant as { fullName?: string; email?: string | null };
  if (!kind || !applicant.email || !dossier.code) return;
  const version = await trx
    .selectFrom('procedure_versions')
    .select('name')
    .where('id', '=', dossier.procedure_version_id)
    .executeTakeFirstOrThrow();
  const unit = await trx
    .selectFrom('units')
    .select('name')
    .where('id', '=', dossier.receiving_unit_id)
    .executeTakeFirstOrThrow();
  const content = composeMail({
    kind,
    action,
    code: dossier.code,
    applicantName: applicant.fullName ?? '',
    procedureName: version.name,
    receivingUnit: unit.name,
    lookupUrl: `${publicBaseUrl.replace(/\/$/, '')}/tra-cuu/${dossier.code}`,
  });
  await trx
    .insertInto('notification_outbox')
    .values({
      dossier_id: dossier.id,
      action_seq: seq,
      kind,
      recipient: applicant.email,
      subject: content.subject,
      body_text: renderText(content),
      body_html: renderHtml(content),
    })
    .execute();
}
