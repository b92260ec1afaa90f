/**
 * The outbox: messages queued inside the transaction of the event that calls for them, delivered
 * later by the worker of their channel (worker.ts delivers e-mail). A message is about a subject
 * of any type (a dossier today; documents exchanged with other agencies later) and is queued at
 * most once per channel, subject, event and kind.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { composeMail, NOTIFIED_ACTIONS, renderHtml, renderText } from './templates';

/** The subject type of dossiers: its messages also carry the dossier as a foreign key. */
export const DOSSIER_SUBJECT = 'dossier';

export interface OutboxMessage {
  /** How it is delivered: 'email' (worker.ts), or another channel with its own worker. */
  channel: string;
  /** What it is about: 'dossier', or another type of subject. */
  subjectType: string;
  /** The subject's identifier within its type (a dossier's id). */
  subjectId: string | number;
  /** The subject's event that calls for it (a dossier's action seq). */
  seq: number;
  /** Which message, e.g. 'received'. */
  kind: string;
  /** The address on the channel. */
  recipient: string;
  subject: string;
  bodies: { text: string; html?: string | null };
}

/**
 * Queues a message in the caller's transaction; with `ifAbsent`, a message already queued for the
 * same subject, event and kind is left as it is (a reminder computed again is not sent twice).
 * Returns whether a message was queued.
 */
export async function enqueueMessage(
  trx: Kysely<Database>,
  message: OutboxMessage,
  options: { ifAbsent?: boolean } = {},
): Promise<boolean> {
  const subjectId = String(message.subjectId);
  let insert = trx.insertInto('notification_outbox').values({
    channel: message.channel,
    subject_type: message.subjectType,
    subject_id: subjectId,
    dossier_id: message.subjectType === DOSSIER_SUBJECT ? Number(subjectId) : null,
    action_seq: message.seq,
    kind: message.kind,
    recipient: message.recipient,
    subject: message.subject,
    body_text: message.bodies.text,
    body_html: message.bodies.html ?? null,
  });
  if (options.ifAbsent)
    insert = insert.onConflict((oc) =>
      oc.columns(['channel', 'subject_type', 'subject_id', 'action_seq', 'kind']).doNothing(),
    );
  const [result] = await insert.execute();
  return Number(result?.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Queues the e-mail a dossier action calls for (if any, and if the applicant gave an address). */
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
    .selectFrom('procedure_versions_view')
    .select('name')
    .where('id', '=', dossier.procedure_version_id)
    .executeTakeFirstOrThrow();
  const unit = await trx
    .selectFrom('units_view')
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
  await enqueueMessage(trx, {
    channel: 'email',
    subjectType: DOSSIER_SUBJECT,
    subjectId: dossier.id,
    seq,
    kind,
    recipient: applicant.email,
    subject: content.subject,
    bodies: { text: renderText(content), html: renderHtml(content) },
  });
}
