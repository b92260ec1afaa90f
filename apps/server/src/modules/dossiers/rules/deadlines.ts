/**
 * The deadline rules of a dossier (NĐ 61/2018, NĐ 107/2021), as plain functions of the working
 * calendar and office hours: the use cases call them with the database's calendar, the demo seed
 * with the same, and their tests with a fixed one.
 *
 * - Which processing time applies: the one the procedure publishes for the dossier's channel, else
 *   the counter's (Điều 17); none published: the officer sets the appointment.
 * - The appointment: that time counted in working time from receipt (calendar/due-date.ts; the
 *   15:00 rule is there).
 * - A supplement requested during appraisal, once provided: the period restarts from zero (the
 *   2018 text, default) or, where the procedure says so, the clock was paused and resumes — the
 *   time spent waiting for the applicant is added to the appointment.
 * - A supplement is requested within 3 working days of receipt (Điều 19.4).
 * - An apology with a new appointment is sent no later than one working day before the
 *   appointment (Điều 19.9).
 * - Deadlines an officer sets by hand (an appointment without a published time, an inter-agency
 *   task's due date, the new date of an apology) fall on a working day.
 */
import { fieldError, invalid } from '../../../http/errors';
import { formatVietnamDate, vietnamDate } from '../../../lib/time';
import { computeDueDate, type DurationUnit, type OfficeHours, type WorkingCalendar } from '../../calendar';

/** The working calendar and office hours the deadlines are counted in. */
export interface Clock {
  calendar: WorkingCalendar;
  hours: OfficeHours;
}

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** What a procedure version publishes per channel. */
export type ChannelDurations = ReadonlyArray<{ channel: string; duration?: Duration | null }>;

/** The processing time for a channel: its own, else the counter's, else none (null). */
export function applicableDuration(channels: ChannelDurations, channel: string): Duration | null {
  return (
    (channels.find((c) => c.channel === channel) ?? channels.find((c) => c.channel === 'counter'))
      ?.duration ?? null
  );
}

/** The appointment of a dossier received at `receivedAt` with this processing time. */
export function appointmentOf(receivedAt: Date, duration: Duration, clock: Clock): Date {
  return computeDueDate(receivedAt, duration.amount, duration.unit, clock.calendar, clock.hours).dueAt;
}

/** `amount` working days after `from`, counted like an appointment. */
export function workingDaysAfter(from: Date, amount: number, clock: Clock): Date {
  return computeDueDate(from, amount, 'working-days', clock.calendar, clock.hours).dueAt;
}

export type SupplementClock = 'restart' | 'pause';

/** How the procedure's deadline policy treats the time waiting for a supplement (default restart). */
export function supplementClockOf(deadlinePolicy: unknown): SupplementClock {
  const policy = (deadlinePolicy as { supplementClock?: string } | null)?.supplementClock;
  return policy === 'pause' ? 'pause' : 'restart';
}

/**
 * The appointment once a supplement asked for during appraisal is provided at `providedAt`:
 * paused, the old appointment plus the time waited; restarted, the appointment the processing
 * time gives from `providedAt` (`restarted`, computed by the caller as at receipt).
 */
export function dueAfterSupplement(
  clock: SupplementClock,
  episode: { requestedAt: Date; dueAt: Date; providedAt: Date },
  restarted: () => Date,
): Date {
  if (clock === 'pause')
    return new Date(episode.dueAt.getTime() + (episode.providedAt.getTime() - episode.requestedAt.getTime()));
  return restarted();
}

/** The last moment a supplement may be requested: 3 working days after receipt (Điều 19.4). */
export function supplementDeadline(receivedAt: Date, clock: Clock): Date {
  return workingDaysAfter(receivedAt, 3, clock);
}

/** Whether a supplement may still be requested at `now` (always, before receipt). */
export function maySupplementAt(receivedAt: Date | null, now: Date, clock: Clock): boolean {
  return receivedAt === null || now <= supplementDeadline(receivedAt, clock);
}

/** Whether an apology may be sent at `now`: one working day or more before the appointment. */
export function mayApologiseAt(now: Date, dueAt: Date | null, clock: Clock): boolean {
  return dueAt === null || workingDaysAfter(now, 1, clock) <= dueAt;
}

/** Throws a 422 on `/field` when `instant` (ISO 8601) is on a day off, in Vietnam time. */
export function requireWorkingDay(calendar: WorkingCalendar, instant: string, field: string): void {
  const date = vietnamDate(new Date(instant));
  const status = calendar.status(date);
  if (status.working) return;
  const reason = status.reason ?? 'ngày nghỉ';
  throw invalid([
    fieldError(
      `/${field}`,
      'non_working_day',
      `Ngày ${formatVietnamDate(date)} là ngày nghỉ (${reason}); hãy chọn một ngày làm việc.`,
      `${date} is not a working day (${reason}); choose a working day.`,
    ),
  ]);
}
