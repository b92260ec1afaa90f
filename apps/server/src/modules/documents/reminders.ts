/**
 * Deadline reminders for incoming documents (issue #14 §3: "deadlines due soon and overdue are
 * listed, and reminders go out through the outbox"): once a day per assignment, an e-mail to the
 * person a document was directed or assigned to, when its deadline is within REMIND_DAYS days or
 * past. Through the generic outbox, idempotent per (assignment, day, kind): a round run twice, or
 * by two instances, queues each reminder once.
 *
 * Readings chosen: the reminder goes to the person named on the assignment; an assignment to a
 * unit without a person reminds no one (its leader sees it among the overdue). "Soon" is two
 * calendar days, so that a deadline after a weekend is announced on the Friday. Secret documents
 * are never described in an e-mail.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { addDays, formatVietnamDate, vietnamDate } from '../../lib/time';
import { EMAIL_CHANNEL, enqueueMessage } from '../notifications';
import { officialEmails } from '../org';

export const REMIND_DAYS = 2;
const OPEN_STATUSES = ['awaiting_direction', 'in_progress'];

/** One round: queues today's reminders; returns how many were new. */
export async function queueDocumentReminders(
  db: Kysely<Database>,
  options: { now?: Date; publicBaseUrl?: string | null } = {},
): Promise<{ queued: number }> {
  const today = vietnamDate(options.now ?? new Date());
  const rows = await db
    .selectFrom('document_assignees as a')
    .innerJoin('documents as d', 'd.id', 'a.document_id')
    .select([
      'a.document_id',
      'a.seq',
      'a.user_id',
      'a.due_date',
      'd.subject',
      'd.origin_code_number',
      'd.origin_code_notation',
      'd.issuer_organ_name',
      'd.arrival_number',
    ])
    .where('d.direction', '=', 'incoming')
    .where('d.status', 'in', OPEN_STATUSES)
    .where('d.secrecy', '=', 'none')
    .where('a.user_id', 'is not', null)
    .where('a.due_date', 'is not', null)
    .where('a.due_date', '<=', addDays(today, REMIND_DAYS))
    .execute();
  const contacts = await officialEmails(
    db,
    rows.map((r) => r.user_id!),
  );
  const dayNumber = Number(today.replaceAll('-', ''));
  let queued = 0;
  for (const row of rows) {
    const contact = contacts.get(Number(row.user_id));
    if (!contact) continue;
    const due = String(row.due_date).slice(0, 10);
    const overdue = due < today;
    const number =
      row.origin_code_number && row.origin_code_notation
        ? `số ${row.origin_code_number}/${row.origin_code_notation}`
        : `số đến ${String(row.arrival_number ?? '').padStart(2, '0')}`;
    const from = row.issuer_organ_name ? ` của ${row.issuer_organ_name}` : '';
    const when = overdue
      ? `đã quá hạn giải quyết (hạn ngày ${formatVietnamDate(due)})`
      : `có hạn giải quyết ngày ${formatVietnamDate(due)}`;
    const link = options.publicBaseUrl
      ? `\n\nXem văn bản: ${options.publicBaseUrl}/mot-cua/van-ban/${row.document_id}`
      : '';
    const added = await enqueueMessage(
      db,
      {
        channel: EMAIL_CHANNEL,
        subjectType: 'document',
        subjectId: `${row.document_id}/${row.seq}`,
        seq: dayNumber,
        kind: overdue ? 'document_overdue' : 'document_due_soon',
        recipient: contact.email,
        subject: `${overdue ? 'Quá hạn' : 'Sắp đến hạn'}: văn bản ${number}${from}`,
        bodies: {
          text: `Kính gửi ông/bà ${contact.fullName},\n\nVăn bản ${number}${from} về "${row.subject}" được giao ông/bà giải quyết ${when}.${link}\n\nThư do Hệ thống quản lý văn bản tỉnh Tây Ninh gửi tự động.`,
        },
      },
      { ifAbsent: true },
    );
    if (added) queued++;
  }
  return { queued };
}
