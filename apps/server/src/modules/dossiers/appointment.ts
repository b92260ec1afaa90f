/**
 * The appointment (hẹn trả kết quả) given at receipt: the published processing time of the
 * dossier's channel counted in working time from the moment of receipt (NĐ 61/2018 Điều 17;
 * calendar/due-date.ts), or, for a procedure that publishes none, the date the officer sets.
 * The accept action records what `appointmentPreview` computes for the moment of receipt, and the
 * officer sees the same function's answer for "now" before confirming (GET /allowed-actions), so
 * the two cannot differ.
 */
import { versionContent } from './version-content';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fieldError, invalid } from '../../http/errors';
import type { CalendarService } from '../calendar';
import { applicableDuration, appointmentOf, requireWorkingDay, type Duration } from './rules/deadlines';

export type { Duration } from './rules/deadlines';

/** The processing time the procedure version publishes for this channel (the counter's otherwise). */
export async function publishedDuration(
  db: Kysely<Database>,
  versionId: number,
  channel: string,
): Promise<Duration | null> {
  const version = await versionContent(db, versionId);
  return applicableDuration(
    version.channels as Array<{ channel: string; duration: Duration | null }>,
    channel,
  );
}

/** The appointment of a published duration for a dossier received at `receivedAt`. */
export async function appointmentAt(
  calendar: CalendarService,
  duration: Duration,
  receivedAt: Date,
): Promise<Date> {
  return appointmentOf(receivedAt, duration, await calendar.load());
}

/**
 * The appointment to record when the dossier is accepted at `receivedAt` (ISO string): computed
 * from the published duration, or the officer's `override` when none is published.
 */
export async function appointmentOnAccept(
  db: Kysely<Database>,
  calendar: CalendarService,
  dossier: { procedure_version_id: number; channel: string },
  receivedAt: Date,
  override: string | undefined,
): Promise<string> {
  const computed = await appointmentPreview(db, calendar, dossier, receivedAt);
  if (computed.dueAt) return computed.dueAt.toISOString();
  if (!override) {
    throw invalid([
      fieldError(
        '/dueAt',
        'required',
        'Thủ tục chưa công bố thời hạn giải quyết; hãy nhập ngày hẹn trả kết quả.',
        'No published duration: give dueAt.',
      ),
    ]);
  }
  if (new Date(override) <= receivedAt)
    throw invalid([
      fieldError(
        '/dueAt',
        'past',
        'Ngày hẹn trả phải sau thời điểm tiếp nhận.',
        'dueAt must be after receipt.',
      ),
    ]);
  requireWorkingDay((await calendar.load()).calendar, override, 'dueAt');
  return new Date(override).toISOString();
}

/**
 * What accepting now would give: the appointment and the duration it comes from, or null when the
 * procedure publishes no time for the channel (the officer must set the date).
 */
export async function appointmentPreview(
  db: Kysely<Database>,
  calendar: CalendarService,
  dossier: { procedure_version_id: number; channel: string },
  now: Date,
): Promise<{ dueAt: Date | null; duration: Duration | null }> {
  const duration = await publishedDuration(db, dossier.procedure_version_id, dossier.channel);
  return { dueAt: duration ? await appointmentAt(calendar, duration, now) : null, duration };
}
